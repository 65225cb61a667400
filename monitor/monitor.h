/* Pieces of uhyve-run and how they fit together. */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include <elf.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "guest.h"

/* uhyve-run's own exit statuses, kept apart from the usual program ones. */
#define EXIT_MONITOR_FAILED 125 /* bad option, no KVM, kernel missing or panicked */
#define EXIT_NOT_EXECUTABLE 126 /* the program is not a static x86-64 ELF we can run */
#define EXIT_NOT_FOUND      127 /* the program file does not exist */

/* Print "uhyve-run: ..." on stderr and exit with status. */
_Noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Whether the program runs as cocoon-rewrite leaves it. */
enum rewrite_mode {
	REWRITE_AUTO, /* when it can be rewritten (the default) */
	REWRITE_ON,   /* --rewrite: or not at all */
	REWRITE_OFF,  /* --no-rewrite */
};

/* What the user asked for. */
struct options {
	uint64_t mem_size;
	const char *kernel_path;
	const char *app_path;
	char **app_argv;
	int app_argc;
	char **envp;
	int envc;
	bool quiet;
	enum rewrite_mode rewrite;
	const char *cwd;
	unsigned cpus;
};

/* The application file, checked before any VM exists. */
struct app_image {
	int fd;
	uint64_t size;
	uint64_t head_size;  /* ELF header and program headers */
	uint64_t mem_needed; /* bytes its segments occupy once loaded */
};

/* NAME (a relative path) in uhyve-run's own directory if it is there for access(2) MODE, else NULL. */
const char *beside_monitor(const char *name, int mode);

/* Open and check the program at path (dies with a one-line error), or check fd, opened from path. */
void app_check(const char *path, struct app_image *app);
void app_check_fd(int fd, const char *path, struct app_image *app);
/*
 * app becomes path's program as cocoon-rewrite leaves it. One it cannot rewrite
 * stays as it is (false), or with required ends uhyve-run with the rewriter's error.
 */
bool app_rewrite(const char *path, struct app_image *app, bool required);
/* Put the program's headers at gpa; its segments come later through HC_LOAD. */
void app_place(const struct app_image *app, struct guest *g, uint64_t gpa);

/* The kernel image, its headers read and checked before any VM exists. */
struct kernel_image {
	const char *path;
	int fd;
	uint64_t size;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
};

/* Open the kernel image and check it was built against this uhyve-run's ABI (COCOON_NOTE_ABI); dies if not. */
void kernel_check(const char *path, struct kernel_image *k);
/* Load it into guest memory and close it; returns its entry point and sets *end to its last physical byte + 1. */
uint64_t kernel_load(struct kernel_image *k, struct guest *g, uint64_t *end);

/* KVM: one VM with ncpus vCPUs; the boot one starts in long mode at entry, the others on HC_CPU_START. */
struct vm;
struct hc_cpu_start;
struct vm *vm_create(uint64_t mem_size, unsigned ncpus);
uint32_t vm_tsc_khz(struct vm *vm);
/* From now on SIGINT, SIGTERM and the like go to the program, not to uhyve-run. */
void vm_forward_signals(struct vm *vm);
/* 0 or -errno. */
int vm_start_cpu(const struct hc_cpu_start *req);
struct guest *vm_guest(struct vm *vm);
void vm_setup_x86_64(struct vm *vm, uint64_t entry);
int vm_run(struct vm *vm);
/* Has a signal for the program come that it has not taken yet? */
bool vm_signals_pending(void);
/*
 * Before a host call that may wait (a read of a pipe or terminal): wait until
 * fd is ready for events, or give -1 with EINTR when a signal for the program
 * is pending, whether it came before the wait or during it.
 */
int vm_wait_ready(int fd, short events);

/*
 * Should a host call that failed with n < 0 be tried again? Not when a signal
 * for the program interrupted it: the guest then gets EINTR and takes the
 * signal (restarting the call itself under SA_RESTART).
 */
static inline bool retry_eintr(ssize_t n)
{
	return n < 0 && errno == EINTR && !vm_signals_pending();
}
/* Is this host's KVM kvm-pvm, which needs the guest to register a VIF page? */
bool kvm_is_pvm(void);


/* hypercall() for any thread: one at a time. */
int vm_hypercall(struct guest *g, unsigned nr, uint32_t gpa);
/* Start the request ring's I/O thread (struct hc_ring); its guest address, or 0. */
uint64_t ring_start(struct vm *vm);
/* After a port hypercall: wake the I/O thread if the guest wanted the ring. */
void ring_after_port_call(void);

/* Interrupt the guest's first CPU with vector. */
void vm_interrupt(unsigned vector);
/* Let the guest's 32-bit OUT to port signal eventfd fd without stopping the vCPU, where KVM can. */
void vm_port_eventfd(unsigned port, int fd);
/* Start a helper thread that takes no signals; 0 or an errno. */
int vm_spawn(void *(*fn)(void *));

/* --net, --ip, --gateway, --mac, --ip6, --gateway6 (net.c). */
enum { NET_OPT_NET = 0x100, NET_OPT_IP, NET_OPT_GATEWAY, NET_OPT_MAC, NET_OPT_IP6, NET_OPT_GATEWAY6 };
void net_option(int opt, const char *arg);
/* Open the tap device the options name, if any; dies with a clear message. */
void net_open(void);
/* Put the device's rings in guest memory after bi->free_start, keeping keep_free bytes free, and start it. */
struct boot_info;
void net_place(struct guest *g, struct boot_info *bi, uint64_t keep_free, bool share_cpu);
/* tap.c: move frames between the rings (slots at slots_gpa) and the tap device. */
struct hc_net;
void tap_start(struct guest *g, int tap, struct hc_net *dev, uint64_t slots_gpa, uint32_t slot_size, int cpu);
/* Steer the host's work on frames tap receives from the guest away from cpu; undone at exit (steer.c). */
void steer_start(const char *tap, int cpu);
/* Undo it now (async-signal-safe). */
void steer_undo(void);
/* The guest's kick, when it came as a port exit. */
void tap_kick(void);

/* Handle a hypercall; returns -1 to go on or the status to exit with. */
int hypercall(struct guest *g, unsigned nr, uint32_t gpa);
/* The file HC_LOAD reads from. */
void hypercall_set_program(int fd, uint64_t size);

/* --mount HOSTDIR[:GUESTDIR[:ro]]: expose a host directory; dies on a bad one. */
void files_mount(const char *spec);
/* The first mount's guest directory, or "/". */
const char *files_default_cwd(void);
/* The mounts for boot_info's mounts_gpa, malloc'd into *list; returns its size. */
size_t files_mount_list(char **list);
/* The VM has ended: write out what the kernel still held for the host's files. */
void files_finish(struct guest *g);
/* Which of the standard streams can be polled (boot_info.pollable_streams). */
uint32_t files_pollable_streams(void);

#endif
