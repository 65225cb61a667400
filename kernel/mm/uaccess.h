/* Reaching the application's memory from a syscall: checked before touched. */
#ifndef KERNEL_UACCESS_H
#define KERNEL_UACCESS_H

#include <stdbool.h>
#include <stddef.h>

/* 0, or -EFAULT if the range is not mapped with the access needed. */
long copy_from_user(void *dst, const void *usrc, size_t len);
long copy_to_user(void *udst, const void *src, size_t len);
/* Length of the string copied (NUL included in max), -EFAULT or -ENAMETOOLONG. */
long strncpy_from_user(char *dst, const char *usrc, size_t max);

/*
 * sendfile and splice hand kernel pages to a file's read or write op, which
 * expect the program's memory: until uaccess_kernel_end, the copies above
 * accept [buf, buf + len) of the running thread too.
 */
void uaccess_kernel_begin(const void *buf, size_t len);
void uaccess_kernel_end(void);
/* Does [p, p + len) lie in that kernel buffer? */
bool uaccess_is_kernel(const void *p, size_t len);

#endif
