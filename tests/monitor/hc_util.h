/*
 * What the cases of hc_host share (hc_util.c): the scratch directory, the
 * checks, host files made and looked at, and the moment the monitor would
 * confine itself.
 */
#ifndef TESTS_MONITOR_HC_UTIL_H
#define TESTS_MONITOR_HC_UTIL_H

#include <stdbool.h>
#include <sys/types.h>

extern const char *dir;
extern int failures;
extern bool confined;

/* Set-up done: from here on the monitor runs confined, as uhyve-run's does once its guest runs. */
void ready(void);
void check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* DIR/rel on the host (one of four buffers, reused in turn). */
const char *host(const char *rel);
void make_file(const char *rel, const char *text, mode_t mode);
void make_dir(const char *rel);
mode_t mode_of(const char *rel);
bool exists(const char *rel);
off_t size_of(const char *rel);

/* The cases of hc_libs.c: libraries the guest's loader opens, given as rewritten copies. */
void case_lib_copy(void);
void case_lib_not_library(void);
void case_lib_refused(void);
void case_lib_read_only(void);
void case_lib_limit(void);
void case_lib_changed(void);
void case_lib_no_cache(void);
void case_lib_server_gone(void);
void case_lib_server_confined(void);
void case_lib_monitor_gone(void);

#endif
