/* execve(2) and execveat(2). */
#ifndef KERNEL_EXECVE_H
#define KERNEL_EXECVE_H

/* Run the program at upath (relative to dirfd) in place of the caller's: -errno, or 0 into the new program. */
long proc_execve(int dirfd, const char *upath, const char *const *uargv, const char *const *uenvp, int flags);

#endif
