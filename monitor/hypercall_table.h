/* Which handler serves each hypercall (hypercall_table.c), for main.c to give the dispatcher. */
#ifndef MONITOR_HYPERCALL_TABLE_H
#define MONITOR_HYPERCALL_TABLE_H

#include "cocoon/hypercall.h"
#include "vm.h"

extern const struct hc_handler hypercall_table[HC_COUNT];

#endif
