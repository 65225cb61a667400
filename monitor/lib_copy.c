/*
 * Rewritten copies of the shared libraries the guest's loader opens. On a
 * cache hit the monitor opens the entry itself; on a miss it asks the
 * rewrite server and waits for its answer (the vCPU is in the hypercall), a
 * little longer than a rewrite may take. Whatever goes wrong with the
 * server, the guest gets the original file and the server is asked no more.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "cache.h"
#include "fdpass.h"
#include "lib_copy.h"
#include "rewrite_server.h"

static const char *dir; /* the cache; NULL: no copies */
static struct stat tool_st;
static int server = -1;

void lib_copy_start(const char *tool)
{
	/* One found on PATH is not the file stat would name: copies need one beside uhyve-run. */
	dir = tool[0] == '/' && stat(tool, &tool_st) == 0 ? cache_dir() : NULL;
	if (dir)
		server = rewrite_server_start(dir, tool, &tool_st);
	/* A server that does not answer in time is given up on, as one that has ended. */
	struct timeval wait = { .tv_sec = REWRITE_SECONDS + 5 };
	if (server >= 0 && setsockopt(server, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait)) < 0) {
		close(server);
		server = -1;
	}
}

/* Does the file open as fd start as an x86-64 ELF shared object (or an executable, if program)? */
static bool elf_object(int fd, bool program)
{
	Elf64_Ehdr eh;
	ssize_t n;
	do
		n = pread(fd, &eh, sizeof(eh), 0);
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(eh) && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
	       eh.e_ident[EI_DATA] == ELFDATA2LSB && (eh.e_type == ET_DYN || (program && eh.e_type == ET_EXEC)) &&
	       eh.e_machine == EM_X86_64;
}

bool lib_rewritable(int fd, const struct stat *st, bool program)
{
	return S_ISREG(st->st_mode) && st->st_size <= LIB_BYTES_MAX && elf_object(fd, program);
}

/* The server's copy of the library (or program) open as fd, or -1. */
static int ask_server(int fd, bool program)
{
	char answer = SERVER_NONE;
	int copy = -1;
	if (server < 0)
		return -1;
	if (fd_send(server, program ? SERVER_PROGRAM : SERVER_LIBRARY, fd) < 0 || fd_recv(server, &answer, &copy) <= 0 || answer == SERVER_SPENT ||
	    (answer == SERVER_COPY) != (copy >= 0)) {
		/* Ended, silent, spent or talking nonsense. */
		close(server);
		server = -1;
	}
	if (copy >= 0 && answer != SERVER_COPY) {
		close(copy);
		copy = -1;
	}
	return copy;
}

/* Is the copy what the guest may have: of the original's kind, open read-only? Its stat in *st if so. */
static bool usable(int copy, struct stat *st, bool program)
{
	struct stat cst;
	int flags = fcntl(copy, F_GETFL);
	if (flags < 0 || (flags & O_ACCMODE) != O_RDONLY || fstat(copy, &cst) < 0 || !S_ISREG(cst.st_mode) ||
	    !elf_object(copy, program))
		return false;
	*st = cst;
	return true;
}

int lib_copy_open(int fd, struct stat *st, bool program)
{
	char name[CACHE_NAME_MAX];
	struct stat entry;
	if (!dir || !lib_rewritable(fd, st, program) || !cache_entry_name(fd, st, &tool_st, name))
		return -1;
	int copy = cache_entry_open(dir, name, &entry);
	if (copy >= 0 && entry.st_size == 0) { /* cocoon-rewrite refused it */
		close(copy);
		return -1;
	}
	if (copy < 0)
		copy = ask_server(fd, program);
	if (copy >= 0 && !usable(copy, st, program)) {
		close(copy);
		copy = -1;
	}
	return copy;
}
