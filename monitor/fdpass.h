/* A one-byte message with at most one descriptor, over a Unix socket (fdpass.c). */
#ifndef MONITOR_FDPASS_H
#define MONITOR_FDPASS_H

/* Send code, and fd unless it is -1; 0, or -1 with errno. Never raises SIGPIPE. */
int fd_send(int sock, char code, int fd);
/*
 * Receive one message: 1 with its code and its descriptor in *fd (-1 if it
 * came without one, or with more, which are closed), 0 at end of file, -1
 * with errno. What arrives is close-on-exec.
 */
int fd_recv(int sock, char *code, int *fd);

#endif
