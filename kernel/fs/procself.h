/* A process's /proc/PID files (/proc/self's): maps, stat, status, auxv, cmdline, environ, comm. */
#ifndef KERNEL_PROCSELF_H
#define KERNEL_PROCSELF_H

#include <stddef.h>

struct proc;

/* Each writes p's file's text into buf (size bytes) and returns its length. */
long procself_maps(struct proc *p, char *buf, size_t size);
long procself_stat(struct proc *p, char *buf, size_t size);
long procself_status(struct proc *p, char *buf, size_t size);
long procself_auxv(struct proc *p, char *buf, size_t size);
long procself_cmdline(struct proc *p, char *buf, size_t size);
long procself_environ(struct proc *p, char *buf, size_t size);
long procself_comm(struct proc *p, char *buf, size_t size);

#endif
