/* The handle table (handles.c), for the hypercalls that work on an open handle. */
#ifndef MONITOR_HANDLES_H
#define MONITOR_HANDLES_H

#include <stdbool.h>
#include <stdint.h>

/* The host descriptor behind a handle, or -1. */
int handle_fd(int32_t h);
/* Was the handle's file found in a read-only mount (its inode must not change)? */
bool handle_read_only(int32_t h);

#endif
