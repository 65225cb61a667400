/* Pseudo-terminals' paths: /dev/ptmx, /dev/pts/N and /dev/tty, found before the mounts. */
#ifndef KERNEL_PTY_H
#define KERNEL_PTY_H

#define PTY_NOT_MINE (-1) /* the path is none of these */

struct kstat;

/* What a canonical path names here: PTY_NOT_MINE, or a kind pty_open and pty_stat take. */
int pty_path(const char *path);
/* open(2) of such a path: a descriptor or -errno. */
long pty_open(int kind, int flags);
/* stat(2) of it: 0 or -ENOENT (a pair that does not exist). */
long pty_stat(int kind, struct kstat *st);

#endif
