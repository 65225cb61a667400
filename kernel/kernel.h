/* What every kernel file needs: types, address conversions, strings, printing, stopping. */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/addr.h"
#include "cocoon/hypercall.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* A syscall a signal cut short, for the way out to restart it or give EINTR (never seen by the program). */
#define ERESTARTSYS 512    /* restarted when the handler has SA_RESTART */
#define ERESTARTNOHAND 514 /* restarted when no handler runs */
#define ERESTARTNOINTR 513 /* restarted after any handler */

/* The monitor's boot page, read once at boot. */
extern const struct boot_info *boot;

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
long strtol(const char *s, char **end, int base);

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Print to the host's stderr. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A message of the kernel's own, after the launcher's name ("uhyve-run: " or "qemu-run: ") as its messages have. */
void kmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* End the VM with the program's exit status. */
_Noreturn void proc_exit(int status);
/* End the program as a fatal signal would, with one line saying why. */
_Noreturn void app_crash(const char *what, int sig, uint64_t rip, uint64_t addr);
_Noreturn void app_killed(int sig);

#endif
