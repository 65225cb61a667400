/* The KVM handles behind struct vm, shared by the generic and x86-64 parts. */
#ifndef MONITOR_KVM_INTERNAL_H
#define MONITOR_KVM_INTERNAL_H

#include <linux/kvm.h>

#include "guest.h"

struct vm {
	int kvm;
	int vm;
	int vcpu;
	struct kvm_run *run;
	struct guest g;
};

#endif
