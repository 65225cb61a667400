/* uhyve-run's confinement once the VM is set up, and its rewrite server's (confine.c). */
#ifndef MONITOR_CONFINE_H
#define MONITOR_CONFINE_H

/* Close every descriptor from first on. */
void close_from(unsigned first);
/* Close every descriptor but the standard streams: what uhyve-run inherited is not the guest's. */
void close_inherited(void);
/*
 * no_new_privs and a seccomp filter on every thread allowing only the calls
 * the running monitor makes; another ends uhyve-run with one line and 125.
 * Dies if the kernel refuses.
 */
void confine(void);
/*
 * no_new_privs and a seccomp filter refusing (EPERM) what the rewrite server
 * and its rewriters never need: sockets, other processes, namespaces,
 * mounts, io_uring, administration. 0, or -1 with errno.
 */
int confine_helper(void);

#endif
