/* Pipes within the VM. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

/* pipe2(2): 0 with the two descriptors stored at ufds, or -errno. */
long pipe_create(int *ufds, int flags);

#endif
