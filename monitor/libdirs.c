/*
 * What a dynamically linked program finds of the host by default: its loader,
 * its libraries and the data its runtime reads (Python's and Perl's modules,
 * locales, time zones, terminfo), all read-only at their own paths. Nothing
 * of /etc, /home, /root or /tmp: those stay the user's to mount.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "files.h"

static const char *const host_libs[] = {
	"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/share",
};

void files_mount_host_libs(void)
{
	for (size_t i = 0; i < sizeof(host_libs) / sizeof(host_libs[0]); i++) {
		const char *dir = host_libs[i];
		struct stat st;
		/* A user's mount at or above it wins; a missing one (no /usr/lib64) is no error. */
		if (files_guest_mounted(dir) || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		char spec[64];
		snprintf(spec, sizeof(spec), "%s:%s:ro", dir, dir);
		files_mount(spec);
	}
}
