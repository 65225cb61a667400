/* cocoon-build: a kernel holding only the syscalls a program can make. Scans the program,
 * configures the kernel build with -DCOCOON_SYSCALLS=<those implemented>, builds it into
 * OUTDIR/build, and leaves OUTDIR/cocoon-kernel; with --rewrite, also the program with its
 * syscall sites rewritten (cocoon-rewrite) as OUTDIR/NAME.fast. */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../scan/scan.h"
#include "../scan/syscall_names.h"
#include "run.h"
#include "text_size.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: cocoon-build PROGRAM -o OUTDIR [--rewrite] [--source DIR] [--full-kernel FILE]\n"
	           "  Builds OUTDIR/cocoon-kernel with only the syscalls cocoon-scan finds in the\n"
	           "  static x86-64 PROGRAM (every syscall if some site is unresolved), for\n"
	           "  uhyve-run --kernel OUTDIR/cocoon-kernel PROGRAM.\n"
	           "  --rewrite          also write OUTDIR/NAME.fast, PROGRAM (named NAME) with its\n"
	           "                     syscall sites calling the kernel (cocoon-rewrite)\n"
	           "  --source DIR       cocoon's source tree (default: %s)\n"
	           "  --full-kernel FILE the kernel with every syscall, for the size comparison\n"
	           "                     (default: %s)\n",
	        COCOON_SOURCE_DIR, COCOON_FULL_KERNEL);
}

/* BUF = DIR/NAME; too long a path is an error, not a truncation. */
static void join(char *buf, size_t size, const char *dir, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= size)
		fail("%s: path too long", dir);
}

/* implemented[nr]: syscalls/NAME.c exists in the source tree. */
static void implemented_syscalls(const char *source, unsigned char *implemented)
{
	char dir[4096];
	join(dir, sizeof(dir), source, "syscalls");
	DIR *d = opendir(dir);
	if (!d)
		fail("%s: %s (is --source a cocoon source tree?)", dir, strerror(errno));
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0)
			continue;
		e->d_name[len - 2] = 0;
		long nr = syscall_number(e->d_name);
		if (nr >= 0 && nr < SCAN_MAX_NR)
			implemented[nr] = 1;
	}
	closedir(d);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		fail("%s: %s", path, strerror(errno));
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	if (!in || !out)
		fail("%s: %s", in ? to : from, strerror(errno));
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			fail("%s: %s", to, strerror(errno));
	if (ferror(in) || fclose(out) != 0)
		fail("%s: write error", to);
	fclose(in);
	chmod(to, 0755);
}

int main(int argc, char **argv)
{
	fail_prefix = "cocoon-build";
	const char *prog = NULL, *outdir = NULL, *source = COCOON_SOURCE_DIR, *full = COCOON_FULL_KERNEL;
	bool rewrite = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--rewrite") == 0) {
			rewrite = true;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			outdir = argv[++i];
		} else if (strcmp(argv[i], "--source") == 0 && i + 1 < argc) {
			source = argv[++i];
		} else if (strcmp(argv[i], "--full-kernel") == 0 && i + 1 < argc) {
			full = argv[++i];
		} else if (argv[i][0] != '-' && !prog) {
			prog = argv[i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!prog || !outdir) {
		usage(stderr);
		return 2;
	}

	static struct scan scan;
	scan_program(prog, &scan);
	/* Other files make syscalls the scan of this one cannot see. */
	if (scan.prog.img.outside)
		fail("%s: %s; only a static program gets a kernel of its own", prog, scan.prog.img.outside);
	static unsigned char implemented[SCAN_MAX_NR];
	implemented_syscalls(source, implemented);

	/* COCOON_SYSCALLS: the implemented syscalls found; empty means all of them. */
	static char list[16384];
	size_t len = 0, chosen = 0, found = 0;
	for (size_t nr = 0; nr < SCAN_MAX_NR && !scan.unresolved; nr++) {
		found += scan.used[nr];
		if (scan.used[nr] && implemented[nr])
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", chosen++ ? ";" : "", syscall_name(nr));
	}
	if (scan.unresolved)
		printf("%s: %zu of %zu syscall sites unresolved: building with every syscall\n", prog, scan.unresolved,
		       scan.nsites);
	else if (chosen == 0)
		printf("%s: none of its %zu syscalls is implemented: building with every syscall\n", prog, found);
	else
		printf("%s: %zu syscalls found, %zu implemented\n", prog, found, chosen);
	for (int in_kernel = 1; in_kernel >= 0 && !scan.unresolved; in_kernel--) {
		if (!in_kernel && chosen == found)
			break;
		printf(in_kernel ? "  in the kernel:" : "  not implemented (ENOSYS in any kernel):");
		for (size_t nr = 0; nr < SCAN_MAX_NR; nr++)
			if (scan.used[nr] && implemented[nr] == in_kernel)
				printf(" %s", syscall_name(nr));
		putchar('\n');
	}

	make_dir(outdir);
	char build[4096], log[4096], def[sizeof(list) + 32], kernel[8192], out[4096];
	join(build, sizeof(build), outdir, "build");
	join(log, sizeof(log), outdir, "build.log");
	join(kernel, sizeof(kernel), build, "cocoon-kernel");
	join(out, sizeof(out), outdir, "cocoon-kernel");
	snprintf(def, sizeof(def), "-DCOCOON_SYSCALLS=%s", list);
	remove(log);
	char *configure[] = {"cmake", "-S", (char *)source, "-B", build, def, NULL};
	char *compile[] = {"cmake", "--build", build, "--target", "cocoon-kernel", "-j2", NULL};
	if (run_logged(configure, log) != 0 || run_logged(compile, log) != 0)
		fail("the kernel build failed: see %s", log);
	copy_file(kernel, out);

	uint64_t app = text_size(out), all = text_size(full);
	printf("kernel: %s\n.text: %lu bytes (full kernel %lu bytes: %.1f%%)\n", out, (unsigned long)app,
	       (unsigned long)all, 100.0 * (double)app / (double)all);
	if (!rewrite)
		return 0;
	char fast[8192];
	const char *base = strrchr(prog, '/');
	join(fast, sizeof(fast), outdir, base ? base + 1 : prog);
	if (strlen(fast) + sizeof(".fast") > sizeof(fast))
		fail("%s: path too long", outdir);
	strcat(fast, ".fast");
	char *rewriter[] = {COCOON_REWRITE, (char *)prog, "-o", fast, NULL};
	printf("rewritten program: %s\n", fast);
	fflush(stdout);
	if (run_logged(rewriter, NULL) != 0)
		fail("cocoon-rewrite failed on %s", prog);
	return 0;
}
