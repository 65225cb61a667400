/* The handle table (handles.c), for the hypercalls that work on an open handle. */
#ifndef MONITOR_HANDLES_H
#define MONITOR_HANDLES_H

#include <stdint.h>

/* The host descriptor behind a handle, or -1. */
int handle_fd(int32_t h);

#endif
