/*
 * The files module: the host directories the user mounted (mounts.c), the
 * handles the guest names files by (handles.c), and the file hypercalls
 * (path_calls.c, io_calls.c). What the rest of uhyve-run calls.
 */
#ifndef MONITOR_FILES_H
#define MONITOR_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "guest.h"

/* --mount HOSTDIR[:GUESTDIR[:ro]]: expose a host directory; dies on a bad one. */
void files_mount(const char *spec);
/* Is the guest path at or beneath a mount already? */
bool files_guest_mounted(const char *guest);
/* 0 if the guest path names a regular file the guest may open, else -errno. */
int files_guest_file(const char *guest);
/*
 * A dynamically linked program's view of the host: the host's library and
 * shared data directories (libdirs.c), read-only, where nothing is mounted yet.
 */
void files_mount_host_libs(void);
/* --tmp HOSTDIR: HOSTDIR mounted read-write at /tmp, after the --mount ones; dies on a bad one. */
void files_mount_tmp(const char *hostdir);
/* The first mount's guest directory, or "/": the default working directory, asked before any mount uhyve-run adds itself. */
const char *files_default_cwd(void);
/* The mounts for boot_info's mounts_gpa, malloc'd into *list; returns its size. */
size_t files_mount_list(char **list);
/* The VM has ended: write out what the kernel still held for the host's files. */
void files_finish(struct guest *g);
/* Which of the standard streams can be polled (boot_info.pollable_streams). */
uint32_t files_pollable_streams(void);
/* Which are a terminal (boot_info.terminal_streams), whose modes files_finish puts back (terminal.c). */
uint32_t files_terminal_streams(void);
/* The program set a terminal's modes (TCSETS*): the end of the VM puts them back. */
void files_terminal_changed(void);
/* Put them back now if the program changed them (async-signal-safe). */
void files_terminal_restore(void);

#endif
