/*
 * The boot_info a monitor would write, made by the kernel itself from what a
 * boot loader gives: the program (the first module), the command line and
 * the RAM. It is laid out as uhyve-run lays it out (see boot_info): after the
 * kernel image come the stack's strings, their offsets, the program's path
 * and working directory; the program's headers are read where the module is.
 *
 * The command line is words separated by blanks; '...' and "..." quote (\"
 * and \\ inside double quotes), a backslash outside quotes escapes the next
 * character. If a word is "--", the words before it are options and those
 * after it the program's arguments; otherwise every word is an argument.
 * Options (what uhyve-run takes from the host, for scripts/qemu-run to give):
 *   env=K=V      set K to V in the environment (empty by default); a later K
 *                replaces an earlier one in its place, as uhyve-run's --env
 *   exe=PATH     the program's absolute path, for /proc/self/exe (default: argv[0],
 *                with a "/" in front if it has none)
 *   cwd=DIR      the working directory (default /)
 *   uid=N gid=N  real and effective ids (default 0)
 *   umask=OCTAL  (default 022)
 *   nofile=CUR:MAX  RLIMIT_NOFILE's soft and hard limits (default: Linux's 1024:4096)
 *   hostname=NAME (default cocoon)
 *   stdin=MODE stdout=MODE stderr=MODE  the streams' st_mode (octal) for fstat
 *                (default: a character device, then pipes)
 *   pollable=BITS  bit N: stream N can be polled, as the host's (default: none)
 *   link0=NAME link1=NAME link2=NAME  what the host's /proc/self/fd/0..2 name
 *   quiet        do not log syscalls the kernel lacks
 *   notmp        no private /tmp and /dev/shm in memory (uhyve-run's --no-tmp)
 *   syscallstats say at exit how many syscalls trapped (--syscall-stats)
 *   mount=HOST[:GUEST[:ro]]  (repeatable) show the archive's members under HOST (their
 *                names, without the leading "/") at GUEST, read-only with :ro, as
 *                uhyve-run's --mount; nothing else exists but the private /tmp
 *                and /dev/shm. The working directory defaults to the first GUEST.
 *   archive=OFFSET  the files: a newc cpio archive from OFFSET bytes into the first
 *                module (QEMU passes one module: scripts/qemu-run appends the archive
 *                to the program), unless a second module holds it
 *   input=OFFSET:LENGTH  standard input: LENGTH bytes from OFFSET into the first module,
 *                before any archive (default: empty)
 */
#include <asm-generic/fcntl.h>

#include "common/elf_check.h"
#include "drivers/qemu/devices/fw_cfg.h"
#include "drivers/qemu/devices/kvmclock.h"
#include "local.h"
#include "kernel/fs/ramfs/ramfs.h"
#include "drivers/qemu/devices/rtc.h"
#include "drivers/qemu/devices/tsc_rate.h"
#include "kernel/mm/frame.h"
#include "kernel/kernel.h"
#include "kernel/time/time.h"

#define DEFAULT_UMASK 022
#define MAX_ENV 4096
#define MAX_MOUNTS 16
#define AT_EXECFN_PAD 8 /* zero bytes after the strings, as uhyve-run leaves them */

extern char __kernel_end[];

static struct boot_info info;
static char *words, *words_end; /* the decoded command line: NUL-terminated words */
static char *args;              /* the first argument word */
static const char *envp[MAX_ENV];
static const char *exe, *cwd;
static const char *mount_spec[MAX_MOUNTS];
static const char *mount_guest[MAX_MOUNTS]; /* split from the specs, for boot_info's list */
static bool mount_ro[MAX_MOUNTS];
static unsigned nmounts;
static uint64_t archive_offset, input_offset, input_size;
static char empty_arg[] = "app";

/* Decode the command line in place; false if a quote is left open. */
static bool decode(char *s)
{
	char *out = s, quote = 0;
	bool in_word = false;
	words = s;
	for (; *s; s++) {
		char c = *s;
		if (quote) {
			if (c == quote)
				quote = 0;
			else if (quote == '"' && c == '\\' && (s[1] == '"' || s[1] == '\\'))
				*out++ = *++s;
			else
				*out++ = c;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n') {
			if (in_word)
				*out++ = 0;
			in_word = false;
			continue;
		}
		in_word = true;
		if (c == '\'' || c == '"')
			quote = c;
		else if (c == '\\' && s[1])
			*out++ = *++s;
		else
			*out++ = c;
	}
	if (in_word)
		*out++ = 0;
	words_end = out;
	return !quote;
}

static char *next(const char *w)
{
	return (char *)w + strlen(w) + 1;
}

static bool starts(const char *w, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (memcmp(w, prefix, n) != 0)
		return false;
	*rest = w + n;
	return true;
}

/* The number at *s, up to stop (or the end); *s moves past the stop. */
static uint32_t number_until(const char *w, const char **s, unsigned base, char stop)
{
	uint64_t v = 0;
	const char *p = *s;
	if (!*p || *p == stop)
		local_fail(LOCAL_FAILED, "bad boot option %s", w);
	for (; *p && *p != stop; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (d >= base || (v = v * base + d) > UINT32_MAX)
			local_fail(LOCAL_FAILED, "bad boot option %s", w);
	}
	*s = *p ? p + 1 : p;
	return (uint32_t)v;
}

static uint32_t number(const char *w, const char *s, unsigned base)
{
	return number_until(w, &s, base, 0);
}

/* K=V sets K: in place of an earlier K=..., as uhyve-run's --env. */
static void env_set(const char *kv)
{
	size_t klen = 0;
	while (kv[klen] && kv[klen] != '=')
		klen++;
	if (!kv[klen] || !klen)
		local_fail(LOCAL_FAILED, "bad boot option env=%s: expected env=KEY=VALUE", kv);
	for (uint32_t i = 0; i < info.envc; i++)
		if (memcmp(envp[i], kv, klen + 1) == 0) {
			envp[i] = kv;
			return;
		}
	if (info.envc == MAX_ENV)
		local_fail(LOCAL_FAILED, "more than %d env= boot options", MAX_ENV);
	envp[info.envc++] = kv;
}

static void option(const char *w)
{
	const char *v;
	if (starts(w, "env=", &v))
		env_set(v);
	else if (starts(w, "exe=", &v))
		exe = v;
	else if (starts(w, "cwd=", &v) && *v == '/')
		cwd = v;
	else if (starts(w, "uid=", &v))
		info.uid = info.euid = number(w, v, 10);
	else if (starts(w, "gid=", &v))
		info.gid = info.egid = number(w, v, 10);
	else if (starts(w, "umask=", &v))
		info.umask = number(w, v, 8) & 0777;
	else if (starts(w, "nofile=", &v)) {
		info.nofile_cur = number_until(w, &v, 10, ':');
		info.nofile_max = number(w, v, 10);
		if (info.nofile_cur > info.nofile_max)
			local_fail(LOCAL_FAILED, "bad boot option %s: the soft limit is above the hard one", w);
	}
	else if (starts(w, "hostname=", &v) && strlen(v) < sizeof(info.hostname))
		memcpy(info.hostname, v, strlen(v) + 1);
	else if (starts(w, "stdin=", &v))
		local_stream_mode[0] = number(w, v, 8);
	else if (starts(w, "stdout=", &v))
		local_stream_mode[1] = number(w, v, 8);
	else if (starts(w, "stderr=", &v))
		local_stream_mode[2] = number(w, v, 8);
	else if (starts(w, "mount=", &v) && *v == '/' && nmounts < MAX_MOUNTS)
		mount_spec[nmounts++] = v;
	else if (starts(w, "archive=", &v))
		archive_offset = number(w, v, 10);
	else if (starts(w, "input=", &v)) {
		input_offset = number_until(w, &v, 10, ':');
		input_size = number(w, v, 10);
	}
	else if (starts(w, "pollable=", &v))
		info.pollable_streams = number(w, v, 10) & 7;
	else if (starts(w, "terminals=", &v))
		info.terminal_streams = number(w, v, 10) & 7;
	else if ((starts(w, "link0=", &v) || starts(w, "link1=", &v) || starts(w, "link2=", &v)) &&
		 strlen(v) < sizeof(info.stream_links[0]))
		memcpy(info.stream_links[w[4] - '0'], v, strlen(v) + 1);
	else if (strcmp(w, "quiet") == 0)
		info.flags |= BOOT_QUIET;
	else if (strcmp(w, "notmp") == 0)
		info.flags |= BOOT_NO_TMP;
	else if (strcmp(w, "syscallstats") == 0)
		info.flags |= BOOT_SYSCALL_STATS;
	else
		local_fail(LOCAL_FAILED, "unknown or bad boot option \"%s\" (before \"--\")", w);
}

static void parse(char *cmdline)
{
	memcpy(info.hostname, "cocoon", sizeof("cocoon"));
	memset(info.stream_access, O_RDWR, sizeof(info.stream_access));
	info.umask = DEFAULT_UMASK;
	if (!cmdline || !decode(cmdline)) {
		if (cmdline)
			local_fail(LOCAL_FAILED, "unbalanced quotes on the command line");
		words = words_end = empty_arg;
	}
	args = words;
	for (char *w = words; w < words_end; w = next(w))
		if (strcmp(w, "--") == 0) {
			for (char *o = words; o < w; o = next(o))
				option(o);
			args = next(w);
			break;
		}
	if (args >= words_end) {
		args = empty_arg;
		words_end = empty_arg + sizeof(empty_arg);
	}
	for (char *w = args; w < words_end; w = next(w))
		info.argc++;
	if (!exe)
		exe = args;
}

/* The i-th string of the first stack: the arguments, the environment, then argv[0] again. */
static const char *stack_string(uint32_t i, const char **arg)
{
	if (i < info.argc) {
		const char *w = *arg;
		*arg = next(*arg);
		return w;
	}
	return i < info.argc + info.envc ? envp[i - info.argc] : args;
}

/* Lay the strings out to end on a page boundary from pa; returns the first byte after the offsets. */
static uint64_t place_strings(uint64_t pa)
{
	uint32_t n = info.argc + info.envc;
	uint64_t total = AT_EXECFN_PAD;
	const char *arg = args;
	for (uint32_t i = 0; i <= n; i++)
		total += strlen(stack_string(i, &arg)) + 1;
	info.strings_gpa = pa;
	info.strings_pages = PAGE_UP(total) / PAGE_SIZE;
	info.strings_size = total;
	info.offsets_gpa = pa + info.strings_pages * PAGE_SIZE;
	memset(phys_to_virt(pa), 0, info.strings_pages * PAGE_SIZE);
	uint32_t *offsets = phys_to_virt(info.offsets_gpa);
	char *first = (char *)offsets - total, *at = first;
	arg = args;
	for (uint32_t i = 0; i <= n; i++) {
		const char *s = stack_string(i, &arg);
		size_t len = strlen(s) + 1;
		offsets[i] = (uint32_t)(at - first);
		memmove(at, s, len);
		at += len;
	}
	return info.offsets_gpa + ((uint64_t)n + 1) * sizeof(uint32_t);
}

/* prefix and s at pa as one string; returns the byte after it. */
static uint64_t put_string(uint64_t pa, const char *prefix, const char *s)
{
	size_t plen = strlen(prefix), len = strlen(s) + 1;
	memmove(phys_to_virt(pa), prefix, plen);
	memmove(phys_to_virt(pa + plen), s, len);
	return pa + plen + len;
}

/* Copy the mount=HOST[:GUEST[:ro]] specs where they stay (after the strings), split them, mount. */
static uint64_t place_mounts(uint64_t at)
{
	for (unsigned i = 0; i < nmounts; i++) {
		char *host = phys_to_virt(at), *guest = host, *ro = 0;
		at = put_string(at, "", mount_spec[i]);
		while (*guest && *guest != ':')
			guest++;
		if (*guest) {
			*guest++ = 0;
			for (ro = guest; *ro && *ro != ':'; ro++)
				;
			ro = *ro ? (*ro = 0, ro + 1) : 0;
		}
		if (!*guest)
			guest = host;
		if ((ro && strcmp(ro, "ro") != 0) || *guest != '/')
			local_fail(LOCAL_FAILED, "bad boot option mount=%s: expected mount=HOST[:GUEST[:ro]]",
				   mount_spec[i]);
		ramfs_mount(host, guest, ro != 0);
		mount_guest[i] = guest;
		mount_ro[i] = ro != 0;
		if (i == 0 && !cwd)
			cwd = guest;
	}
	return at;
}

/*
 * The program's ELF headers checked by uhyve-run's rules (common/elf_check.c),
 * but for a dynamically linked one, which runs here;
 * the size of its head (see boot_info), and in mem_needed the bytes its
 * segments take.
 */
static uint64_t elf_check(const void *file, uint64_t size, uint64_t *mem_needed)
{
	const Elf64_Ehdr *eh = file;
	uint64_t detail, head_size = 0;
	enum elf_fault fault = elf_check_header(eh, size, size, &detail);
	if (fault == ELF_FINE)
		fault = elf_check_program(eh, (const Elf64_Phdr *)((const char *)file + eh->e_phoff), size, &detail,
					  &head_size, mem_needed);
	/* A dynamically linked program is run: the kernel loads its interpreter from the mounts. */
	if (fault != ELF_FINE && fault != ELF_DYNAMIC)
		local_fail(LOCAL_NOT_EXECUTABLE, "the program (first module): %s", elf_fault_text(fault));
	return head_size;
}

/* Where the frames end: at the first module above start (loaders put them high), else RAM's end. */
static uint64_t frames_end(const struct local_machine *m, uint64_t start)
{
	uint64_t end = m->ram_end;
	if (m->module_pa >= start && m->module_pa < end)
		end = m->module_pa;
	if (m->archive_size && m->archive_pa >= start && m->archive_pa < end)
		end = m->archive_pa;
	return PAGE_DOWN(end);
}

uint64_t local_boot(const struct local_machine *m)
{
	if (m->module_pa + m->module_size > m->ram_end || m->archive_pa + m->archive_size > m->ram_end)
		local_fail(LOCAL_FAILED, "the modules are not all in RAM below 4 GiB");
	parse(m->cmdline);
	uint64_t program_size = m->module_size, archive_pa = m->archive_pa, archive_size = m->archive_size;
	if (input_size) {
		if (input_offset > m->module_size || input_size > m->module_size - input_offset)
			local_fail(LOCAL_FAILED, "input=%lu:%lu is beyond the first module's end", input_offset,
				   input_size);
		program_size = input_offset;
		local_set_input(m->module_pa + input_offset, input_size);
	}
	if (!archive_size && archive_offset) {
		if (archive_offset > m->module_size)
			local_fail(LOCAL_FAILED, "archive=%lu is beyond the first module's end", archive_offset);
		if (!input_size)
			program_size = archive_offset;
		archive_pa = m->module_pa + archive_offset;
		archive_size = m->module_size - archive_offset;
	}
	info.image_gpa = m->module_pa;
	uint64_t mem_needed;
	info.image_size = elf_check(phys_to_virt(m->module_pa), program_size, &mem_needed);
	uint64_t at = place_mounts(place_strings(PAGE_UP(virt_to_phys(__kernel_end))));
	if (!cwd)
		cwd = "/";
	info.exe_gpa = at;
	/* glibc wants /proc/self/exe absolute. */
	at = put_string(at, exe[0] == '/' ? "" : "/", exe);
	info.cwd_gpa = at;
	at = put_string(at, "", cwd);
	info.mounts_gpa = at;
	for (unsigned i = 0; i < nmounts; i++)
		at = put_string(at, mount_ro[i] ? "r" : "w", mount_guest[i]);
	at = put_string(at, "", "");
	info.free_start = PAGE_UP(at);
	info.mem_size = frames_end(m, info.free_start);
	if (info.free_start >= info.mem_size || info.mem_size - info.free_start < mem_needed + KERNEL_RESERVE)
		local_fail(LOCAL_NOT_EXECUTABLE, "the program needs %lu MiB of guest memory, more than it has (%lu MiB)",
			   (unsigned long)((info.free_start + mem_needed + KERNEL_RESERVE) >> 20) + 1,
			   (unsigned long)(info.mem_size >> 20));
	/* Firmware ran in this RAM before us. */
	frame_fresh_dirty = true;
	info.pvm_vif_gpa = m->vif_pa;
	info.cpus = fw_cfg_cpus();
	if (info.cpus > COCOON_MAX_CPUS)
		info.cpus = COCOON_MAX_CPUS;
	struct local_setup s = {
		.program_pa = m->module_pa,
		.program_size = program_size,
	};
	if (!kvmclock_read(&s.realtime_ns, &s.realtime_tsc, &s.tsc_khz)) {
		s.tsc_khz = tsc_rate_khz();
		s.realtime_tsc = rdtsc();
		s.realtime_ns = rtc_unix_seconds() * NSEC_PER_SEC;
	}
	info.tsc_khz = s.tsc_khz;
	local_setup(&s);
	ramfs_set_archive(archive_pa, archive_size);
	return virt_to_phys(&info);
}
