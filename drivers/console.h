/* The host's standard streams; buffers are kernel memory, results are bytes or -errno. */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H

#include <stddef.h>

long console_write(int host_fd, const void *buf, size_t len);
long console_read(int host_fd, void *buf, size_t len);
long console_fstat_host(int host_fd, void *statbuf);
long console_ioctl_host(int host_fd, unsigned cmd, void *arg);

#endif
