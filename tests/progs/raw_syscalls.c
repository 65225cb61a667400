/*
 * Checks the kernel's syscalls without any libc, with raw syscall instructions, so that
 * what is tested is the kernel and nothing a libc might paper over. Prints only what
 * must match a native run: the first stack, brk, mmap/mprotect/munmap and their errors,
 * descriptors, ids, clocks, randomness, uname, arch_prctl, signal dispositions, limits.
 */
#include "nolibc.h"

/* auxv entries whose values a VM and the host legitimately differ in are left out. */
static int comparable(u64 type)
{
	return type != 33 && type != 51 && type != 27 && type != 28 && type != 16 && type != 26;
}

static void first_stack(u64 *sp, const u64 *phdr_expected, u64 entry_expected)
{
	long argc = (long)sp[0];
	char **argv = (char **)(sp + 1), **envp = argv + argc + 1;
	line("argc", argc);
	for (long i = 0; i < argc; i++) {
		out("argv ");
		out(argv[i]);
		out("\n");
	}
	long envc = 0;
	while (envp[envc])
		envc++;
	line("envc", envc);
	line("sp 16-byte aligned", ((u64)sp & 15) == 0);
	for (u64 *aux = (u64 *)(envp + envc + 1); aux[0]; aux += 2) {
		if (aux[0] == 25) {
			unsigned char *r = (unsigned char *)aux[1], any = 0;
			for (int i = 0; i < 16; i++)
				any |= r[i];
			line("AT_RANDOM non-zero", any != 0);
		} else if (aux[0] == 31 || aux[0] == 15) {
			out(aux[0] == 31 ? "AT_EXECFN " : "AT_PLATFORM ");
			out((const char *)aux[1]);
			out("\n");
		} else if (aux[0] == 3) {
			line("AT_PHDR right", aux[1] == (u64)phdr_expected);
		} else if (aux[0] == 9) {
			line("AT_ENTRY right", aux[1] == entry_expected);
		} else if (aux[0] == 16 || aux[0] == 26) {
			line(aux[0] == 16 ? "AT_HWCAP non-zero" : "AT_HWCAP2 present", aux[0] == 26 || aux[1] != 0);
		} else if (comparable(aux[0])) {
			line("auxv type", (long)aux[0]);
			line("  value", (long)aux[1]);
		}
	}
}

static void memory(void)
{
	long b0 = sys3(12, 0, 0, 0);
	line("brk grows", sys3(12, b0 + 100000, 0, 0) == b0 + 100000);
	((volatile char *)b0)[99999] = 7;
	line("brk memory", ((volatile char *)b0)[99999]);
	line("brk shrinks", sys3(12, b0 + 10, 0, 0) == b0 + 10);
	line("brk below start refused", sys3(12, b0 - 4096 * 1024, 0, 0) == b0 + 10);

	long m = sys6(9, 0, 1 << 20, 3, 0x22, -1, 0);
	line("mmap anonymous", m > 0 && (m & 4095) == 0);
	((volatile char *)m)[5000] = 1;
	line("fresh page reads zero", ((volatile char *)m)[600000]);
	line("mprotect read-only", sys3(10, m, 4096, 1));
	line("mprotect unaligned", sys3(10, m + 1, 4096, 1));
	line("madvise dontneed", sys3(28, m, 8192, 4));
	line("after dontneed", ((volatile char *)m)[5000]);
	line("munmap", sys3(11, m, 1 << 20, 0));
	line("mprotect unmapped", sys3(10, m, 4096, 3));
	line("munmap unaligned", sys3(11, m + 1, 10, 0));
	line("mmap length 0", sys6(9, 0, 0, 3, 0x22, -1, 0));
	line("mmap no type", sys6(9, 0, 4096, 3, 0x20, -1, 0));
	line("mmap bad fd", sys6(9, 0, 4096, 3, 0x2, 77, 0));
	long fixed = sys6(9, 0x200000000, 8192, 3, 0x32, -1, 0);
	line("mmap fixed", fixed == 0x200000000);
	line("fixed_noreplace on it", sys6(9, 0x200000000, 4096, 3, 0x100022, -1, 0));
}

static void misc(void)
{
	line("write bad pointer", sys3(1, 1, 16, 5));
	line("write bad fd", sys3(1, 99, (long)"x", 1));
	line("close unopened", sys3(3, 55, 0, 0));
	char link[256];
	line("readlink /proc/self/exe > 0", sys3(89, (long)"/proc/self/exe", (long)link, sizeof(link)) > 0);
	line("readlink size 0", sys3(89, (long)"/proc/self/exe", (long)link, 0));
	line("getuid", sys3(102, 0, 0, 0));
	line("getgid", sys3(104, 0, 0, 0));
	unsigned groups[64];
	long ngroups = sys3(115, 64, (long)groups, 0);
	line("getgroups", ngroups);
	line("getgroups first", ngroups > 0 ? (long)groups[0] : -1);
	line("getgroups count only", sys3(115, 0, 0, 0));
	line("getgroups negative size", sys3(115, -1, (long)groups, 0));
	line("getgroups bad pointer", sys3(115, 64, 16, 0));
	line("getgroups one short (size 0 with one group)", sys3(115, ngroups > 1 ? ngroups - 1 : 0, (long)groups, 0));
	long ts[2] = { 0, 0 };
	line("clock_gettime", sys3(228, 1, (long)ts, 0));
	line("clock_gettime bad clock", sys3(228, 99, (long)ts, 0));
	unsigned char r[8];
	line("getrandom", sys3(318, (long)r, 8, 0));
	line("getrandom bad flags", sys3(318, (long)r, 8, 64));
	char uts[390];
	line("uname", sys3(63, (long)uts, 0, 0));
	out(uts);
	out(" ");
	out(uts + 65 * 4);
	out("\n");
	u64 base = 0x12345000, got = 0;
	line("arch_prctl set fs", sys3(158, 0x1002, (long)base, 0));
	sys3(158, 0x1003, (long)&got, 0);
	line("arch_prctl fs round trip", got == base);
	line("arch_prctl bad code", sys3(158, 0x9999, 0, 0));
	long act[4] = { 1, 0, 0, 0 }, old[4];
	line("rt_sigaction ignore", sys6(13, 13, (long)act, (long)old, 8, 0, 0));
	line("rt_sigaction SIGKILL", sys6(13, 9, (long)act, 0, 8, 0, 0));
	line("rt_sigaction bad size", sys6(13, 13, (long)act, 0, 4, 0, 0));
	char name[16] = { 0 };
	line("prctl get name", sys3(157, 16, (long)name, 0));
	out(name);
	out("\n");
	line("prctl set name", sys3(157, 15, (long)"renamed-program-x", 0));
	sys3(157, 16, (long)name, 0);
	out(name);
	out("\n");
	static unsigned int rseq_area[8] __attribute__((aligned(32)));
	line("rseq register", sys6(334, (long)rseq_area, 32, 0, 0x53053053, 0, 0));
	line("rseq cpu ids written", rseq_area[0] == rseq_area[1] && rseq_area[1] < 4096);
	line("rseq again", sys6(334, (long)rseq_area, 32, 0, 0x53053053, 0, 0));
	line("rseq other signature", sys6(334, (long)rseq_area, 32, 0, 0x12345678, 0, 0));
	line("rseq unregister", sys6(334, (long)rseq_area, 32, 1, 0x53053053, 0, 0));
	line("rseq short", sys6(334, (long)rseq_area, 16, 0, 0x53053053, 0, 0));
	unsigned int sx[64];
	line("statx stdout", sys6(332, 1, (long)"", 0x1000, 0x7ff, (long)sx, 0));
	line("statx mask has basic", (sx[0] & 0x7ff) == 0x7ff);
	line("statx type", (sx[7] & 0xffff) >> 12); /* stx_mode at byte 28 */
	line("statx bad flags", sys6(332, 1, (long)"", 0x8000000, 0x7ff, (long)sx, 0));
	long lim[2];
	line("prlimit64 stack", sys6(302, 0, 3, 0, (long)lim, 0, 0));
	line("prlimit64 bad resource", sys6(302, 0, 99, 0, (long)lim, 0, 0));
}

extern const char __ehdr_start[];

void check_main(u64 *sp);

void check_main(u64 *sp)
{
	const u64 *ehdr = (const u64 *)__ehdr_start;
	/* e_entry at offset 24, e_phoff at 32 */
	first_stack(sp, (const u64 *)(__ehdr_start + ehdr[4]), ehdr[3]);
	memory();
	misc();
	sys3(231, 42, 0, 0);
}

__asm__(".globl _start\n_start:\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n\tcall check_main\n\thlt\n");
