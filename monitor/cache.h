/*
 * The rewrite cache (cache.c), $XDG_CACHE_HOME/cocoon (else ~/.cache/cocoon):
 * one file per program or library cocoon-rewrite rewrote, an empty one for a
 * file it could not.
 */
#ifndef MONITOR_CACHE_H
#define MONITOR_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "rewriter.h"

#define CACHE_NAME_MAX 160 /* an entry's name and its NUL */

/* The cache directory, made (mode 0700) if missing; NULL if there is none that only we can write. */
const char *cache_dir(void);
/*
 * The entry's name (CACHE_NAME_MAX bytes) for the file open as fd, whose
 * fstat is st, rewritten by the rewriter whose stat is tool; false if none.
 */
bool cache_entry_name(int fd, const struct stat *st, const struct stat *tool, char *name);
/* The entry dir/name open read-only and marked used, with its stat, if nobody else can have written it; else -1. */
int cache_entry_open(const char *dir, const char *name, struct stat *st);
/*
 * Make the entry dir/name with job: it open, or -1 with why. A file the
 * rewriter refused gets an empty entry, so that it is not tried again;
 * ABANDONED leaves none.
 */
int cache_entry_make(const char *dir, const char *name, const struct rewrite_job *job,
		     enum rewrite_result *result, char *why, size_t why_size);

#endif
