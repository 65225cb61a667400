/* The names /proc/self/maps gives mapped files, each kept once: regions hold a small id. */
#ifndef KERNEL_VM_NAMES_H
#define KERNEL_VM_NAMES_H

#include <stdint.h>

/* The id of name (kept from now on), or 0 (no name) when there is no room left. */
uint16_t vm_name_id(const char *name);
/* The name of an id; "" for 0. */
const char *vm_name(uint16_t id);

#endif
