/* eventfd objects: a 64-bit counter behind a descriptor. */
#ifndef KERNEL_EVENTFD_H
#define KERNEL_EVENTFD_H

#include <stdint.h>

/* eventfd2(2): the new descriptor or -errno. */
long eventfd_create(uint64_t initval, int flags);

#endif
