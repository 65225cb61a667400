/* The files uhyve-run loads: the program (elf.c, rewrite.c) and the kernel image (elf.c). */
#ifndef MONITOR_IMAGE_H
#define MONITOR_IMAGE_H

#include <limits.h>
#include <linux/elf.h>
#include <stdbool.h>
#include <stdint.h>

#include "guest.h"

/* The application file, checked before any VM exists. */
struct app_image {
	int fd;
	uint64_t size;
	uint64_t head_size;  /* ELF header and program headers */
	uint64_t mem_needed; /* bytes its segments occupy once loaded */
	char interp[256];    /* its PT_INTERP, the guest path of its loader; "" if static */
	char exe[PATH_MAX];  /* its path as the guest sees it (/proc/self/exe) */
};

/* NAME (a relative path) in uhyve-run's own directory if it is there for access(2) MODE, else NULL. */
const char *beside_monitor(const char *name, int mode);

/* Open and check the program at path (dies with a one-line error), or check fd, opened from path. */
void app_check(const char *path, struct app_image *app);
/* The same for the absolute path inside the directory root, resolved as if root were /. */
void app_check_in_root(const char *root, const char *path, struct app_image *app);
void app_check_fd(int fd, const char *path, struct app_image *app);
/* The cocoon-rewrite uhyve-run runs: beside it when installed, in tools/ beside it in a build tree, else on PATH. */
const char *rewriter_path(void);
/*
 * app becomes path's program as the rewriter tool leaves it. One it cannot rewrite
 * stays as it is (false), or with required ends uhyve-run with the rewriter's error.
 */
bool app_rewrite(const char *path, const char *tool, struct app_image *app, bool required);
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

#endif
