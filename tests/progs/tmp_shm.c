/*
 * /tmp and /dev/shm as programs take them for granted, with no directory
 * mounted: tmpfile, mkstemp, rename and unlink while open in /tmp, a
 * directory there, shm_open mapped shared with a forked child (which also
 * opens it by name), a named semaphore across fork, and statfs. Names carry
 * the process id, so parallel runs do not meet; none is printed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <unistd.h>

#define TMPFS_MAGIC 0x01021994
#define SHM_SIZE 8192

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s: %s\n", what, strerror(errno));
		exit(1);
	}
}

static void use_tmpfile(void)
{
	FILE *f = tmpfile();
	check(f != NULL, "tmpfile");
	fputs("written to tmpfile\n", f);
	rewind(f);
	char line[64];
	check(fgets(line, sizeof(line), f) != NULL, "fgets tmpfile");
	struct stat st;
	check(fstat(fileno(f), &st) == 0, "fstat tmpfile");
	printf("tmpfile: %s", line);
	printf("tmpfile: regular %d, links %lu, mode %o\n", S_ISREG(st.st_mode), (unsigned long)st.st_nlink,
	       (unsigned)st.st_mode & 0777);
	fclose(f);
}

static void use_mkstemp(void)
{
	char name[64], moved[64];
	snprintf(name, sizeof(name), "/tmp/cocoon_tmp_shm_%d_XXXXXX", (int)getpid());
	snprintf(moved, sizeof(moved), "/tmp/cocoon_tmp_shm_%d_moved", (int)getpid());
	int fd = mkstemp(name);
	check(fd >= 0, "mkstemp");
	check(write(fd, "0123456789", 10) == 10, "write");
	struct stat st;
	check(fstat(fd, &st) == 0, "fstat");
	printf("mkstemp: mode %o, size %lld\n", (unsigned)st.st_mode & 0777, (long long)st.st_size);
	close(fd);
	check(rename(name, moved) == 0, "rename");
	printf("old name after rename: %s\n", access(name, F_OK) == 0 ? "exists" : strerror(errno));
	fd = open(moved, O_RDWR | O_APPEND);
	check(fd >= 0, "open moved");
	check(unlink(moved) == 0, "unlink");
	printf("after unlink: %s\n", stat(moved, &st) == 0 ? "exists" : strerror(errno));
	check(write(fd, "ab", 2) == 2, "write unlinked");
	char buf[16] = { 0 };
	check(pread(fd, buf, sizeof(buf) - 1, 0) == 12, "pread unlinked");
	check(fstat(fd, &st) == 0, "fstat unlinked");
	printf("unlinked but open: \"%s\", links %lu, position %lld\n", buf, (unsigned long)st.st_nlink,
	       (long long)lseek(fd, 0, SEEK_CUR));
	close(fd);
}

static void use_directory(void)
{
	char dir[64], file[80];
	snprintf(dir, sizeof(dir), "/tmp/cocoon_tmp_shm_%d_dir", (int)getpid());
	snprintf(file, sizeof(file), "%s/f", dir);
	check(mkdir(dir, 0700) == 0, "mkdir");
	int fd = open(file, O_CREAT | O_EXCL | O_WRONLY, 0644);
	check(fd >= 0, "create in dir");
	close(fd);
	printf("rmdir non-empty: %s\n", rmdir(dir) == 0 ? "removed" : strerror(errno));
	printf("O_EXCL again: %s\n", open(file, O_CREAT | O_EXCL | O_WRONLY, 0644) >= 0 ? "opened" : strerror(errno));
	check(unlink(file) == 0 && rmdir(dir) == 0, "unlink and rmdir");
	printf("directory gone: %s\n", access(dir, F_OK) == 0 ? "no" : strerror(errno));
}

static void use_shm(void)
{
	char name[64];
	snprintf(name, sizeof(name), "/cocoon_tmp_shm_%d", (int)getpid());
	int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
	check(fd >= 0, "shm_open");
	check(ftruncate(fd, SHM_SIZE) == 0, "ftruncate shm");
	char *p = mmap(NULL, SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED, "mmap shm");
	pid_t child = fork();
	check(child >= 0, "fork");
	if (child == 0) {
		strcpy(p, "from the child's inherited mapping");
		/* A mapping of its own, by name, sees the same pages. */
		int fd2 = shm_open(name, O_RDWR, 0);
		char *q = fd2 < 0 ? MAP_FAILED : mmap(NULL, SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
		if (q == MAP_FAILED)
			_exit(2);
		strcpy(q + 4096, "from the child's own mapping");
		_exit(0);
	}
	int status;
	check(waitpid(child, &status, 0) == child, "waitpid");
	printf("child exit %d\n", WEXITSTATUS(status));
	printf("parent sees: \"%s\" and \"%s\"\n", p, p + 4096);
	char buf[40] = { 0 };
	check(pread(fd, buf, sizeof(buf) - 1, 4096) > 0, "pread shm");
	printf("read() of the object: \"%s\"\n", buf);
	struct stat st;
	check(fstat(fd, &st) == 0, "fstat shm");
	printf("shm size %lld, mode %o\n", (long long)st.st_size, (unsigned)st.st_mode & 0777);
	check(munmap(p, SHM_SIZE) == 0 && close(fd) == 0, "munmap shm");
	check(shm_unlink(name) == 0, "shm_unlink");
	printf("shm_open after unlink: %s\n", shm_open(name, O_RDWR, 0) >= 0 ? "opened" : strerror(errno));
}

static void use_semaphore(void)
{
	char name[64];
	snprintf(name, sizeof(name), "/cocoon_tmp_shm_%d_sem", (int)getpid());
	sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
	check(s != SEM_FAILED, "sem_open");
	pid_t child = fork();
	check(child >= 0, "fork");
	if (child == 0) {
		sem_t *mine = sem_open(name, 0);
		_exit(mine == SEM_FAILED || sem_post(mine) != 0 || sem_post(mine) != 0);
	}
	check(sem_wait(s) == 0 && sem_wait(s) == 0, "sem_wait");
	int status, value = -1;
	check(waitpid(child, &status, 0) == child, "waitpid");
	sem_getvalue(s, &value);
	printf("semaphore: two posts from the child taken, child exit %d, value %d\n", WEXITSTATUS(status), value);
	check(sem_close(s) == 0 && sem_unlink(name) == 0, "sem_unlink");
	printf("sem_open after unlink: %s\n", sem_open(name, 0) != SEM_FAILED ? "opened" : strerror(errno));
}

static void use_statfs(void)
{
	struct statfs shm, tmp;
	check(statfs("/dev/shm", &shm) == 0, "statfs /dev/shm");
	check(statfs("/tmp", &tmp) == 0, "statfs /tmp");
	printf("/dev/shm: %s, block size %ld, name max %ld, free <= total %d\n",
	       shm.f_type == TMPFS_MAGIC ? "tmpfs" : "not tmpfs", (long)shm.f_bsize, (long)shm.f_namelen,
	       shm.f_bfree <= shm.f_blocks);
	printf("/tmp: name max %ld\n", (long)tmp.f_namelen);
	struct stat st;
	check(stat("/tmp", &st) == 0, "stat /tmp");
	printf("/tmp: directory %d, mode %o\n", S_ISDIR(st.st_mode), (unsigned)st.st_mode & 07777);
}

int main(void)
{
	use_tmpfile();
	use_mkstemp();
	use_directory();
	use_shm();
	use_semaphore();
	use_statfs();
	return 0;
}
