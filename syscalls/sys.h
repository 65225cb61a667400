/* What a syscall's file needs: kernel services, Linux's errno values and flags. */
#ifndef SYSCALLS_SYS_H
#define SYSCALLS_SYS_H

#include <asm-generic/errno.h>

#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/fs/path.h"
#include "kernel/syscall.h"
#include "kernel/mm/uaccess.h"

#define AT_FDCWD (-100)
#define AT_EMPTY_PATH 0x1000
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_NO_AUTOMOUNT 0x800
#define O_ACCMODE_ 3
#define O_APPEND_ 02000
#define MAX_RW_COUNT 0x7ffff000ULL /* Linux's cap on one read or write */

#endif
