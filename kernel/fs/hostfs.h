/* Host files beyond their file_ops. */
#ifndef KERNEL_HOSTFILE_H
#define KERNEL_HOSTFILE_H

struct file;

/* Build hoststream_ops (kernel/fs/fd.h). */
void hostfile_init(void);
/* fsync/fdatasync (HC_FILE_FSYNC, HC_FILE_FDATASYNC): held-back data first, and its error. */
long hostfile_sync(struct file *f, int op);

#endif
