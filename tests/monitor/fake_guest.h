/*
 * The monitor's hypercall handlers on the host, without a VM: a guest memory
 * buffer, the core's functions the handlers call (fake_vm.c), and calls made
 * as a guest's kernel (or a hostile one) makes them, through the port.
 */
#ifndef TESTS_MONITOR_FAKE_GUEST_H
#define TESTS_MONITOR_FAKE_GUEST_H

#include <stddef.h>
#include <stdint.h>

#include "cocoon/hypercall.h"
#include "monitor/guest.h"

#define FAKE_MEM_SIZE (16ULL << 20)
#define FAKE_HEAP_GPA 0x100000ULL /* where fake_put starts placing things */

extern struct guest fake;

/* Guest memory with the handlers wired in; the request ring's I/O thread too with ring. */
void fake_start(int ring);
/* Forget what fake_put placed. */
void fake_reset_heap(void);
/* Copy len bytes into guest memory (64-byte aligned); their guest address. */
uint64_t fake_put(const void *data, size_t len);
/* A string's bytes without its NUL, as the kernel passes paths. */
uint64_t fake_str(const char *s);
/* The host address of gpa. */
void *fake_at(uint64_t gpa);
/* Issue hypercall nr with the request block req (size bytes) through the port; req gets the answer. */
int fake_call(unsigned nr, void *req, size_t size);

/* The usual file calls, answering ret. */
int64_t fake_open(const char *path, int flags, unsigned mode);
int64_t fake_pathop(int op, const char *path, const char *path2, uint64_t arg);
int64_t fake_fileop(int handle, int op, uint64_t arg);
int64_t fake_write(int handle, const void *data, size_t len, int64_t offset);
int64_t fake_close(int handle);

#endif
