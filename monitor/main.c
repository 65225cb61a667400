/* uhyve-run: run a Linux x86-64 program as its own KVM virtual machine. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cocoon/hypercall.h"
#include "confine.h"
#include "files.h"
#include "hypercall_table.h"
#include "image.h"
#include "lib_copy.h"
#include "log.h"
#include "net.h"
#include "vm.h"

#ifndef COCOON_KERNEL_INSTALLED
#define COCOON_KERNEL_INSTALLED "/usr/local/lib/cocoon/cocoon-kernel"
#endif

#define DEFAULT_MEM (128ULL << 20)
#define PAGE 4096ULL
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))
/* Room the kernel needs beyond the program's segments: stack, page tables, heap start. */

extern char **environ;

/* Whether the program runs as cocoon-rewrite leaves it. */
enum rewrite_mode {
	REWRITE_AUTO, /* when it can be rewritten (the default) */
	REWRITE_ON,   /* --rewrite: or not at all */
	REWRITE_OFF,  /* --no-rewrite */
};

/* What the user asked for. */
struct options {
	uint64_t mem_size;
	const char *kernel_path;
	const char *app_path;
	char **app_argv;
	int app_argc;
	char **envp;
	int envc;
	bool quiet;
	bool syscall_stats;
	bool write_behind;
	bool no_tmp;
	const char *tmp_dir; /* --tmp */
	enum rewrite_mode rewrite;
	const char *cwd;
	unsigned cpus;
	bool no_host_libs;
	const char *root; /* --root: the tree mounted at / read-only */
};

static void usage(FILE *out)
{
	fputs("Usage: uhyve-run [OPTIONS] PROGRAM [ARGS...]\n"
	      "Run an x86-64 Linux PROGRAM, static or dynamically linked, as its own KVM\n"
	      "virtual machine.\n"
	      "\n"
	      "Options:\n"
	      "  --mem SIZE       guest memory, with suffix K, M or G (default 128M, 4M..3G);\n"
	      "                   host memory is used only as the guest touches it\n"
	      "  --kernel FILE    kernel image to boot (default: cocoon-kernel next to\n"
	      "                   uhyve-run, else " COCOON_KERNEL_INSTALLED ")\n"
	      "  --mount HOSTDIR[:GUESTDIR[:ro]]\n"
	      "                   show the program the host directory HOSTDIR at GUESTDIR\n"
	      "                   (default: the same path), read-only with :ro (repeatable);\n"
	      "                   paths never resolve outside the mounted directories;\n"
	      "                   /proc, /sys, /dev and other pseudo file systems are\n"
	      "                   refused, and FIFOs and devices beneath a mount do not open\n"
	      "  --root DIR       show the program the host directory DIR at / read-only, as\n"
	      "                   a chroot does (a debootstrap, an extracted container\n"
	      "                   image), --mounts above it; an absolute PROGRAM is then\n"
	      "                   DIR's, and the host's library directories are not added\n"
	      "  --no-host-libs   do not show a dynamically linked program the host's\n"
	      "                   library directories (see below)\n"
	      "  --tmp HOSTDIR    put /tmp on the host: --mount HOSTDIR:/tmp (default: a\n"
	      "                   private /tmp and /dev/shm in guest memory, tmpfs, which\n"
	      "                   hold up to half of --mem and are gone at exit; a --mount\n"
	      "                   at /tmp or /dev/shm takes the place of the private one)\n"
	      "  --no-tmp         no private /tmp and /dev/shm\n"
	      "  --cwd DIR        the program's working directory (default: the first\n"
	      "                   mount's GUESTDIR, else /)\n"
	      "  --env K=V        set K to V in the program's environment (repeatable)\n"
	      "  --clear-env      start the program with an empty environment\n"
	      "                   (default: uhyve-run's own environment)\n"
	      "  --quiet          do not log syscalls the kernel does not implement\n"
	      "  --syscall-stats  say at exit how many syscalls were calls into the kernel\n"
	      "                   and how many trapped\n"
	      "  --write-behind   let small writes to files wait in the guest and go to the\n"
	      "                   host together: faster, but what write() returned for is\n"
	      "                   lost if uhyve-run is killed (SIGKILL); by default it is\n"
	      "                   in the host file when write() returns\n"
	      "  --rewrite        make the program's syscall sites calls into the kernel\n"
	      "                   first (cocoon-rewrite), or fail; the default does it when\n"
	      "                   the program can be rewritten (symbols or .eh_frame), and\n"
	      "                   to each shared library loaded that can be; the results\n"
	      "                   are kept in $XDG_CACHE_HOME/cocoon (else ~/.cache/cocoon)\n"
	      "  --no-rewrite     run the program and its libraries as they are: each\n"
	      "                   syscall traps\n"
	      "  --cpus N         virtual CPUs the program's threads run on (default 1, 1..16)\n"
	      "  --net tap:NAME   connect the program to the existing tap device NAME\n"
	      "  --ip ADDR/PREFIX its IPv4 address there (default 10.0.2.15/24); --ip dhcp:\n"
	      "                   address, prefix and route from a DHCP server on the link\n"
	      "  --gateway ADDR   its default route (default: the subnet's first address)\n"
	      "  --mac MAC        its Ethernet address (default 02:c0:c0:00:00:01)\n"
	      "  --ip6 ADDR[/64]  a global IPv6 address there besides the link-local one\n"
	      "                   made from the MAC (default: none); its /64 is on-link\n"
	      "  --gateway6 ADDR  the IPv6 router for other destinations (default: the\n"
	      "                   /64's address ::1)\n"

	      "  --help           show this help\n"
	      "\n"
	      "Without --mount the program sees no host files: only its standard input,\n"
	      "output and error and its private /tmp and /dev/shm; any other path is\n"
	      "ENOENT. A dynamically linked program also sees, read-only, the host's\n"
	      "/lib, /lib64, /usr/lib, /usr/lib64, /usr/local/lib and /usr/share (its\n"
	      "loader, libraries and their data), each where nothing is mounted at or\n"
	      "above it. Without --net it has a loopback\n"
	      "interface only (127.0.0.1).\n"
	      "\n"
	      "Exit status: the program's own; 128+N if it was killed by signal N (139 for\n"
	      "a segmentation fault). uhyve-run's own failures print one line on stderr and\n"
	      "exit with 127 (program or its interpreter not found), 126 (program cannot be\n"
	      "run: not an x86-64 ELF executable, corrupt, or too big for --mem) or 125 (bad\n"
	      "option, KVM unavailable, kernel image missing, kernel panic).\n",
	      out);
}

static uint64_t parse_size(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	uint64_t mul = 1;
	switch (*end) {
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'm': case 'M': mul = 1ULL << 20; end++; break;
	case 'g': case 'G': mul = 1ULL << 30; end++; break;
	default: break;
	}
	if (errno || end == s || *end || v > GUEST_MEM_MAX || v * mul < GUEST_MEM_MIN || v * mul > GUEST_MEM_MAX)
		die(EXIT_MONITOR_FAILED, "--mem %s: expected a size from 4M to 3G", s);
	/* Whole 2 MiB pages, as the boot page tables map them. */
	return (v * mul + (2ULL << 20) - 1) & ~((2ULL << 20) - 1);
}

static unsigned parse_cpus(const char *s)
{
	char *end;
	errno = 0;
	unsigned long n = strtoul(s, &end, 10);
	if (errno || end == s || *end || n < 1 || n > COCOON_MAX_CPUS)
		die(EXIT_MONITOR_FAILED, "--cpus %s: expected a number from 1 to %d", s, COCOON_MAX_CPUS);
	return (unsigned)n;
}

/* Add K=V to the environment, replacing an entry with the same key. */
static void env_set(struct options *o, char *kv)
{
	const char *eq = strchr(kv, '=');
	if (!eq || eq == kv)
		die(EXIT_MONITOR_FAILED, "--env %s: expected KEY=VALUE", kv);
	size_t klen = (size_t)(eq - kv) + 1;
	for (int i = 0; i < o->envc; i++) {
		if (strncmp(o->envp[i], kv, klen) == 0) {
			o->envp[i] = kv;
			return;
		}
	}
	o->envp[o->envc++] = kv;
}

static void parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "mem", required_argument, NULL, 'm' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "env", required_argument, NULL, 'e' },
		{ "clear-env", no_argument, NULL, 'c' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "syscall-stats", no_argument, NULL, 'S' },
		{ "write-behind", no_argument, NULL, 'W' },
		{ "rewrite", no_argument, NULL, 'R' },
		{ "no-rewrite", no_argument, NULL, 'N' },
		{ "mount", required_argument, NULL, 'M' },
		{ "tmp", required_argument, NULL, 'T' },
		{ "no-tmp", no_argument, NULL, 'n' },
		{ "cwd", required_argument, NULL, 'C' },
		{ "root", required_argument, NULL, 'r' },
		{ "no-host-libs", no_argument, NULL, 'L' },
		{ "cpus", required_argument, NULL, 'P' },
		{ "net", required_argument, NULL, NET_OPT_NET },
		{ "ip", required_argument, NULL, NET_OPT_IP },
		{ "gateway", required_argument, NULL, NET_OPT_GATEWAY },
		{ "mac", required_argument, NULL, NET_OPT_MAC },
		{ "ip6", required_argument, NULL, NET_OPT_IP6 },
		{ "gateway6", required_argument, NULL, NET_OPT_GATEWAY6 },

		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int host_envc = 0;
	while (environ[host_envc])
		host_envc++;
	o->envp = calloc((size_t)(host_envc + argc), sizeof(char *));
	if (!o->envp)
		die(EXIT_MONITOR_FAILED, "out of memory");
	o->mem_size = DEFAULT_MEM;
	o->cpus = 1;
	int clear_env = 0, opt;

	/* First pass for --clear-env, so --env works wherever it stands. */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1)
		if (opt == 'c')
			clear_env = 1;
	if (!clear_env)
		for (; o->envc < host_envc; o->envc++)
			o->envp[o->envc] = environ[o->envc];

	optind = 1;
	while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm': o->mem_size = parse_size(optarg); break;
		case 'k': o->kernel_path = optarg; break;
		case 'e': env_set(o, optarg); break;
		case 'c': break;
		case 'q': o->quiet = true; break;
		case 'S': o->syscall_stats = true; break;
		case 'W': o->write_behind = true; break;
		case 'R': o->rewrite = REWRITE_ON; break;
		case 'N': o->rewrite = REWRITE_OFF; break;
		case 'M': files_mount(optarg); break;
		case 'T': o->tmp_dir = optarg; break;
		case 'n': o->no_tmp = true; break;
		case 'P': o->cpus = parse_cpus(optarg); break;
		case 'r': o->root = optarg; break;
		case 'L': o->no_host_libs = true; break;
		case NET_OPT_NET: case NET_OPT_IP: case NET_OPT_GATEWAY: case NET_OPT_MAC: case NET_OPT_IP6:
		case NET_OPT_GATEWAY6:
			net_option(opt, optarg);
			break;
		case 'C':
			if (optarg[0] != '/')
				die(EXIT_MONITOR_FAILED, "--cwd %s: must be an absolute guest path", optarg);
			o->cwd = optarg;
			break;

		case 'h': usage(stdout); exit(0);
		default: die(EXIT_MONITOR_FAILED, "bad option %s (see uhyve-run --help)", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		die(EXIT_MONITOR_FAILED, "no program given (see uhyve-run --help)");
	if (o->root && argv[optind][0] != '/')
		die(EXIT_MONITOR_FAILED, "--root %s: PROGRAM must be an absolute path inside it", o->root);
	o->app_path = argv[optind];
	o->app_argv = &argv[optind];
	o->app_argc = argc - optind;
}

/* The kernel image next to uhyve-run (a build tree) wins over the installed one. */
static const char *default_kernel(void)
{
	const char *path = beside_monitor("cocoon-kernel", R_OK);
	return path ? path : COCOON_KERNEL_INSTALLED;
}

/* Copy a string into guest memory at gpa; dies if memory runs out. */
static void put_string(struct guest *g, uint64_t gpa, const char *s)
{
	size_t len = strlen(s) + 1;
	char *dst = guest_ptr(g, gpa, len);
	if (!dst)
		die(EXIT_NOT_EXECUTABLE, "arguments and environment do not fit in guest memory (raise --mem)");
	memcpy(dst, s, len);
}

/* The strings of the first stack, laid out to end on a page boundary (see boot_info). */
static uint64_t place_strings(struct guest *g, struct boot_info *bi, const struct options *o, uint64_t gpa)
{
	int n = o->app_argc + o->envc;
	uint64_t total = strlen(o->app_argv[0]) + 1 + 8;
	for (int i = 0; i < n; i++)
		total += strlen(i < o->app_argc ? o->app_argv[i] : o->envp[i - o->app_argc]) + 1;
	bi->strings_gpa = gpa;
	bi->strings_pages = PAGE_UP(total) / PAGE;
	bi->strings_size = total;
	bi->offsets_gpa = gpa + bi->strings_pages * PAGE;

	uint32_t *offsets = guest_ptr(g, bi->offsets_gpa, ((uint64_t)n + 1) * sizeof(uint32_t));
	if (!offsets || total > UINT32_MAX)
		die(EXIT_NOT_EXECUTABLE, "arguments and environment do not fit in guest memory (raise --mem)");
	uint64_t first = bi->offsets_gpa - total, at = first;
	for (int i = 0; i <= n; i++) {
		const char *s = i < o->app_argc ? o->app_argv[i] : i < n ? o->envp[i - o->app_argc] : o->app_argv[0];
		offsets[i] = (uint32_t)(at - first);
		put_string(g, at, s);
		at += strlen(s) + 1;
	}
	return bi->offsets_gpa + ((uint64_t)n + 1) * sizeof(uint32_t);
}

static void write_boot_info(struct guest *g, const struct options *o, const struct app_image *app,
			    uint64_t kernel_end)
{
	struct boot_info *bi = guest_ptr(g, BOOT_INFO_GPA, sizeof(*bi));
	const char *exe = app->exe;

	bi->flags = (o->quiet ? BOOT_QUIET : 0) | (o->write_behind ? BOOT_WRITE_BEHIND : 0) | (o->no_tmp ? BOOT_NO_TMP : 0) |
		    (o->syscall_stats ? BOOT_SYSCALL_STATS : 0);
	bi->mem_size = g->size;
	bi->argc = (uint32_t)o->app_argc;
	bi->envc = (uint32_t)o->envc;
	bi->exe_gpa = place_strings(g, bi, o, PAGE_UP(kernel_end));
	put_string(g, bi->exe_gpa, exe);
	bi->cwd_gpa = bi->exe_gpa + strlen(exe) + 1;
	const char *cwd = o->cwd;
	put_string(g, bi->cwd_gpa, cwd);
	char *mounts;
	size_t mounts_size = files_mount_list(&mounts);
	bi->mounts_gpa = bi->cwd_gpa + strlen(cwd) + 1;
	char *dst = guest_ptr(g, bi->mounts_gpa, mounts_size);
	if (!dst)
		die(EXIT_NOT_EXECUTABLE, "the mounts do not fit in guest memory (raise --mem)");
	memcpy(dst, mounts, mounts_size);
	free(mounts);

	bi->image_gpa = PAGE_UP(bi->mounts_gpa + mounts_size);
	bi->image_size = app->head_size;
	bi->free_start = PAGE_UP(bi->image_gpa + app->head_size);
	if (bi->free_start > g->size || g->size - bi->free_start < app->mem_needed + KERNEL_RESERVE)
		die(EXIT_NOT_EXECUTABLE, "%s: needs %llu MiB of guest memory, more than --mem gives (%llu MiB)",
		    o->app_path,
		    (unsigned long long)((bi->free_start + app->mem_needed + KERNEL_RESERVE) >> 20) + 1,
		    (unsigned long long)(g->size >> 20));
	app_place(app, g, bi->image_gpa);

	bi->uid = (uint32_t)getuid();
	bi->euid = (uint32_t)geteuid();
	bi->gid = (uint32_t)getgid();
	bi->egid = (uint32_t)getegid();
	int ngroups = getgroups(0, NULL);
	gid_t *groups = ngroups > 0 ? calloc((size_t)ngroups, sizeof(gid_t)) : NULL;
	ngroups = groups ? getgroups(ngroups, groups) : 0;
	for (int i = 0; i < ngroups && i < BOOT_GROUPS_MAX; i++)
		bi->groups[bi->ngroups++] = (uint32_t)groups[i];
	free(groups);
	gethostname(bi->hostname, sizeof(bi->hostname) - 1);
	bi->pvm_vif_gpa = kvm_is_pvm() ? BOOT_PVM_VIF_GPA : 0;
	/* The guest's umask applies in the guest kernel; the host must not apply ours twice. */
	bi->umask = (uint32_t)umask(0);
	/* The program starts with uhyve-run's descriptor limits, as its child would. */
	struct rlimit nofile;
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0) {
		bi->nofile_cur = nofile.rlim_cur;
		bi->nofile_max = nofile.rlim_max;
	}
	bi->cpus = o->cpus;
	bi->pollable_streams = files_pollable_streams();
	bi->terminal_streams = files_terminal_streams();
	for (int fd = 0; fd < 3; fd++) {
		char link[32];
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, bi->stream_links[fd], sizeof(bi->stream_links[fd]) - 1);
		bi->stream_links[fd][n > 0 ? n : 0] = 0;
		int flags = fcntl(fd, F_GETFL);
		bi->stream_access[fd] = (uint8_t)(flags < 0 ? O_RDWR : flags & O_ACCMODE);
	}
}

/* A dynamically linked program: its loader and libraries must be in its view of the files. */
static void dynamic_setup(const struct options *o, const struct app_image *app)
{
	if (o->rewrite == REWRITE_ON)
		die(EXIT_NOT_EXECUTABLE,
		    "--rewrite: %s is dynamically linked: its own file is not rewritten, only its shared libraries as "
		    "they load (without --rewrite)",
		    o->app_path);
	if (!o->no_host_libs && !o->root)
		files_mount_host_libs();
	int err = files_guest_file(app->interp);
	if (err < 0)
		die(EXIT_NOT_FOUND, "%s: its interpreter %s: %s among the mounts%s", o->app_path, app->interp,
		    strerror(-err), o->no_host_libs || o->root ? "" : " (and the host's library directories)");
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct app_image app;

	/* What uhyve-run was started with beyond its standard streams is not the guest's to reach. */
	close_inherited();
	parse_options(argc, argv, &o);
	/* The user's first mount, not one of those added here (/tmp, the root, the library directories). */
	if (!o.cwd)
		o.cwd = files_default_cwd();
	if (o.tmp_dir)
		files_mount_tmp(o.tmp_dir);
	if (o.root) {
		app_check_in_root(o.root, o.app_path, &app);
		char spec[PATH_MAX + 8];
		if (snprintf(spec, sizeof(spec), "%s:/:ro", o.root) >= (int)sizeof(spec))
			die(EXIT_MONITOR_FAILED, "--root %s: path too long", o.root);
		files_mount(spec);
	} else {
		app_check(o.app_path, &app);
	}
	if (app.interp[0])
		dynamic_setup(&o, &app);
	const char *tool = rewriter_path();
	bool rewritten = !app.interp[0] && o.rewrite != REWRITE_OFF && app_rewrite(o.app_path, tool, &app, o.rewrite == REWRITE_ON);
	/* Before the VM and the network exist: the rewrite server it may start gets nothing of them. */
	if (o.rewrite != REWRITE_OFF)
		lib_copy_start(tool);
	net_open();
	if (!o.kernel_path)
		o.kernel_path = default_kernel();
	struct kernel_image kernel;
	kernel_check(o.kernel_path, &kernel);
	/* A closed pipe must become EPIPE for the guest, not kill the monitor. */
	signal(SIGPIPE, SIG_IGN);

	struct vm *vm = vm_create(o.mem_size, o.cpus);
	hypercall_handlers(hypercall_table);
	vm_at_end(files_finish);
	struct guest *g = vm_guest(vm);
	uint64_t kernel_end;
	uint64_t entry = kernel_load(&kernel, g, &kernel_end);
	write_boot_info(g, &o, &app, kernel_end);
	struct boot_info *bi = guest_ptr(g, BOOT_INFO_GPA, sizeof(*bi));
	net_place(g, bi, app.mem_needed + KERNEL_RESERVE, rewritten);
	bi->tsc_khz = vm_tsc_khz(vm);
	vm_setup_x86_64(vm, entry);
	bi->ring_gpa = ring_start(vm);
	vm_forward_signals(vm);
	/* Set up: from here on only the calls the running monitor makes (confine.c). */
	confine();
	vm_end(g, vm_run(vm));
}
