/*
 * Linux's constants, from one place: the installed uapi headers (package
 * linux-libc-dev) where they define them for user space, and below them the
 * few that only libc's headers carry, each with Linux's value.
 */
#ifndef KERNEL_UAPI_H
#define KERNEL_UAPI_H

#include <asm-generic/errno.h>
#include <asm/ioctls.h>
#include <asm/socket.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/mman.h>
#include <linux/random.h>
#include <linux/rseq.h>
#include <linux/sched.h>
#include <linux/stat.h>
#include <linux/tcp.h>
#include <linux/time.h>

/* <sys/socket.h> */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

/* <signal.h>: <asm/signal.h> would bring its 32-signal NSIG. */
#define SIGKILL 9
#define SIGPIPE 13
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGURG 23
#define SIGWINCH 28
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* <signal.h>: sigaltstack's flags and least size. */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048

#endif
