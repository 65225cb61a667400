/* Host files beyond their file_ops. */
#ifndef KERNEL_HOSTFILE_H
#define KERNEL_HOSTFILE_H

struct file;

/* Build hoststream_ops (kernel/fs/fd.h). */
void hostfile_init(void);

#endif
