/* signalfd: pending signals read as a descriptor. */
#ifndef KERNEL_SIGNALFD_H
#define KERNEL_SIGNALFD_H

#include <stdint.h>

/* A new signalfd for mask (fd -1), or a new mask for signalfd fd. */
long signalfd_set(int fd, const void *umask, uint64_t size, int flags);

#endif
