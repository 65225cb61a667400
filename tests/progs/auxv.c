#define _GNU_SOURCE
/* Checks the auxiliary vector and the initial stack layout (argc, argv, envp, auxv). */
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern const ElfW(Ehdr) __ehdr_start;
extern char **environ;

/* getauxval that also says whether the entry was present at all. */
static unsigned long aux(unsigned long type, int *present)
{
	errno = 0;
	unsigned long v = getauxval(type);
	*present = !(v == 0 && errno == ENOENT);
	return v;
}

static void print_value(const char *name, unsigned long type)
{
	int present;
	unsigned long v = aux(type, &present);
	if (present)
		printf("%s %lu\n", name, v);
	else
		printf("%s missing\n", name);
}

static void print_check(const char *name, int ok)
{
	printf("%s %s\n", name, ok ? "ok" : "WRONG");
}

int main(int argc, char **argv)
{
	const ElfW(Ehdr) *eh = &__ehdr_start;
	uintptr_t base = eh->e_type == ET_DYN ? (uintptr_t)eh : 0;
	int present;

	/* AT_RANDOM: 16 bytes, not all zero. */
	const unsigned char *rnd = (const unsigned char *)aux(AT_RANDOM, &present);
	int rnd_ok = rnd != NULL;
	if (rnd_ok) {
		unsigned char any = 0;
		for (int i = 0; i < 16; i++)
			any |= rnd[i];
		rnd_ok = any != 0;
	}
	print_check("AT_RANDOM", rnd_ok);

	print_check("AT_PHDR", aux(AT_PHDR, &present) == (uintptr_t)eh + eh->e_phoff);
	print_value("AT_PHENT", AT_PHENT);
	print_check("AT_PHENT_size", aux(AT_PHENT, &present) == sizeof(Elf64_Phdr));
	print_check("AT_PHNUM", aux(AT_PHNUM, &present) == eh->e_phnum);
	print_value("AT_PAGESZ", AT_PAGESZ);
	print_check("AT_ENTRY", aux(AT_ENTRY, &present) == base + eh->e_entry);
	print_value("AT_UID", AT_UID);
	print_value("AT_EUID", AT_EUID);
	print_value("AT_GID", AT_GID);
	print_value("AT_EGID", AT_EGID);
	print_value("AT_SECURE", AT_SECURE);
	print_value("AT_CLKTCK", AT_CLKTCK);
	print_value("AT_BASE", AT_BASE);
	print_value("AT_FLAGS", AT_FLAGS);

	const char *platform = (const char *)aux(AT_PLATFORM, &present);
	printf("AT_PLATFORM %s\n", platform ? platform : "(null)");

	const char *execfn = (const char *)aux(AT_EXECFN, &present);
	print_check("AT_EXECFN", execfn != NULL && strcmp(execfn, argv[0]) == 0);

	printf("AT_HWCAP %s\n", aux(AT_HWCAP, &present) != 0 ? "nonzero" : "zero");

	/* The vDSO: an ELF image the C library reads the clocks through, agreeing with the syscall. */
	const unsigned char *vdso = (const unsigned char *)aux(AT_SYSINFO_EHDR, &present);
	print_check("AT_SYSINFO_EHDR", vdso && memcmp(vdso, ELFMAG, SELFMAG) == 0);
	struct timespec s1, v, s2;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &s1);
	clock_gettime(CLOCK_MONOTONIC, &v);
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &s2);
	long long n1 = s1.tv_sec * 1000000000LL + s1.tv_nsec, nv = v.tv_sec * 1000000000LL + v.tv_nsec,
		  n2 = s2.tv_sec * 1000000000LL + s2.tv_nsec;
	print_check("vdso_clock_between_syscalls", n1 <= nv && nv <= n2);

	/* The initial stack: argc sits just below argv, 16-byte aligned. */
	const long *argc_slot = (const long *)argv - 1;
	print_check("stack_alignment", (uintptr_t)argc_slot % 16 == 0);
	print_check("argc_slot", *argc_slot == argc);

	/* envp follows argv's NULL, and auxv follows envp's NULL. */
	print_check("envp_layout", environ == argv + argc + 1);
	char **e = argv + argc + 1;
	while (*e != NULL)
		e++;
	const ElfW(auxv_t) *av = (const ElfW(auxv_t) *)(e + 1);
	int auxv_ok = 0;
	for (; av->a_type != AT_NULL; av++)
		if (av->a_type == AT_PAGESZ && av->a_un.a_val == getauxval(AT_PAGESZ))
			auxv_ok = 1;
	print_check("auxv_layout", auxv_ok);
	return 0;
}
