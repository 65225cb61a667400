/* uhyve-run's own messages and exit statuses: the base every other part of the monitor stands on. */
#ifndef MONITOR_LOG_H
#define MONITOR_LOG_H

/* uhyve-run's own exit statuses, kept apart from the usual program ones. */
#define EXIT_MONITOR_FAILED 125 /* bad option, no KVM, kernel missing or panicked */
#define EXIT_NOT_EXECUTABLE 126 /* the program is not a static x86-64 ELF we can run */
#define EXIT_NOT_FOUND      127 /* the program file does not exist */

/* Print "uhyve-run: ..." on stderr and exit with status. */
_Noreturn void die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
