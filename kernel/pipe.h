/* Pipes within the VM. */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

/* pipe2(2) into kernel memory: 0 and the two descriptors, or -errno. */
long pipe_create(int fds[2], int flags);

#endif
