/*
 * The record locks of every process, by file (the device and inode fstat
 * gives) and owner: a process's descriptor table for POSIX locks, an open
 * file for OFD ones. Ranges are inclusive; RECLOCK_TO_END reaches the end of
 * the file however long it grows.
 */
#ifndef KERNEL_RECLOCK_TABLE_H
#define KERNEL_RECLOCK_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#define RECLOCK_TO_END INT64_MAX

struct lock_key {
	uint64_t dev, ino;
};

struct rlock {
	bool used;
	bool ofd;
	short type; /* F_RDLCK or F_WRLCK */
	int pid;    /* the process that set it: F_GETLK's l_pid */
	struct lock_key key;
	const void *owner;
	int64_t start, end;
};

/* A lock of another owner that a lock of type over [start, end] would conflict with, or 0. */
const struct rlock *rl_conflict(struct lock_key key, const void *owner, short type, int64_t start, int64_t end);
/* Can rl_set take any request now (it may split a lock in two)? */
bool rl_room(void);
/* The owner's locks over [start, end] become type (F_UNLCK: none), merged with its touching ones. */
void rl_set(struct lock_key key, const void *owner, bool ofd, int pid, short type, int64_t start, int64_t end);
/* Does owner hold any lock (on key, unless key is 0)? */
bool rl_holds(const struct lock_key *key, const void *owner);
/* owner's locks go (on key only, unless key is 0). */
void rl_drop(const struct lock_key *key, const void *owner);
/*
 * The first span from *from to end that no POSIX lock on key covers: true,
 * with the span in [*from, *to]; false when they cover all the rest.
 */
bool rl_next_gap(struct lock_key key, int64_t *from, int64_t end, int64_t *to);

#endif
