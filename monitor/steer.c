/*
 * Where the host handles the frames the guest sends. Writing a frame to the
 * tap runs the host's receive path for it in the writing thread (for a local
 * peer, its whole TCP receive), on the CPU that thread shares with the boot
 * vCPU, while the host's other CPUs idle. Receive packet steering (RPS) on
 * the tap moves that work to them, as a native server's and its peer's
 * halves of it fall on their two CPUs (HTTP keep-alive on 2 cores:
 * 147,000 -> 172,000 requests/s). Only a tap whose steering is off is
 * changed, only where uhyve-run may (root), and it is off again at exit.
 */
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "steer.h"
#include "vm.h"

static char path[PATH_MAX];
static volatile sig_atomic_t steered;

/* Async-signal-safe, for steer_undo. */
static bool put(const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool done = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return done;
}

/* Undo it now (async-signal-safe). */
static void steer_undo(void)
{
	if (steered) {
		steered = 0;
		put("0\n");
	}
}

/* CPUS as sysfs writes a CPU mask: 32-bit hex groups, highest first, comma-separated. */
static void mask_text(const cpu_set_t *cpus, char *out, size_t size)
{
	int top = -1;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, cpus))
			top = c;
	size_t len = 0;
	for (int group = top / 32; group >= 0 && len < size; group--) {
		unsigned word = 0;
		for (int b = 0; b < 32; b++)
			if (CPU_ISSET(group * 32 + b, cpus))
				word |= 1u << b;
		len += (size_t)snprintf(out + len, size - len, group ? "%08x," : "%08x\n", word);
	}
}

void steer_start(const char *tap, int cpu)
{
	cpu_set_t others;
	if (sched_getaffinity(0, sizeof(others), &others) < 0)
		return;
	CPU_CLR(cpu, &others);
	if (!CPU_COUNT(&others))
		return;
	snprintf(path, sizeof(path), "/sys/class/net/%s/queues/rx-0/rps_cpus", tap);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	char now[1024], mask[CPU_SETSIZE / 4 + CPU_SETSIZE / 32 + 2];
	ssize_t n = read(fd, now, sizeof(now) - 1);
	close(fd);
	now[n > 0 ? n : 0] = 0;
	/* Set by someone else: theirs to keep. */
	if (n <= 0 || now[strspn(now, "0,\n")])
		return;
	mask_text(&others, mask, sizeof(mask));
	if (put(mask)) {
		steered = 1;
		atexit(steer_undo);
		vm_at_kill(steer_undo);
	}
}
