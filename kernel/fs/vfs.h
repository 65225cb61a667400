/*
 * The calls on open files beyond reading and writing: each dispatches on the
 * file's ops, and a kind of file without the op gets the answer Linux gives
 * for it (a pipe, a socket, an anonymous inode...).
 */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include <stddef.h>
#include <stdint.h>

#include "fd.h"

struct flock;
struct statfs;

/* Learn f's device and inode (f->dev, f->ino), once: 0 or -errno. */
long vfs_identify(struct file *f);
/* Read len bytes at offset into a kernel buffer: the count, or -errno. */
long vfs_read_kernel(struct file *f, void *buf, size_t len, int64_t offset);
/* The file's S_IFMT bits; 0 for an anonymous inode (eventfd, epoll...). */
unsigned vfs_file_type(struct file *f);
long vfs_fchmod(struct file *f, unsigned mode);
long vfs_fchown(struct file *f, uint32_t owner, uint32_t group);
long vfs_ftruncate(struct file *f, int64_t length);
long vfs_fallocate(struct file *f, int mode, int64_t offset, int64_t len);
/* lseek(2): the new position, recorded as the file's, or -errno. */
int64_t vfs_lseek(struct file *f, int64_t offset, int whence);
/* Where offset from whence lands in f (its size from fstat), or -EINVAL: for llseek ops. */
/*
 * getdents64 of the kernel's own directories: a record for name (inode ino, type DT_*, the
 * position after it next) at ubuf + *done, of len bytes in all. 1 when written (*done moved),
 * 0 when it does not fit, -EFAULT.
 */
int vfs_dirent(void *ubuf, size_t len, size_t *done, uint64_t ino, int64_t next, unsigned char type, const char *name);
int64_t vfs_seek_target(struct file *f, int64_t offset, int whence);
/* fsync(2), fdatasync(2) (HC_FILE_FSYNC, HC_FILE_FDATASYNC); EINVAL for pipes and the kernel's own files. */
long vfs_sync(struct file *f, int op);
long vfs_fstatfs(struct file *f, struct statfs *buf);
/* A file system of the kernel's own (pipefs, proc...): its magic and f_flags beyond ST_VALID. */
void vfs_pseudo_statfs(struct statfs *buf, long magic, long flags);
/* Copy len bytes from in at in_offset to out at out_offset (-1: out's own position). */
long vfs_copy_range(struct file *in, int64_t in_offset, struct file *out, int64_t out_offset, size_t len);

#endif
