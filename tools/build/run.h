/* Running a command with its output appended to a log file, or on ours. */
#ifndef COCOON_BUILD_RUN_H
#define COCOON_BUILD_RUN_H

/* Run ARGV (NULL-terminated, found in PATH) with stdout and stderr going to LOG (ours
 * if LOG is NULL); returns its exit status, or -1 if it could not be started or died of
 * a signal. */
int run_logged(char *const argv[], const char *log);

#endif
