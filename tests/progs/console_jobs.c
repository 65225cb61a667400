/*
 * The terminal a program is started on, as its controlling terminal (run on
 * one whose session it leads, as a shell starts it: compare.sh --on-terminal):
 * its group in the foreground, the session's id, /dev/tty, tcsetpgrp from the
 * background stopped by SIGTTOU (or let through when ignored), a child's group
 * taking the foreground and the program taking it back, a group that does not
 * exist. Uses standard output only: under qemu-run only the output is the
 * terminal.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "proc_sync.h"

/* A child in a group of its own, in the background, taking the foreground for itself. */
static pid_t background_taker(int ttou)
{
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGTTOU, ttou ? SIG_IGN : SIG_DFL);
		int r = tcsetpgrp(1, getpgrp());
		const char *how = res(r);
		printf("child (SIGTTOU %s): tcsetpgrp %s, the foreground is mine %d\n", ttou ? "ignored" : "default", how,
		       tcgetpgrp(1) == getpgrp());
		_exit(0);
	}
	setpgid(pid, pid);
	return pid;
}

int main(void)
{
	setvbuf(stdout, 0, _IONBF, 0);
	printf("the foreground is my group %d, the session mine %d\n", tcgetpgrp(1) == getpgrp(),
	       tcgetsid(1) == getsid(0));
	int tty = open("/dev/tty", O_WRONLY);
	printf("/dev/tty: %s\n", tty < 0 ? strerror(errno) : "opened");
	if (tty >= 0 && write(tty, "written to /dev/tty\n", 20) != 20)
		perror("write /dev/tty");

	int st;
	pid_t p = background_taker(0);
	waitpid(p, &st, WUNTRACED);
	status("background tcsetpgrp", st);
	kill(p, SIGKILL);
	waitpid(p, &st, 0);

	p = background_taker(1);
	waitpid(p, &st, 0);
	status("child", st);
	printf("the foreground is the child's group %d\n", tcgetpgrp(1) == p);
	signal(SIGTTOU, SIG_IGN);
	int r = tcsetpgrp(1, getpgrp());
	printf("taking it back: %s, mine %d\n", res(r), tcgetpgrp(1) == getpgrp());
	printf("a group that does not exist: %s\n", res(tcsetpgrp(1, 999999)));
	printf("a negative one: %s\n", res(tcsetpgrp(1, -2)));
	return 0;
}
