/*
 * The shared libraries the guest's loader opens, and the programs its
 * execve starts, handed to it as their copies rewritten by cocoon-rewrite,
 * from the rewrite cache (lib_copy.c), made on a miss by the rewrite server
 * (rewrite_server.c).
 */
#ifndef MONITOR_LIB_COPY_H
#define MONITOR_LIB_COPY_H

#include <stdbool.h>
#include <sys/stat.h>

#define LIB_BYTES_MAX (64LL << 20) /* a larger library is not rewritten: a quarter of the cache */
#define LIB_REWRITES_MAX 64	   /* rewrites one run may cause */

/*
 * Before confinement: copies made by the rewriter tool (an absolute path),
 * from the cache, and the server that makes missing ones. Without a usable
 * cache, or tool, no copies at all.
 */
void lib_copy_start(const char *tool);
/*
 * The rewritten copy of the file open as fd, open read-only, st becoming its
 * stat (st is fd's when called); -1: the guest gets the original.
 */
int lib_copy_open(int fd, struct stat *st, bool program);
/*
 * May the file open as fd (st: its fstat) be rewritten: an x86-64 ELF shared object of
 * at most LIB_BYTES_MAX, or an executable too if program?
 */
bool lib_rewritable(int fd, const struct stat *st, bool program);

#endif
