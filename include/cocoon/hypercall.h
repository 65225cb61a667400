/* The guest/monitor ABI: physical layout, boot parameters and hypercalls. */
#ifndef COCOON_HYPERCALL_H
#define COCOON_HYPERCALL_H

#include <stdint.h>

/*
 * The kernel image carries a note named "cocoon" of this type whose 8-byte
 * descriptor is COCOON_ABI, a hash of this header that the build gives kernel
 * and monitor alike: uhyve-run refuses a kernel built against another layout.
 */
#define COCOON_NOTE_ABI 1

/*
 * Guest physical layout. The monitor writes the boot page and the boot page
 * tables below 1 MiB, the kernel image from KERNEL_LOAD_GPA, and after the
 * kernel the argument block and the application's ELF file.
 */
#define BOOT_INFO_GPA     0x1000ULL
#define BOOT_PML4_GPA     0x2000ULL
#define BOOT_PDPT_GPA     0x3000ULL
#define BOOT_PD_GPA       0x5000ULL /* one page directory per GiB of RAM */
#define BOOT_PVM_VIF_GPA  0xf000ULL /* kvm-pvm's interrupt-flag page, see boot_info */
#define KERNEL_LOAD_GPA   0x100000ULL
#define GUEST_MEM_MIN     (4ULL << 20)
#define GUEST_MEM_MAX     (3ULL << 30) /* stays below KVM's TSS page at 0xfffbd000 */
#define KERNEL_RESERVE    (2ULL << 20) /* free memory the kernel needs besides the program's segments */

/*
 * Virtual layout: the program owns [0, USER_VTOP); above it all RAM is mapped
 * at KERNEL_VBASE + pa, the kernel image included. Everything stays in the
 * lower half, which is all a kvm-pvm guest may use.
 */
#define KERNEL_VBASE      0x700000000000ULL
#define USER_VTOP         KERNEL_VBASE

/*
 * A hypercall is a 32-bit OUT to HC_PORT_BASE + number whose value is the
 * guest physical address of the request block. The monitor checks the block
 * and every address inside it against guest memory; results go back in the
 * block. Request blocks therefore live below 4 GiB.
 */
#define HC_PORT_BASE 0x500

/*
 * The request ring: hypercalls without leaving the VM. Each CPU has a slot in
 * the page at boot_info.ring_gpa (0: no ring). While the monitor's I/O
 * thread says it is awake, the kernel fills nr and gpa (as for the port),
 * raises seq and waits until done equals seq, spinning a while and then with
 * RING_WAIT, which wakes the I/O thread and returns once the slot's request
 * is served (the vCPU's host thread sleeps meanwhile). A call that found it
 * asleep goes through the port with wanted set, and the monitor wakes the
 * I/O thread for the calls that follow.
 * Only calls that cannot block for long go this way; EXIT, PANIC, CPU_START
 * and RING_WAIT never do.
 */
#define BOOT_RING_GPA 0xe000ULL
#define HC_RING_SLOTS 16
struct hc_slot {
	uint32_t seq, done;
	uint32_t nr, pad;
	uint64_t gpa;
	uint8_t line[40]; /* a cache line each */
};
struct hc_ring {
	uint32_t awake;  /* the I/O thread is looking at the slots */
	uint32_t wanted; /* the kernel took the port for want of it: wake it after this call */
	uint8_t line[56];
	struct hc_slot slot[HC_RING_SLOTS];
};

struct hc_ring_wait {
	uint32_t slot;
	uint32_t pad;
	int64_t ret;
};

/* Where boot_info.host_signals's bits for signals from uhyve-run's terminal start. */
#define BOOT_TERMINAL_SIGNAL 32
/* The vector the monitor raises on CPU 0 when boot_info.host_signals has news. */
#define BOOT_SIGNAL_VECTOR 0x21

/*
 * The network device (uhyve-run --net): an Ethernet link to a host tap device
 * through two rings of packet slots in guest memory, at boot_info.net_gpa.
 * tx carries frames from the guest to the host, rx the other way. A ring's
 * producer fills slot head % HC_NET_SLOTS (its length in len[]) and then
 * raises head; its consumer takes slots up to head and raises tail.
 * Notifications only go to a side that asked for them: the consumer sets
 * wait before it sleeps (the monitor waiting for frames to send, the guest
 * wanting an interrupt for received ones), the producer sets room_wait when
 * the ring is full. The guest notifies with a 32-bit OUT to HC_NET_KICK_PORT
 * (no exit to the monitor where KVM has ioeventfd), the monitor with an
 * interrupt on CPU 0 at BOOT_NET_VECTOR. Slots follow the header page, tx's
 * then rx's, slot_size bytes each. The monitor checks every length and
 * index it reads here.
 */
#define BOOT_NET_VECTOR 0x23
#define HC_NET_KICK_PORT 0x5f0
#define HC_NET_SLOTS 256
#define HC_NET_HEADER 4096
#define HC_NET_MAX_MTU 9000
struct hc_net_queue {
	uint32_t head;
	uint32_t wait;
	uint8_t line0[56];
	uint32_t tail;
	uint32_t room_wait;
	uint8_t line1[56];
	uint32_t len[HC_NET_SLOTS];
};
struct hc_net {
	uint32_t slot_size;
	uint32_t pad;
	uint8_t line[56];
	struct hc_net_queue tx, rx;
};

#define HYPERCALLS(X)        \
	X(0, EXIT, hc_exit)      \
	X(1, WRITE, hc_io)       \
	X(2, READ, hc_io)        \
	X(3, FSTAT, hc_fstat)    \
	X(4, IOCTL, hc_ioctl)    \
	X(5, RANDOM, hc_buf)     \
	X(6, CLOCK, hc_clock)    \
	X(7, PANIC, hc_buf)      \
	X(8, LOAD, hc_load)      \
	X(9, OPEN, hc_open)      \
	X(10, CLOSE, hc_close)   \
	X(11, GETDENTS, hc_io)   \
	X(12, STAT, hc_stat)     \
	X(13, READLINK, hc_readlink) \
	X(14, PATHOP, hc_pathop) \
	X(15, SENDFILE, hc_sendfile) \
	X(16, FILEOP, hc_fileop)   \
	X(17, STATFS, hc_statfs)   \
	X(18, READV, hc_iov)       \
	X(19, WRITEV, hc_iov)      \
	X(20, WBUF, hc_buf)        \
	X(21, BATCH, hc_batch)   \
	X(24, CPU_START, hc_cpu_start) \
	X(25, POLL, hc_poll)     \
	X(26, RING_WAIT, hc_ring_wait)

enum hc_number {
#define HC_ENUM(nr, name, type) HC_##name = nr,
	HYPERCALLS(HC_ENUM)
#undef HC_ENUM
	HC_COUNT
};

/* The most vCPUs a guest may have (uhyve-run --cpus). */
#define COCOON_MAX_CPUS 16

/*
 * Start vCPU cpu (1 .. boot_info.cpus - 1, each once) in 64-bit mode with the
 * boot CPU's segments, cr3 and these registers. ret is 0 or -errno.
 */
struct hc_cpu_start {
	uint32_t cpu;
	uint32_t pad;
	uint64_t rip, rsp, rdi, rsi, cr3;
	int64_t ret;
};

/* Exit the VM; status is the program's exit status (0..255, 128+signal). */
struct hc_exit {
	int32_t status;
};

/*
 * Files are named by handles the monitor hands out: 0, 1 and 2 are the host's
 * standard streams, HC_OPEN gives the others, below HC_HANDLE_MAX. A guest
 * never sees a host fd.
 */
#define HC_HANDLE_MAX 1024

/*
 * Read or write a handle at offset, or at its own position if offset is -1
 * (streams, O_APPEND); GETDENTS reads directory entries (linux_dirent64).
 * ret is bytes or -errno.
 */
struct hc_io {
	int32_t handle;
	uint32_t pad;
	uint64_t buf;
	uint64_t len;
	int64_t offset;
	int64_t ret;
};

/*
 * Read or write a handle straight from or into guest memory: segs is the
 * guest physical address of nseg (at most HC_SEG_MAX) {gpa, len} pieces.
 * offset as for hc_io. ret is bytes or -errno.
 */
#define HC_SEG_MAX 256
struct hc_seg {
	uint64_t gpa;
	uint64_t len;
};
struct hc_iov {
	int32_t handle;
	uint32_t nseg;
	uint64_t segs;
	int64_t offset;
	int64_t ret;
};

/*
 * Write-behind: the kernel gathers small sequential writes to one regular
 * file in guest memory. HC_WBUF's hc_buf names the kernel's struct hc_wbuf
 * (buf, len = its size): the monitor writes out the len pending bytes, sets
 * len to 0 and ret to the bytes written or -errno, and remembers the block to
 * write it out likewise whenever the VM ends (exit, crash, panic, SIGINT), so
 * nothing written is lost. The kernel fills data before raising len.
 */
struct hc_wbuf {
	int32_t handle;
	uint32_t pad;
	int64_t offset; /* as for hc_io */
	uint64_t buf;
	uint64_t len;
	int64_t ret;
};

/*
 * Several hypercalls in one exit, in order: calls is the guest physical
 * address of n (at most HC_BATCH_MAX) {nr, block} pairs; each block gets its
 * own result. A nested BATCH is refused; EXIT or PANIC ends the VM there.
 */
#define HC_BATCH_MAX 32
struct hc_call {
	uint32_t nr;
	uint32_t pad;
	uint64_t block;
};
struct hc_batch {
	uint64_t calls;
	uint32_t n;
	uint32_t pad;
	int64_t ret; /* 0, or -EINVAL for a bad list */
};

/* fstat(2) of a handle into a Linux x86-64 struct stat. */
#define HC_STAT_SIZE 144
struct hc_fstat {
	int32_t handle;
	uint32_t pad;
	uint64_t statbuf;
	int64_t ret;
};

/*
 * Open an absolute, normalized guest path (no "." or ".." components) with
 * open(2) flags and mode; ret is a handle or -errno. Paths resolve strictly
 * beneath the host directory mounted there; nothing else is reachable.
 * type is the file's st_mode & S_IFMT; alias is another open handle on the
 * same host file, or -1. A readable regular file's first ahead_len bytes are
 * read into guest memory at ahead, ahead_got says how many (or -errno): the
 * first read costs no exit.
 * library is HC_OPEN_LIBRARY when the program's dynamic loader opens a shared
 * library (or the kernel its interpreter), HC_OPEN_PROGRAM when execve opens
 * the program it starts: the back end may open instead that file's copy with
 * its syscall sites rewritten (cocoon-rewrite), read-only, and then sets
 * rewritten to 1; the handle stands for that copy in every call.
 */
enum { HC_OPEN_FILE, HC_OPEN_LIBRARY, HC_OPEN_PROGRAM };
struct hc_open {
	uint64_t path;
	uint64_t path_len;
	int32_t flags;
	uint32_t mode;
	int64_t ret;
	uint64_t ahead;
	uint64_t ahead_len;
	int64_t ahead_got;
	uint16_t type;
	uint8_t library;
	uint8_t rewritten;
	int32_t alias;
};

struct hc_close {
	int32_t handle;
	uint32_t pad;
	int64_t ret;
};

/* stat(2) of a path as for HC_OPEN; nofollow stats a final symlink itself. */
struct hc_stat {
	uint64_t path;
	uint64_t path_len;
	uint64_t statbuf;
	int32_t nofollow;
	uint32_t pad;
	int64_t ret;
};

/* The terminal ioctls a program may ask of a handle: get or set the modes, the window size, bytes ready. */
#define HC_TCGETS      0x5401
#define HC_TCSETS      0x5402
#define HC_TCSETSW     0x5403
#define HC_TCSETSF     0x5404
#define HC_TIOCGWINSZ  0x5413
#define HC_FIONREAD    0x541b /* an int: bytes ready to read */
#define HC_TERMIOS_SIZE 36 /* the kernel's struct termios, not libc's */
#define HC_WINSIZE_SIZE 8
struct hc_ioctl {
	int32_t handle;
	uint32_t cmd;
	uint64_t arg;
	int64_t ret;
};

/* poll(2) of a handle without waiting: ret is its revents for events, or -errno. */
struct hc_poll {
	int32_t handle;
	uint32_t events;
	int64_t ret;
};

/* A buffer: random bytes to fill, or a panic message to print. */
struct hc_buf {
	uint64_t buf;
	uint64_t len;
	int64_t ret;
};

/* clock_gettime(2) on the host clock with the same id. */
struct hc_clock {
	int32_t clock;
	uint32_t pad;
	int64_t sec;
	int64_t nsec;
	int64_t ret;
};

/* Copy len bytes of the program's file at offset into guest memory at gpa. */
struct hc_load {
	uint64_t offset;
	uint64_t gpa;
	uint64_t len;
	int64_t ret;
};

/* readlink(2) of a path as for HC_OPEN into buf; ret is the length or -errno. */
struct hc_readlink {
	uint64_t path;
	uint64_t path_len;
	uint64_t buf;
	uint64_t len;
	int64_t ret;
};

/*
 * An operation by path(s) as for HC_OPEN: mkdir(path, arg), unlink or
 * rmdir(path), rename(path, path2) with renameat2 flags arg, symlink(path2 as
 * the literal target, path), link(path, path2), chmod(path, arg),
 * truncate(path, arg), access(path, arg), chown(path, uid arg >> 32, gid arg
 * & 0xffffffff) and utimens(path, path2 = two struct timespec or 0 for now,
 * arg = 1 not to follow a final symlink). ret is 0 or -errno.
 */
#define HC_PATHOPS(X)                                                                              \
	X(MKDIR) X(UNLINK) X(RMDIR) X(RENAME) X(SYMLINK) X(LINK) X(CHMOD) X(TRUNCATE) X(ACCESS)    \
	X(CHOWN) X(UTIMENS)
enum hc_pathop_kind {
#define HC_PATHOP_ENUM(name) HC_PATH_##name,
	HC_PATHOPS(HC_PATHOP_ENUM)
#undef HC_PATHOP_ENUM
};
struct hc_pathop {
	int32_t op;
	uint32_t pad;
	uint64_t path;
	uint64_t path_len;
	uint64_t path2;
	uint64_t path2_len;
	uint64_t arg;
	int64_t ret;
};

/*
 * Copy len bytes from handle in at in_offset to handle out at out_offset, or
 * at out's own position if -1 (streams, O_APPEND). ret is bytes or -errno.
 */
struct hc_sendfile {
	int32_t in;
	int32_t out;
	int64_t in_offset;
	int64_t out_offset;
	uint64_t len;
	int64_t ret;
};

/*
 * An operation on an open handle: fchmod(arg), fchown(uid arg >> 32, gid arg
 * & 0xffffffff), ftruncate(arg), fsync, fdatasync, flock(arg); TELL gives the
 * handle's own position, SEEK sets it to arg and gives it. ret is 0 (the
 * position) or -errno.
 */
#define HC_FILEOPS(X) X(FCHMOD) X(FCHOWN) X(FTRUNCATE) X(FSYNC) X(FDATASYNC) X(FLOCK) X(TELL) X(SEEK) \
	X(FALLOCATE) X(LOCK)
enum hc_fileop_kind {
#define HC_FILEOP_ENUM(name) HC_FILE_##name,
	HC_FILEOPS(HC_FILEOP_ENUM)
#undef HC_FILEOP_ENUM
};
struct hc_fileop {
	int32_t handle;
	int32_t op;
	uint64_t arg;
	int64_t ret;
	/* FALLOCATE: fallocate(mode arg, offset arg2, length arg3). LOCK: fcntl(arg, a struct flock at guest address arg2). */
	uint64_t arg2, arg3;
};
#define HC_FLOCK_SIZE 32 /* struct flock */

/* statfs(2) of a path as for HC_OPEN, or fstatfs(2) of a handle if path_len is 0. */
#define HC_STATFS_SIZE 120
struct hc_statfs {
	int32_t handle;
	uint32_t pad;
	uint64_t path;
	uint64_t path_len;
	uint64_t buf;
	int64_t ret;
};

#define BOOT_GROUPS_MAX 64 /* supplementary groups the boot page holds */

/* Flags in boot_info.flags. */
#define BOOT_QUIET 1u /* do not log missing syscalls */
#define BOOT_WRITE_BEHIND 2u /* small writes may wait in the guest (lost if the monitor is killed) */
#define BOOT_NO_TMP 4u /* no private /tmp and /dev/shm in guest memory (uhyve-run --no-tmp) */
#define BOOT_SYSCALL_STATS 8u /* say at exit how many syscalls trapped (--syscall-stats) */

/*
 * The boot page. The monitor lays the program's strings out as they sit at
 * the top of its first stack: the arguments, the environment, the program
 * path as given (AT_EXECFN) and 8 zero bytes, ending on a page boundary, so
 * the kernel maps those pages as the stack's top without copying them.
 * strings_size counts the bytes used at the end of the strings_pages pages
 * from strings_gpa; offsets_gpa holds argc + envc + 1 uint32_t offsets of
 * the strings from the first one. exe_gpa is the absolute host path of the
 * program (/proc/self/exe). The image is the start of the program's file up
 * to the end of its program headers; segments are read with HC_LOAD.
 */
struct boot_info {
	uint32_t flags;
	uint64_t mem_size;
	uint64_t free_start; /* first physical byte not used by the monitor */
	uint64_t strings_gpa;
	uint64_t strings_pages;
	uint64_t strings_size;
	uint64_t offsets_gpa;
	uint64_t exe_gpa;
	uint64_t image_gpa;
	uint64_t image_size;
	uint32_t argc;
	uint32_t envc;
	uint32_t uid, euid, gid, egid;
	/* The supplementary groups (getgroups), the first BOOT_GROUPS_MAX of them. */
	uint32_t ngroups;
	uint32_t groups[BOOT_GROUPS_MAX];
	char hostname[65];
	/*
	 * Non-zero on a kvm-pvm host (software virtualization): the zeroed page
	 * the kernel registers with MSR_PVM_VIF before anything else, which makes
	 * kvm-pvm run ring 0 natively instead of emulating it.
	 */
	uint64_t pvm_vif_gpa;
	uint64_t cwd_gpa; /* the working directory, a NUL-terminated guest path */
	/* The mounts, for /proc/mounts: strings of 'r' (read-only) or 'w' and the guest path, then "". */
	uint64_t mounts_gpa;
	uint32_t umask;   /* the file mode creation mask uhyve-run was started with */
	uint32_t cpus;    /* vCPUs the monitor created, started with HC_CPU_START */
	uint32_t tsc_khz; /* the TSC's rate, 0 if unknown */
	/*
	 * Signals sent to uhyve-run, for the program: bit N-1 for signal N, bit
	 * BOOT_TERMINAL_SIGNAL + N-1 for one its terminal sent (^C, ^\, a window
	 * size change), which the terminal's foreground process group in the guest
	 * gets. The monitor sets bits and interrupts CPU 0 (BOOT_SIGNAL_VECTOR);
	 * the kernel takes them.
	 */
	uint64_t host_signals;
	uint64_t ignored_signals; /* ignored when uhyve-run started: the program starts ignoring them */
	/* Bit N: the host's standard stream N can be polled (a pipe or terminal, not a regular file). */
	uint32_t pollable_streams;
	uint32_t terminal_streams; /* bit N: the host's standard stream N is a terminal */
	uint64_t ring_gpa; /* the request ring (struct hc_ring), or 0 */
	char stream_links[3][64]; /* what the host's /proc/self/fd/0..2 name ("pipe:[1234]", "/dev/null"...) */
	uint8_t stream_access[3]; /* how they are open: O_RDONLY, O_WRONLY or O_RDWR */
	/* The network device (struct hc_net), or 0: the program has the loopback interface only. */
	uint64_t net_gpa;
	uint32_t net_ip, net_netmask, net_gateway; /* IPv4, network byte order; net_ip 0: ask DHCP */
	uint16_t net_mtu;
	uint8_t net_mac[6];
	/* A global IPv6 address (its /64 on-link) and the router off-link ones go to; all zero: none. */
	uint8_t net_ip6[16], net_gateway6[16];
	/* uhyve-run's RLIMIT_NOFILE, soft and hard: the program's to start with (0: Linux's defaults). */
	uint64_t nofile_cur, nofile_max;
};

#endif
