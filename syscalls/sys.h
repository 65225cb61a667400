/* What a syscall's file needs: kernel services, Linux's constants, SYSCALL_DEFINEn. */
#ifndef SYSCALLS_SYS_H
#define SYSCALLS_SYS_H

#include "kernel/fs/fd.h"
#include "kernel/kernel.h"
#include "kernel/fs/path.h"
#include "kernel/mm/uaccess.h"
#include "kernel/syscall.h"
#include "kernel/uapi.h"

#define MAX_RW_COUNT 0x7ffff000ULL /* Linux's cap on one read or write */

#endif
