/*
 * fcntl's record locks between the machine's processes. The kernel decides
 * who holds what (kernel/fs/reclock_table.c); the file's own lock op (the
 * host's through the monitor, or the in-memory file system) is told the union
 * of them, so that processes outside the machine see them and their locks
 * hold here too.
 */
#ifndef KERNEL_RECLOCK_H
#define KERNEL_RECLOCK_H

struct file;
struct files;
struct flock;

/* F_GETLK... F_OFD_SETLKW with a kernel copy of the struct flock. */
long reclock_fcntl(struct file *f, unsigned cmd, struct flock *fl);
/* A descriptor of f in the table owner closed: owner's POSIX locks on the file go, as POSIX says. */
void reclock_close(struct files *owner, struct file *f);
/* f's last reference went: its OFD locks go. */
void reclock_file_gone(struct file *f);

#endif
