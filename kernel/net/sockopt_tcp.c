/*
 * setsockopt(2) and getsockopt(2) at IPPROTO_TCP, as Linux answers them.
 * Keepalive's times and count, Nagle and TCP_CORK act through lwIP; the
 * rest (user timeout, deferred accept, Fast Open's queue, notsent low-water
 * mark, congestion control) are kept and read back, as lwIP has no such knobs.
 * TCP_CORK: writes do not call tcp_output while corked, and uncorking (or
 * TCP_NODELAY, or 200 ms after a write, Linux's ceiling) pushes what waits.
 * lwIP's own output (on an arriving segment, a delayed ACK) can still send a
 * corked partial segment early, which Linux would hold.
 */
#include "kernel/uapi.h"

#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"

#include "sock.h"
#include "sockopt.h"
#include "kernel/kernel.h"
#include "kernel/mm/uaccess.h"

#define KEEPIDLE_DEFAULT 7200 /* s: net.ipv4.tcp_keepalive_time */
#define KEEPINTVL_DEFAULT 75  /* s: tcp_keepalive_intvl */
#define KEEPCNT_DEFAULT 9     /* tcp_keepalive_probes */
#define SYNCNT_DEFAULT 6      /* tcp_syn_retries */
#define KEEP_MAX 32767        /* Linux's MAX_TCP_KEEPIDLE and KEEPINTVL */
#define KEEPCNT_MAX 127
#define SYNCNT_MAX 127
#define MSS_MIN 88            /* TCP_MIN_MSS */
#define MSS_MAX 32767         /* MAX_TCP_WINDOW */
#define MSS_DEFAULT 536       /* what Linux reports before a connection */
#define CORK_MS 200
#define DEFER_RTO 1           /* s: the first SYN-ACK timeout Linux counts TCP_DEFER_ACCEPT in */
#define DEFER_RTO_MAX 120
#define CA_NAME_MAX 16        /* TCP_CA_NAME_MAX */

/* Linux keeps TCP_DEFER_ACCEPT as the number of SYN-ACK retransmissions that cover it. */
static int secs_to_retrans(int secs)
{
	int n = 0, timeout = DEFER_RTO, period = DEFER_RTO;
	if (secs <= 0)
		return 0;
	for (n = 1; secs > period && n < 255; n++) {
		timeout = timeout * 2 > DEFER_RTO_MAX ? DEFER_RTO_MAX : timeout * 2;
		period += timeout;
	}
	return n;
}

static int retrans_to_secs(int n)
{
	int timeout = DEFER_RTO, period = n ? DEFER_RTO : 0;
	while (n-- > 1) {
		timeout = timeout * 2 > DEFER_RTO_MAX ? DEFER_RTO_MAX : timeout * 2;
		period += timeout;
	}
	return period;
}

static void cork_expired(void *arg);

static struct tcp_pcb *live_pcb(struct sock *s)
{
	return s->state == SS_CONNECTED ? s->pcb : 0;
}

void tcp_opts_close(struct sock *s)
{
	if (s->tcp.cork_timer)
		sys_untimeout(cork_expired, s);
	s->tcp.cork_timer = false;
}

/* Send what is queued, as far as Nagle lets it. */
static void push(struct sock *s)
{
	struct tcp_pcb *pcb = live_pcb(s);
	tcp_opts_close(s);
	if (pcb)
		tcp_output(pcb);
}

static void cork_expired(void *arg)
{
	struct sock *s = arg;
	s->tcp.cork_timer = false;
	push(s);
}

bool tcp_opts_push(struct sock *s)
{
	if (!s->tcp.cork)
		return true;
	if (!s->tcp.cork_timer) {
		s->tcp.cork_timer = true;
		sys_timeout(CORK_MS, cork_expired, s);
	}
	return false;
}

void tcp_opts_apply(struct sock *s)
{
	struct tcp_pcb *pcb = s->pcb;
	const struct tcp_opts *o = &s->tcp;
	pcb->keep_idle = (uint32_t)(o->keepidle ? o->keepidle : KEEPIDLE_DEFAULT) * 1000;
	pcb->keep_intvl = (uint32_t)(o->keepintvl ? o->keepintvl : KEEPINTVL_DEFAULT) * 1000;
	pcb->keep_cnt = (uint32_t)(o->keepcnt ? o->keepcnt : KEEPCNT_DEFAULT);
}

static long check_range(int32_t v, int32_t lo, int32_t hi, int *to)
{
	if (v < lo || v > hi)
		return -EINVAL;
	*to = v;
	return 0;
}

static long set_congestion(struct sock *s, const void *uval, uint64_t len)
{
	char name[CA_NAME_MAX] = { 0 };
	if (len < 1)
		return -EINVAL;
	if (copy_from_user(name, uval, len < CA_NAME_MAX - 1 ? len : CA_NAME_MAX - 1))
		return -EFAULT;
	if (strcmp(name, "reno") && strcmp(name, "cubic"))
		return -ENOENT;
	s->tcp.reno = !strcmp(name, "reno");
	return 0;
}

long tcp_opt_set(struct sock *s, int name, const void *uval, uint64_t len)
{
	struct tcp_opts *o = &s->tcp;
	struct tcp_pcb *pcb = live_pcb(s);
	int32_t v;
	if (name == TCP_CONGESTION)
		return set_congestion(s, uval, len);
	if (len < sizeof(v))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	switch (name) {
	case TCP_NODELAY:
		s->nodelay = v != 0;
		/* Linux: setting it pushes what waits, corked or not. */
		if (v && pcb) {
			tcp_nagle_disable(pcb);
			push(s);
		}
		return 0;
	case TCP_CORK:
		o->cork = v != 0;
		if (!v)
			push(s);
		return 0;
	case TCP_MAXSEG:
		if (v && (v < MSS_MIN || v > MSS_MAX))
			return -EINVAL;
		o->maxseg = v;
		return 0;
	case TCP_KEEPIDLE: return check_range(v, 1, KEEP_MAX, &o->keepidle);
	case TCP_KEEPINTVL: return check_range(v, 1, KEEP_MAX, &o->keepintvl);
	case TCP_KEEPCNT: return check_range(v, 1, KEEPCNT_MAX, &o->keepcnt);
	case TCP_SYNCNT: return check_range(v, 1, SYNCNT_MAX, &o->syncnt);
	case TCP_USER_TIMEOUT: return check_range(v, 0, INT32_MAX, &o->user_timeout);
	case TCP_DEFER_ACCEPT:
		o->defer_accept = secs_to_retrans(v);
		return 0;
	case TCP_FASTOPEN:
		if (v < 0 || s->state == SS_CONNECTED || s->state == SS_CONNECTING)
			return -EINVAL;
		o->fastopen = v;
		return 0;
	case TCP_QUICKACK:
		o->pingpong = !v;
		/* An acknowledgement held back goes now. */
		if (v && pcb && (pcb->flags & TF_ACK_DELAY)) {
			tcp_ack_now(pcb);
			tcp_output(pcb);
		}
		return 0;
	case TCP_NOTSENT_LOWAT:
		o->notsent_lowat = v;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static uint8_t linux_state(struct sock *s)
{
	/* Linux's TCP_ESTABLISHED... TCP_CLOSING, in the order of lwIP's enum tcp_state. */
	static const uint8_t map[] = { [CLOSED] = 7, [LISTEN] = 10, [SYN_SENT] = 2, [SYN_RCVD] = 3,
				       [ESTABLISHED] = 1, [FIN_WAIT_1] = 4, [FIN_WAIT_2] = 5,
				       [CLOSE_WAIT] = 8, [CLOSING] = 11, [LAST_ACK] = 9, [TIME_WAIT] = 6 };
	struct tcp_pcb *pcb = s->pcb;
	return pcb ? map[pcb->state] : 7;
}

static void info(struct sock *s, struct tcp_info *ti)
{
	struct tcp_pcb *pcb = s->pcb;
	ti->tcpi_state = linux_state(s);
	if (!pcb || pcb->state == LISTEN || pcb->state == CLOSED)
		return;
	ti->tcpi_retransmits = pcb->nrtx;
	if (pcb->flags & TF_WND_SCALE) {
		ti->tcpi_options |= TCPI_OPT_WSCALE;
		ti->tcpi_snd_wscale = pcb->snd_scale & 0xf;
		ti->tcpi_rcv_wscale = pcb->rcv_scale & 0xf;
	}
	ti->tcpi_rto = (uint32_t)pcb->rto * TCP_SLOW_INTERVAL * 1000;
	ti->tcpi_ato = TCP_TMR_INTERVAL * 1000;
	ti->tcpi_snd_mss = ti->tcpi_rcv_mss = ti->tcpi_advmss = pcb->mss;
	for (struct tcp_seg *g = pcb->unacked; g; g = g->next)
		ti->tcpi_unacked++;
	for (struct tcp_seg *g = pcb->unsent; g; g = g->next)
		ti->tcpi_notsent_bytes += g->len;
	ti->tcpi_pmtu = pcb->mss + 40u;
	ti->tcpi_rtt = (uint32_t)(pcb->sa >> 3) * TCP_SLOW_INTERVAL * 1000;
	ti->tcpi_rttvar = (uint32_t)(pcb->sv >> 2) * TCP_SLOW_INTERVAL * 1000;
	ti->tcpi_snd_cwnd = pcb->mss ? pcb->cwnd / pcb->mss : 0;
	ti->tcpi_snd_ssthresh = pcb->mss ? pcb->ssthresh / pcb->mss : 0;
	ti->tcpi_rcv_ssthresh = ti->tcpi_rcv_space = pcb->rcv_wnd;
	ti->tcpi_reordering = 3;
	ti->tcpi_snd_wnd = pcb->snd_wnd;
}

long tcp_opt_get(struct sock *s, int name, int32_t len, void *out, uint32_t *size)
{
	const struct tcp_opts *o = &s->tcp;
	struct tcp_pcb *pcb = live_pcb(s);
	int32_t *v = out;
	if (len < 0)
		return -EINVAL;
	switch (name) {
	case TCP_NODELAY: *v = s->nodelay; break;
	case TCP_CORK: *v = o->cork; break;
	case TCP_MAXSEG: *v = pcb ? pcb->mss : o->maxseg ? o->maxseg : MSS_DEFAULT; break;
	case TCP_KEEPIDLE: *v = o->keepidle ? o->keepidle : KEEPIDLE_DEFAULT; break;
	case TCP_KEEPINTVL: *v = o->keepintvl ? o->keepintvl : KEEPINTVL_DEFAULT; break;
	case TCP_KEEPCNT: *v = o->keepcnt ? o->keepcnt : KEEPCNT_DEFAULT; break;
	case TCP_SYNCNT: *v = o->syncnt ? o->syncnt : SYNCNT_DEFAULT; break;
	case TCP_USER_TIMEOUT: *v = o->user_timeout; break;
	case TCP_DEFER_ACCEPT: *v = retrans_to_secs(o->defer_accept); break;
	case TCP_FASTOPEN: *v = o->fastopen; break;
	case TCP_QUICKACK: *v = !o->pingpong; break;
	case TCP_NOTSENT_LOWAT: *v = o->notsent_lowat; break;
	case TCP_CONGESTION: {
		/* The name in its CA_NAME_MAX bytes, zero-padded (out is zeroed), as Linux copies it. */
		const char *cc = o->reno ? "reno" : "cubic";
		memcpy(out, cc, strlen(cc));
		*size = CA_NAME_MAX;
		break;
	}
	case TCP_INFO:
		_Static_assert(sizeof(struct tcp_info) <= OPT_OUT_MAX, "struct tcp_info fits");
		info(s, out);
		*size = sizeof(struct tcp_info);
		break;
	default:
		return -ENOPROTOOPT;
	}
	return 0;
}
