/* Pipes within the VM. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include <stdbool.h>

struct file;

/* pipe2(2): 0 with the two descriptors stored at ufds, or -errno. */
long pipe_create(int *ufds, int flags);
/* Is f an end of a pipe? */
bool pipe_file(const struct file *f);

#endif
