/*
 * AF_UNIX sockets: what their files and slots (unix_file.c), names
 * (unix_name.c), calls (sock_unix.c), options (unix_opt.c) and messages
 * (unix_msg.c) share.
 */
#ifndef KERNEL_UNIX_H
#define KERNEL_UNIX_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/fs/fd.h"
#include "kernel/uapi.h"
#include "sockopt.h"
#include "unix_queue.h"
#include "kernel/sched/waitq.h"

#define UNIX_MAX 128  /* sockets at once */
#define SUN_MAX 109   /* sun_path bytes a name may have: 108 and the NUL Linux adds */
#define SHUT_RCV 1    /* Linux's RCV_SHUTDOWN and SEND_SHUTDOWN bits */
#define SHUT_SEND 2
#define UNIX_BUF 212992 /* SO_SNDBUF and SO_RCVBUF to begin with (net.core.wmem_default) */

enum ustate { US_UNCONNECTED, US_LISTENING, US_CONNECTED };

/* A name: the sun_path bytes Linux keeps (path and NUL, or the abstract name with its leading NUL). */
struct uname {
	uint8_t len; /* 0: unnamed */
	char path[SUN_MAX];
};

/* Where a name is looked up: a canonical path, or an abstract name (apart for each type, as in Linux). */
#define KEY_MAX 256
struct ukey {
	bool path;
	bool in_tmpfs; /* a canonical path in the kernel's tmpfs: the name is a socket node there */
	int len;
	char text[KEY_MAX];
};

struct usock {
	bool used;
	int type;
	enum ustate state;
	struct usock *peer;    /* the other end, or a datagram socket's destination; 0 once it closed */
	bool peer_closed;      /* a connected datagram socket's destination closed: ECONNREFUSED once */
	struct uname name, peer_name;
	int shut;              /* SHUT_RCV, SHUT_SEND */
	int err;               /* pending error (SO_ERROR) */
	struct waitq wq;       /* any change: data, room, connection, error */
	struct uq q;           /* received messages; a listener's connections are in pending */
	struct usock *pending_head, *pending_tail, *next_pending;
	int npending, backlog;
	bool creds;            /* SO_PEERCRED has the program's ids (else none) */
	bool passcred;
	int sndbuf, rcvbuf;
	struct sol_opts so;    /* SOL_SOCKET's options kept as on any socket */
	struct file *file;     /* its open file, 0 for a connection not accepted yet */
	uint64_t node;         /* the socket node its name made in tmpfs (its inode number), or 0 */
};

/* The slots, indexed by the files' handles. */
extern struct usock unix_socks[UNIX_MAX];

/* A stream or seqpacket socket: one with connections. */
static inline bool unix_connection(const struct usock *s)
{
	return s->type != SOCK_DGRAM;
}

/* A free slot for a socket of type, or 0 (after collecting sockets only messages in flight hold). */
struct usock *unix_alloc(int type);
/* The socket whose file f is, or 0. */
struct usock *unix_file_sock(struct file *f);
/* Free the sockets that only messages queued at sockets just as unreachable keep open (unix_gc.c). */
void unix_gc(void);
/* The socket of descriptor fd (and its file, if f is not 0), or 0 and *err (EBADF, ENOTSOCK). */
struct usock *unix_lookup(int fd, struct file **f, long *err);
/* A descriptor for s with flags (O_NONBLOCK, O_CLOEXEC), or -errno. */
long unix_install(struct usock *s, int flags);
/* Close s (embryo: a connection never accepted), telling its peer and those sending to it. */
void unix_close(struct usock *s, bool embryo);
/* Give s the name n with its key k: 0 or -EADDRINUSE. */
long unix_name_set(struct usock *s, const struct uname *n, const struct ukey *k);
/* bind(2) with the family alone: an abstract name of five hex digits nobody has. */
long unix_autobind(struct usock *s);
/* Block on q for the call (flags MSG_DONTWAIT or the file's O_NONBLOCK: -EAGAIN); -ERESTARTSYS on a signal. */
long unix_wait(struct waitq *q, struct file *f, int flags);
/* The socket a name is bound to, for a socket of type: 0 and *err (ECONNREFUSED, ENOENT, EPROTOTYPE). */
struct usock *unix_find(const struct ukey *k, int type, long *err);
/* The program's sockaddr_un as a name and its key: 0 or -errno; an empty name for the family alone. */
long unix_name_in(const void *uaddr, uint64_t len, struct uname *n, struct ukey *k);
/* Write a name as getsockname(2) does; unnamed gives the family alone if family_only, else length 0. */
long unix_name_out(void *uaddr, void *ulen, const struct uname *n, bool family_only);
/*
 * Send on s (to: a datagram's destination, or 0) and receive (from: the
 * sender's name, if not 0); the rest as unix_send and unix_recv.
 */
long unix_transmit(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		   const struct ukey *to, const void *ucontrol, uint64_t controllen);
long unix_receive(struct usock *s, struct file *f, const struct kiovec *iov, int n, int flags, struct uname *from,
		  int *msg_flags, void *ucontrol, uint64_t *controllen);
/* Wake s and whoever waits to send to it. */
void unix_wake(struct usock *s);

#endif
