/*
 * uhyve-run's terminal, when its standard streams are one: the program may
 * change its modes (raw input for an editor, no echo for a password), as it
 * would run natively; they are put back as they were when the VM ends,
 * however it ends, so that the user's shell gets its terminal back. Only then:
 * uhyve-run in a shell's background must not set them at its end (SIGTTOU
 * would stop it), nor undo another program's changes.
 */
#include <stdbool.h>
#include <termios.h>

#include "files.h"

static struct termios saved[3];
static bool have[3];
static volatile bool changed; /* the program set some modes */

uint32_t files_terminal_streams(void)
{
	uint32_t bits = 0;
	for (int fd = 0; fd < 3; fd++)
		if ((have[fd] = tcgetattr(fd, &saved[fd]) == 0))
			bits |= 1u << fd;
	return bits;
}

void files_terminal_changed(void)
{
	changed = true;
}

void files_terminal_restore(void)
{
	for (int fd = 0; fd < 3 && changed; fd++)
		if (have[fd])
			tcsetattr(fd, TCSANOW, &saved[fd]);
}
