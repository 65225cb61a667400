/* The caller's own /proc/self files: maps, stat, status, auxv, cmdline, environ, comm. */
#ifndef KERNEL_PROCSELF_H
#define KERNEL_PROCSELF_H

#include <stddef.h>

/* Each writes the file's text into buf (size bytes) and returns its length. */
long procself_maps(char *buf, size_t size);
long procself_stat(char *buf, size_t size);
long procself_status(char *buf, size_t size);
long procself_auxv(char *buf, size_t size);
long procself_cmdline(char *buf, size_t size);
long procself_environ(char *buf, size_t size);
long procself_comm(char *buf, size_t size);

#endif
