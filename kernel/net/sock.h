/*
 * Sockets inside the kernel: what the generic layer (sock.c, sock_addr.c,
 * sock_call.c) and the TCP and UDP halves share.
 */
#ifndef KERNEL_SOCK_H
#define KERNEL_SOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"

#include "kernel/fs/fd.h"
#include "kernel/uapi.h"
#include "kernel/sched/waitq.h"
#include "sockopt.h"

/* SO_SNDBUF's and SO_RCVBUF's bounds, doubled as Linux reports them: its smallest, net.core.[rw]mem_max. */
#define SOCK_BUF_MIN 2304
#define SOCK_BUF_MAX 212992

/* SO_SNDBUF/SO_RCVBUF as Linux keeps them: twice what was asked, within its bounds. */
static inline int sock_buf_size(int asked)
{
	int64_t b = 2 * (int64_t)(asked < 0 ? 0 : asked);
	return (int)(b < SOCK_BUF_MIN ? SOCK_BUF_MIN : b > SOCK_BUF_MAX ? SOCK_BUF_MAX : b);
}

enum sock_state { SS_UNCONNECTED, SS_LISTENING, SS_CONNECTING, SS_CONNECTED, SS_CLOSED };

struct sock_proto;

/* A received datagram and where it came from (UDP), on lwIP's heap. */
struct dgram {
	struct dgram *next;
	struct pbuf *p;
	ip_addr_t addr;
	uint16_t port;
};

struct sock {
	bool used;
	int type;
	int family;            /* AF_INET or AF_INET6 */
	bool v6only;           /* AF_INET6 only: IPv4 peers not taken (IPV6_V6ONLY) */
	const struct sock_proto *proto;
	void *pcb;             /* struct tcp_pcb or udp_pcb; 0 once lwIP dropped it */
	enum sock_state state;
	int err;               /* pending error (SO_ERROR), a positive errno */
	bool rd_eof;           /* the peer's FIN arrived */
	bool rd_shut, wr_shut; /* shutdown(2) */
	bool connect_pending;  /* connect returned before the connection was made */
	struct waitq wq;       /* any change: data, space, connection, error */
	/* Received data: TCP pbufs linked one by one through next; UDP datagrams. */
	struct pbuf *rx_head, *rx_tail;
	uint32_t rx_off, rx_bytes;
	struct dgram *dg_head, *dg_tail;
	/* A listener's connections not yet accepted (linked through next_pending). */
	struct sock *pending_head, *pending_tail, *next_pending;
	int backlog;
	/* Options. */
	struct sol_opts so;
	struct tcp_opts tcp;
	struct ip_opts ip;
	bool reuseport, nodelay;
	int sndbuf, rcvbuf, linger_on, linger_sec;
	uint64_t rcvtimeo_ns, sndtimeo_ns; /* 0: none */
	ip_addr_t peer_ip;                 /* UDP's connected peer */
	uint16_t peer_port;
};

/* What differs between TCP and UDP. Addresses are lwIP's; results 0 or -errno. */
struct sock_proto {
	long (*open)(struct sock *s); /* make the pcb */
	long (*bind)(struct sock *s, const ip_addr_t *ip, uint16_t port);
	long (*connect)(struct sock *s, struct file *f, const ip_addr_t *ip, uint16_t port);
	long (*listen)(struct sock *s, int backlog);
	long (*accept)(struct sock *s, struct file *f, struct sock **out);
	/* to: 0 for the connected peer. */
	long (*send)(struct sock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		     const ip_addr_t *to, uint16_t port);
	/* from/port: where a datagram came from, if not 0; *msg_flags gets MSG_TRUNC. */
	long (*recv)(struct sock *s, struct file *f, const struct kiovec *iov, int n, int flags,
		     ip_addr_t *from, uint16_t *port, int *msg_flags);
	long (*shutdown)(struct sock *s, int how);
	/* The local (peer false) or remote address; -ENOTCONN without a peer. */
	long (*name)(struct sock *s, bool peer, ip_addr_t *ip, uint16_t *port);
	unsigned (*poll)(struct sock *s);
	long (*readable)(struct sock *s); /* FIONREAD */
	void (*close)(struct sock *s);
	void (*options)(struct sock *s);  /* apply options to the pcb */
};

extern const struct sock_proto tcp_proto, udp_proto;

struct sock *sock_alloc(int type);
/* The socket of descriptor fd (and its file, if f is not 0), or 0 and *err (EBADF, ENOTSOCK). */
struct sock *sock_lookup(int fd, struct file **f, long *err);
void sock_free(struct sock *s);
/* At exit: close every socket's connection as close(2) would. */
void sock_close_all(void);
/* Wake whoever waits on s, or polls it. */
void sock_wake(struct sock *s);
/*
 * Wait for s to change (after delivering looped-back packets): 0 when
 * something happened, -EAGAIN if non-blocking (flags MSG_DONTWAIT or the
 * file's O_NONBLOCK) or timed out after timeout_ns, -ERESTARTSYS/-EINTR on
 * a signal. deadline: kept across calls, 0 before the first.
 */
long sock_wait(struct sock *s, struct file *f, int flags, uint64_t timeout_ns, uint64_t *deadline);
/* A descriptor for s (accept, socket); frees s when none is left. */
long sock_install(struct sock *s, int flags);
/* Copy between iovecs and a pbuf chain: bytes copied, or -EFAULT. */
long sock_copy_out(const struct kiovec *iov, int n, uint64_t skip, const struct pbuf *p, uint32_t off,
		   uint32_t len);
/* lwIP's err_t as a positive errno. */
int sock_errno(int lwip_err);

/* Addresses (sock_addr.c). The program's sockaddr for s as lwIP's: 0 or -errno, *unspec for AF_UNSPEC. */
long sock_addr_in(const struct sock *s, const void *uaddr, uint64_t len, ip_addr_t *ip, uint16_t *port,
		  bool *unspec);
/* ip and port into the program's sockaddr (if uaddr is not 0) and its length, as getsockname(2) writes them. */
long sock_addr_out(const struct sock *s, void *uaddr, void *ulen, const ip_addr_t *ip, uint16_t port);
/* Is ip one of ours (any, loopback, or an interface's)? */
bool sock_addr_local(const ip_addr_t *ip);

#endif
