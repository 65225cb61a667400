/* The KVM handles behind struct vm, shared by the generic and x86-64 parts. */
#ifndef MONITOR_KVM_INTERNAL_H
#define MONITOR_KVM_INTERNAL_H

#include <linux/kvm.h>
#include <pthread.h>
#include <stdbool.h>

#include "cocoon/hypercall.h"
#include "guest.h"

struct vcpu {
	int fd;
	struct kvm_run *run;
	pthread_t thread;
	struct hc_cpu_start start; /* how an AP starts, set by HC_CPU_START */
	bool started;
};

struct vm {
	int kvm;
	int vm;
	unsigned ncpus;
	struct vcpu cpus[COCOON_MAX_CPUS];
	struct guest g;
};

/* Long mode with the boot page tables (cr3) for vCPU v, starting at rip. */
void vcpu_setup_long_mode(struct vm *vm, struct vcpu *v, uint64_t cr3);

#endif
