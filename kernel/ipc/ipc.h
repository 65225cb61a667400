/*
 * System V IPC: shared memory segments, semaphore sets (and their undo on
 * exit), message queues, shared by every process of the machine. What the three kinds share:
 * keys, ids, permissions.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <asm/ipcbuf.h>

#define IPC_SLOTS 128   /* objects of each kind at once */
#define IPC_SEQ 32768   /* an id is slot + IPC_SEQ * its slot's use count, as Linux numbers them */

struct proc;
struct mm;

/* What every object has: its key and permissions, whether its slot is in use, and its id. */
struct ipc_head {
	bool used;
	bool removed;  /* IPC_RMID while still attached (shared memory) */
	int id;
	uint16_t seq;
	struct ipc64_perm perm;
	int64_t ctime;
};

/*
 * ipcget's search: the object of key among n heads (each size bytes apart)
 * for flags (IPC_CREAT, IPC_EXCL, mode): its index, -1 to create one (*err 0),
 * or -1 with *err set (ENOENT, EEXIST, EACCES).
 */
int ipc_find(struct ipc_head *first, size_t size, int key, int flags, long *err);
/* A free slot's index among the heads, or -1 (ENOSPC). */
int ipc_free_slot(struct ipc_head *first, size_t size);
/* IPC_INFO's answer: the highest slot in use (0 if none). */
int ipc_last_used(const struct ipc_head *first, size_t size);
/* Make slot i a new object of key with mode's permission bits, owned by the caller. */
void ipc_claim(struct ipc_head *h, int i, int key, int mode);
/* The object an id names (0 if none), and may the caller use it so (4 read, 2 write)? */
struct ipc_head *ipc_lookup(struct ipc_head *first, size_t size, int id);
bool ipc_allowed(const struct ipc_head *h, int want);
/* IPC_SET's and IPC_RMID's rule: the owner, the creator or root. */
bool ipc_owner(const struct ipc_head *h);
/* IPC_SET: uid, gid and the low 9 bits of mode from a kernel copy of the struct. */
void ipc_set(struct ipc_head *h, const struct ipc64_perm *p);
int64_t ipc_now(void);

/* shmget, shmat, shmdt, shmctl: an id, an address, 0 or -errno. */
long shm_get(int key, uint64_t size, int flags);
long shm_attach(int id, uint64_t addr, int flags);
long shm_detach(uint64_t addr);
long shm_control(int id, int cmd, void *ubuf);
/* semget, semop/semtimedop (deadline: TSC, 0 none), semctl (arg: union semun's bits). */
long sem_get(int key, int nsems, int flags);
long sem_op(int id, const void *usops, unsigned nsops, uint64_t deadline);
long sem_control(int id, int num, int cmd, uint64_t arg);

/* msgget, msgsnd, msgrcv (the bytes of text taken), msgctl. */
long msg_get(int key, int flags);
long msg_send(int id, const void *umsg, size_t len, int flags);
long msg_receive(int id, void *umsg, size_t len, long type, int flags);
long msg_control(int id, int cmd, void *ubuf);

/* Shared memory attached by an address space: copied on fork, dropped when it goes. */
void shm_fork(const struct mm *from, const struct mm *to);
void shm_forget(const struct mm *mm);
/* Semaphore adjustments (SEM_UNDO) of an ending process, applied. */
void sem_exit(struct proc *p);

#endif
