/*
 * The program's syscall sites made calls into the kernel before it runs, by
 * cocoon-rewrite, the result kept in the rewrite cache (cache.c); an empty
 * entry records a program that cannot be rewritten. Without a cache the
 * result goes to a file in TMPDIR that is gone once opened. The program
 * still sees its own path (/proc/self/exe, AT_EXECFN).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "image.h"
#include "log.h"

const char *rewriter_path(void)
{
	const char *path = beside_monitor("cocoon-rewrite", X_OK);
	if (!path)
		path = beside_monitor("tools/cocoon-rewrite", X_OK);
	return path ? path : "cocoon-rewrite";
}

/* Without a cache: into TMPDIR, unlinked once open. */
static int temp_make(const struct rewrite_job *job, char *why, size_t why_size)
{
	const char *tmpdir = getenv("TMPDIR");
	char tmp[PATH_MAX];
	enum rewrite_result result;
	int fd = rewrite_into(job, tmpdir && *tmpdir ? tmpdir : "/tmp", "uhyve-run-rewrite", tmp, &result, why, why_size);
	if (fd >= 0)
		unlink(tmp);
	if (fd >= 0 && result != REWRITE_DONE) {
		close(fd);
		fd = -1;
	}
	return fd;
}

bool app_rewrite(const char *path, const char *tool, struct app_image *app, bool required)
{
	const char *dir = cache_dir();
	const struct rewrite_job job = { .tool = tool, .in = path, .in_fd = -1, .stop_fd = -1 };
	char name[CACHE_NAME_MAX], why[512] = "";
	struct stat prog, rw;
	int fd = -1;
	if (dir && fstat(app->fd, &prog) == 0 && stat(tool, &rw) == 0 && cache_entry_name(app->fd, &prog, &rw, name)) {
		struct stat st;
		fd = cache_entry_open(dir, name, &st);
		/* A recorded failure: without required the program runs as it is; with it, the error is wanted. */
		if (fd >= 0 && st.st_size == 0) {
			close(fd);
			if (!required)
				return false;
			fd = -1;
		}
		enum rewrite_result result;
		if (fd < 0)
			fd = cache_entry_make(dir, name, &job, &result, why, sizeof(why));
	} else {
		fd = temp_make(&job, why, sizeof(why));
	}
	if (fd < 0) {
		if (required)
			die(EXIT_NOT_EXECUTABLE, "--rewrite: %s", why);
		return false;
	}
	close(app->fd);
	app_check_fd(fd, path, app);
	return true;
}
