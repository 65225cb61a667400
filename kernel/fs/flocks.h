/*
 * flock(2)'s locks between the machine's processes. A lock belongs to the
 * open file (dup and fork share it) and is on the file it names (the device
 * and inode fstat gives), so another open of the same file conflicts with
 * it, even in one process. The kernel decides; the file's own flock op (the
 * host's through the monitor) is asked for each lock granted, never waiting,
 * so that processes outside the machine are excluded too.
 */
#ifndef KERNEL_FLOCKS_H
#define KERNEL_FLOCKS_H

struct file;

/* flock(2) on f: LOCK_SH, LOCK_EX or LOCK_UN, with LOCK_NB or not. */
long flocks_flock(struct file *f, int operation);
/* f's last reference went: its lock goes. */
void flocks_file_gone(struct file *f);

#endif
