/*
 * The monitor's core: the KVM virtual machine and its vCPUs (kvm.c,
 * kvm_x86_64.c), the hypercall dispatcher (dispatch.c) and the request ring
 * (ring.c). It calls no module: modules give it what it must call back.
 */
#ifndef MONITOR_VM_H
#define MONITOR_VM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "guest.h"

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

/* Interrupt the guest's first CPU with vector. */
void vm_interrupt(unsigned vector);
/* Let the guest's 32-bit OUT to port signal eventfd fd without stopping the vCPU, where KVM can. */
void vm_port_eventfd(unsigned port, int fd);
/* Start a helper thread that takes no signals; 0 or an errno. */
int vm_spawn(void *(*fn)(void *));

/* What modules ask the core to call, as Solo5's tender registers its modules' hooks. */
/* fn(g) when the guest has ended, before uhyve-run exits. */
void vm_at_end(void (*fn)(struct guest *g));
/* The guest has ended with status: call what vm_at_end gave, and exit. */
_Noreturn void vm_end(struct guest *g, int status);
/* fn (async-signal-safe) before uhyve-run stops a guest that did not take a signal. */
void vm_at_kill(void (*fn)(void));
/* fn after each hypercall that came through the port. */
void vm_after_port_call(void (*fn)(void));

/* A hypercall's handler, on an aligned copy of its request block of size bytes. */
struct hc_handler {
	int (*fn)(struct guest *g, void *req);
	size_t size;
};
/* The handlers, indexed by hypercall number (HC_COUNT of them), that hypercall() calls. */
void hypercall_handlers(const struct hc_handler *table);
/* Handle a hypercall; returns -1 to go on or the status to exit with. */
int hypercall(struct guest *g, unsigned nr, uint32_t gpa);
/* hypercall() for any thread: one at a time. */
int vm_hypercall(struct guest *g, unsigned nr, uint32_t gpa);
/* Calls that need a vCPU's thread or end the VM: never in a batch or a ring slot. */
bool hypercall_port_only(unsigned nr);
/* A guest's OUT of size bytes of value to port: a hypercall or the network kick; as hypercall(). */
int vm_port_call(struct guest *g, unsigned port, unsigned size, uint32_t value);
/* The eventfd the network device's kick signals (-1: no device). */
void dispatch_kick_fd(int fd);
/* Start the request ring's I/O thread (struct hc_ring); its guest address, or 0. */
uint64_t ring_start(struct vm *vm);

#endif
