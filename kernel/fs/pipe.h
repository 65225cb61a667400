/* Pipes within the VM. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;

/* pipe2(2): 0 with the two descriptors stored at ufds, or -errno. */
long pipe_create(int *ufds, int flags);
struct rnode;
/*
 * open(2) of a FIFO (a tmpfs node), path the frame its file keeps: a
 * descriptor, or -errno (the frame freed). Without O_NONBLOCK a reader waits
 * for a writer and a writer for a reader; O_WRONLY|O_NONBLOCK with no reader
 * is ENXIO.
 */
long pipe_open_fifo(struct rnode *node, char *path, int flags);
/* Is f an end of a pipe? */
bool pipe_file(const struct file *f);
/*
 * splice: hand the bytes in pipe (a read end), at most len, straight to
 * out's write op at out_offset (-1: a stream); or fill pipe (a write end)
 * from in's read op at in_offset. The count moved, 0 at the end of the
 * pipe's data, or -errno; nonblock: -EAGAIN rather than waiting.
 */
long pipe_splice_out(struct file *pipe, struct file *out, int64_t out_offset, size_t len, bool nonblock);
long pipe_splice_in(struct file *in, int64_t in_offset, struct file *pipe, size_t len, bool nonblock);

#endif
