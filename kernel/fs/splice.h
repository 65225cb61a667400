/* Moving a regular file's bytes to another file through kernel pages: sendfile and splice. */
#ifndef KERNEL_SPLICE_H
#define KERNEL_SPLICE_H

#include <stddef.h>
#include <stdint.h>

struct file;

/*
 * Up to len bytes of in (a regular file) from in_offset to out at
 * out_offset (-1: a stream's or out's own place). Host files to host files
 * go through the monitor. The count moved, or -errno if none was.
 */
long splice_direct(struct file *in, int64_t in_offset, struct file *out, int64_t out_offset, size_t len);
/*
 * A copy in the kernel keeps shared writable mappings in step as read() and
 * write() do: in's (if given) written back over len bytes at in_offset before,
 * out's (if given) refreshed where moved bytes went after.
 */
void splice_mapped(struct file *in, int64_t in_offset, uint64_t len, struct file *out, int64_t out_offset, long moved);
/*
 * The end of a sendfile or splice that held in and out (fd_hold; either may
 * be 0): drops them, then SIGPIPE for -EPIPE as a write would. Returns n.
 */
long splice_done(struct file *in, struct file *out, long n);

#endif
