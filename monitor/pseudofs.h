/* Pseudo file systems (/proc, /sys, /dev...): the monitor's own insides, never the guest's to see. */
#ifndef MONITOR_PSEUDOFS_H
#define MONITOR_PSEUDOFS_H

/* The name of the pseudo file system fd is on, or NULL for an ordinary one (*type: its f_type). */
const char *pseudo_fs(int fd, long *type);
/* pseudo_fs, and devtmpfs too (it reads the mount table: for --mount, not for each open). */
const char *pseudo_fs_mount(int fd);

#endif
