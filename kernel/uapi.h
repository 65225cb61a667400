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
#include <asm/statfs.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/futex.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/limits.h>
#include <linux/magic.h>
#include <linux/mman.h>
#include <linux/random.h>
#include <linux/rseq.h>
#include <linux/sched.h>
#include <linux/stat.h>
#include <linux/tcp.h>
#include <linux/time.h>
#include <linux/uio.h>

/* <sys/socket.h> (SOMAXCONN: Linux's and glibc's; musl says 128) */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC
#define SOMAXCONN 4096
#define SHUT_RD 0
#define SHUT_WR 1
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_MORE 0x8000
#define MSG_WAITFORONE 0x10000
#define MSG_CMSG_CLOEXEC 0x40000000
#define SCM_RIGHTS 1
#define SCM_CREDENTIALS 2

/* <signal.h>: <asm/signal.h> would bring its 32-signal NSIG. */
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGSEGV 11
#define SIGPIPE 13
#define SIGALRM 14
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SA_NOCLDSTOP 0x1
#define SA_NOCLDWAIT 0x2
#define SA_SIGINFO 0x4
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048
#define SI_KERNEL 0x80
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD_ID 4

/* <sys/timerfd.h> */
#define TFD_TIMER_ABSTIME 1
#define TFD_TIMER_CANCEL_ON_SET 2

/* <sys/eventfd.h> */
#define EFD_SEMAPHORE 1

/* <unistd.h>: access(2)'s modes */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* <dirent.h> */
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

/* <sys/wait.h>: si_code of SIGCHLD */
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* <sys/statvfs.h>, and ST_VALID: Linux's mark that statfs filled f_flags */
#define ST_VALID 0x0020
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_RELATIME 0x1000

#endif
