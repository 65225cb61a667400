/*
 * The sticky bit, as /tmp has it: in a sticky directory a user may remove or
 * rename only entries it owns (or in a directory it owns), root any. Run as
 * root, a child drops to another user (setresuid) and tries root's files in a
 * sticky directory of /tmp, and in one that is not sticky. Without root only
 * the user's own entries are tried. Names carry the process id; none is printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define OTHER_UID 65534 /* nobody */

static char dir[64], plain[64];

static void path(char *buf, size_t size, const char *in, const char *name)
{
	snprintf(buf, size, "%s/%s", in, name);
}

static void make_file(const char *in, const char *name)
{
	char p[128];
	path(p, sizeof(p), in, name);
	int fd = open(p, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0) {
		printf("create %s: %s\n", name, strerror(errno));
		exit(1);
	}
	close(fd);
}

static void show(const char *what, int r)
{
	printf("  %s: %s\n", what, r == 0 ? "0" : errno == EPERM ? "EPERM" : errno == EACCES ? "EACCES" : strerror(errno));
}

static int unlink_in(const char *in, const char *name)
{
	char p[128];
	path(p, sizeof(p), in, name);
	return unlink(p);
}

static int rename_in(const char *in, const char *from, const char *to)
{
	char a[128], b[128];
	path(a, sizeof(a), in, from);
	path(b, sizeof(b), in, to);
	return rename(a, b);
}

/* As another user: root's entries in the sticky directory stay, the user's own go. */
static void as_other_user(void)
{
	if (setresgid(OTHER_UID, OTHER_UID, OTHER_UID) || setresuid(OTHER_UID, OTHER_UID, OTHER_UID)) {
		printf("setresuid: %s\n", strerror(errno));
		exit(1);
	}
	puts("as another user, in a sticky directory of root's:");
	show("unlink root's file", unlink_in(dir, "roots"));
	show("rename root's file", rename_in(dir, "roots", "moved"));
	char sub[128];
	path(sub, sizeof(sub), dir, "roots_dir");
	show("rmdir root's directory", rmdir(sub));
	make_file(dir, "mine");
	show("rename own file over root's", rename_in(dir, "mine", "roots"));
	show("rename own file", rename_in(dir, "mine", "mine2"));
	show("unlink own file", unlink_in(dir, "mine2"));
	make_file(dir, "left");
	puts("as another user, in a directory of root's, mode 0777, not sticky:");
	show("unlink root's file", unlink_in(plain, "roots"));
	exit(0);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	struct stat st;
	if (stat("/tmp", &st) == 0)
		printf("/tmp sticky: %s\n", st.st_mode & S_ISVTX ? "yes" : "no");
	snprintf(dir, sizeof(dir), "/tmp/sticky-%d", (int)getpid());
	snprintf(plain, sizeof(plain), "/tmp/plain-%d", (int)getpid());
	if (mkdir(dir, 0755) || chmod(dir, 01777) || mkdir(plain, 0755) || chmod(plain, 0777)) {
		printf("mkdir: %s\n", strerror(errno));
		return 1;
	}
	make_file(dir, "roots");
	make_file(plain, "roots");
	char sub[128];
	path(sub, sizeof(sub), dir, "roots_dir");
	mkdir(sub, 0755);
	if (geteuid() == 0) {
		pid_t pid = fork();
		if (pid == 0)
			as_other_user();
		int status;
		waitpid(pid, &status, 0);
		puts("as root again:");
		show("unlink the other user's file", unlink_in(dir, "left"));
	} else {
		puts("not root: only the user's own entries");
		show("rename own file", rename_in(dir, "roots", "moved"));
		show("unlink own file", unlink_in(dir, "moved"));
	}
	/* Clean up whatever is left: the test's names only. */
	unlink_in(dir, "roots");
	unlink_in(dir, "moved");
	unlink_in(dir, "mine");
	unlink_in(plain, "roots");
	rmdir(sub);
	show("rmdir sticky directory", rmdir(dir));
	show("rmdir plain directory", rmdir(plain));
	return 0;
}
