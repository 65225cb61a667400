/*
 * The files module: the host directories the user mounted (mounts.c), the
 * handles the guest names files by (handles.c), and the file hypercalls
 * (path_calls.c, io_calls.c). What the rest of uhyve-run calls.
 */
#ifndef MONITOR_FILES_H
#define MONITOR_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "guest.h"

/* --mount HOSTDIR[:GUESTDIR[:ro]]: expose a host directory; dies on a bad one. */
void files_mount(const char *spec);
/* --tmp HOSTDIR: HOSTDIR mounted read-write at /tmp, after the --mount ones; dies on a bad one. */
void files_mount_tmp(const char *hostdir);
/* The first mount's guest directory, or "/". */
const char *files_default_cwd(void);
/* The mounts for boot_info's mounts_gpa, malloc'd into *list; returns its size. */
size_t files_mount_list(char **list);
/* The VM has ended: write out what the kernel still held for the host's files. */
void files_finish(struct guest *g);
/* Which of the standard streams can be polled (boot_info.pollable_streams). */
uint32_t files_pollable_streams(void);

#endif
