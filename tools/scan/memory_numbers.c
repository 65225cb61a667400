/* Syscall numbers that libcs pass through memory.
 *
 * glibc's set*id functions must change the ids of every thread: __nptl_setxid stores the
 * syscall number in a command block, and each thread (__nptl_setxid_sighandler, and the
 * caller itself) issues the syscall number read from it. The callers are setuid, setgid,
 * seteuid/setreuid, setegid/setregid, setresuid, setresgid and setgroups (glibc 2.34+,
 * nptl/nptl_setxid.c and sysdeps/unix/sysv/linux/setxid.h). musl does the same: __setxid
 * runs do_setxid in every thread with the number in its context (src/unistd/setxid.c),
 * for setuid, setgid, setreuid, setregid, setresuid, setresgid (seteuid and setegid call
 * the last two). */
#include <string.h>

#include "memory_numbers.h"
#include "syscall_names.h"

static const char *const setxid_syscalls[] = {"setuid", "setgid", "setreuid", "setregid",
                                             "setresuid", "setresgid", "setgroups", NULL};

static const char *const musl_setxid_syscalls[] = {"setuid", "setgid", "setreuid", "setregid",
                                                  "setresuid", "setresgid", NULL};

static const struct {
	const char *func;
	const char *const *syscalls;
} places[] = {
	{"__nptl_setxid", setxid_syscalls},
	{"__nptl_setxid_sighandler", setxid_syscalls},
	{"do_setxid", musl_setxid_syscalls},
};

int memory_numbers(const char *func, struct valset *out)
{
	if (!func)
		return 0;
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		if (strcmp(func, places[i].func) != 0)
			continue;
		for (const char *const *s = places[i].syscalls; *s; s++)
			valset_add(out, (uint64_t)syscall_number(*s));
		return 1;
	}
	return 0;
}
