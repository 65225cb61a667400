/* uhyve-run's confinement once the VM is set up (confine.c). */
#ifndef MONITOR_CONFINE_H
#define MONITOR_CONFINE_H

/* Close every descriptor but the standard streams: what uhyve-run inherited is not the guest's. */
void close_inherited(void);
/*
 * no_new_privs and a seccomp filter on every thread allowing only the calls
 * the running monitor makes; another ends uhyve-run with one line and 125.
 * Dies if the kernel refuses.
 */
void confine(void);

#endif
