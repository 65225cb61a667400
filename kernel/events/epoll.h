/* epoll instances: interest lists of files, waited on together. */
#ifndef KERNEL_EPOLL_H
#define KERNEL_EPOLL_H

#include <stdint.h>

#include "kernel/fs/fd.h"

#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3

long epoll_create(int flags);
long epoll_ctl(int epfd, int op, int fd, const void *uevent);
/* Up to max events into uevents, waiting ns (< 0: forever). */
long epoll_wait(int epfd, void *uevents, int max, int64_t ns);
/* A file is gone: it leaves every interest list. */
void epoll_forget(struct file *f);

#endif
