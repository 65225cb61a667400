/*
 * The monitor's core as the file and machine hypercalls need it, without KVM:
 * guest memory is a buffer, there are no vCPUs to start or signals to take,
 * and the request ring's I/O thread runs on it as in uhyve-run.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fake_guest.h"
#include "monitor/hypercall_table.h"
#include "monitor/kvm_internal.h"
#include "monitor/vm.h"

struct guest fake;
static struct vm vm;
static uint64_t heap = FAKE_HEAP_GPA;

int vm_start_cpu(const struct hc_cpu_start *req)
{
	(void)req;
	return -EINVAL;
}

bool vm_signals_pending(void)
{
	return false;
}

int vm_wait_ready(int fd, short events)
{
	(void)fd;
	(void)events;
	return 0;
}

_Noreturn void vm_end(struct guest *g, int status)
{
	(void)g;
	printf("FAIL: the VM was ended with status %d\n", status);
	exit(1);
}

int vm_spawn(void *(*fn)(void *))
{
	pthread_t t;
	int err = pthread_create(&t, NULL, fn, NULL);
	if (!err)
		pthread_detach(t);
	return err;
}

void fake_start(int ring)
{
	fake.size = FAKE_MEM_SIZE;
	fake.mem = mmap(NULL, FAKE_MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fake.mem == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	hypercall_handlers(hypercall_table);
	vm.g = fake;
	if (ring && ring_start(&vm) != BOOT_RING_GPA) {
		fprintf(stderr, "cannot start the ring's I/O thread\n");
		exit(2);
	}
}

void fake_reset_heap(void)
{
	heap = FAKE_HEAP_GPA;
}

uint64_t fake_put(const void *data, size_t len)
{
	uint64_t gpa = heap;
	if (len > FAKE_MEM_SIZE - heap) {
		fprintf(stderr, "fake guest memory is full\n");
		exit(2);
	}
	memcpy(fake.mem + gpa, data, len);
	heap = (heap + len + 63) & ~63ULL;
	return gpa;
}

uint64_t fake_str(const char *s)
{
	return fake_put(s, strlen(s));
}

void *fake_at(uint64_t gpa)
{
	return fake.mem + gpa;
}

int fake_call(unsigned nr, void *req, size_t size)
{
	uint64_t gpa = fake_put(req, size);
	int status = vm_port_call(&fake, HC_PORT_BASE + nr, 4, (uint32_t)gpa);
	memcpy(req, fake.mem + gpa, size);
	return status;
}

int64_t fake_open(const char *path, int flags, unsigned mode)
{
	struct hc_open req = { .path = fake_str(path), .path_len = strlen(path), .flags = flags, .mode = mode };
	fake_call(HC_OPEN, &req, sizeof(req));
	return req.ret;
}

int64_t fake_pathop(int op, const char *path, const char *path2, uint64_t arg)
{
	struct hc_pathop req = { .op = op, .path = fake_str(path), .path_len = strlen(path), .arg = arg };
	if (path2) {
		req.path2 = fake_str(path2);
		req.path2_len = strlen(path2);
	}
	fake_call(HC_PATHOP, &req, sizeof(req));
	return req.ret;
}

int64_t fake_fileop(int handle, int op, uint64_t arg)
{
	struct hc_fileop req = { .handle = handle, .op = op, .arg = arg };
	fake_call(HC_FILEOP, &req, sizeof(req));
	return req.ret;
}

int64_t fake_write(int handle, const void *data, size_t len, int64_t offset)
{
	struct hc_io req = { .handle = handle, .buf = fake_put(data, len), .len = len, .offset = offset };
	fake_call(HC_WRITE, &req, sizeof(req));
	return req.ret;
}

int64_t fake_close(int handle)
{
	struct hc_close req = { .handle = handle };
	fake_call(HC_CLOSE, &req, sizeof(req));
	return req.ret;
}
