/*
 * Socket options kept per socket, by level, and the functions sockopt.c
 * hands each level to: SOL_SOCKET's (shared with AF_UNIX), IPPROTO_IP's and
 * IPPROTO_IPV6's (sockopt_ip.c), IPPROTO_TCP's (sockopt_tcp.c). Most are
 * stored to be read back as Linux reads them; what lwIP can act on is applied
 * to the pcb.
 */
#ifndef KERNEL_SOCKOPT_H
#define KERNEL_SOCKOPT_H

#include <stdbool.h>
#include <stdint.h>

struct sock;

/* SOL_SOCKET's options that every kind of socket keeps alike. */
struct sol_opts {
	bool reuseaddr, keepalive, broadcast, oobinline, timestamp, dontroute;
	int priority;
	int rcvlowat;  /* 0: Linux's default, 1 */
	int bound_dev; /* SO_BINDTODEVICE's interface index, 0: none */
};

/* IPPROTO_TCP's. Zero is Linux's default for each (the sysctl's value where it has one). */
struct tcp_opts {
	bool cork;
	bool cork_timer;  /* the 200 ms flush of corked data is armed */
	bool pingpong;    /* TCP_QUICKACK set to 0 */
	int keepidle, keepintvl, keepcnt, syncnt;
	int user_timeout; /* ms */
	int defer_accept; /* in retransmissions, as Linux keeps it */
	int fastopen, notsent_lowat, maxseg;
	bool reno;        /* TCP_CONGESTION "reno", else "cubic" */
};

/* IPPROTO_IP's and IPPROTO_IPV6's. */
struct ip_opts {
	int ttl, hops;  /* -1: Linux's default, 64 */
	int tos, tclass;
	int pmtudisc;
	bool pktinfo, freebind, bind_no_port, recverr, recvpktinfo;
};

/* A new socket's options, as Linux's. */
void sockopt_init(struct sock *s);

/* SOL_SOCKET: 0 or -errno (-ENOPROTOOPT: not one of these). */
long sol_set(struct sol_opts *o, int name, const void *uval, uint64_t len);
/* *v for name, or -ENOPROTOOPT. */
long sol_get(const struct sol_opts *o, int name, int32_t *v);
/* SO_BINDTODEVICE (len bytes at uval) and its read-back (up to len bytes into out, *size). */
long sol_set_device(struct sol_opts *o, const void *uval, uint64_t len);
long sol_get_device(const struct sol_opts *o, int32_t len, char *out, uint32_t *size);

/*
 * The levels of sockets on lwIP: set from the program's uval/len, get into
 * out (room for OPT_OUT_MAX bytes) with *size, given the program's len.
 */
#define OPT_OUT_MAX 256
long ip_set(struct sock *s, int level, int name, const void *uval, uint64_t len);
long ip_get(struct sock *s, int level, int name, int32_t len, void *out, uint32_t *size);
long tcp_opt_set(struct sock *s, int name, const void *uval, uint64_t len);
long tcp_opt_get(struct sock *s, int name, int32_t len, void *out, uint32_t *size);

/* Onto the pcb (struct udp_pcb or tcp_pcb): the IP options (TTL, TOS), and TCP's. */
void ip_opts_apply(struct sock *s, uint8_t *ttl, uint8_t *tos);
void tcp_opts_apply(struct sock *s);
/* After a write: false if corked (output then waits for uncorking or 200 ms). */
bool tcp_opts_push(struct sock *s);
/* The socket closes: no corked flush may run for it. */
void tcp_opts_close(struct sock *s);

#endif
