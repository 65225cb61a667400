/*
 * System V IPC between processes: shared memory attached, written by a child,
 * seen by the parent, removed while attached; semaphores that block and wake
 * across processes, IPC_NOWAIT and timeouts, SEM_UNDO taken back at exit, a
 * set removed under a sleeper; message queues by type, full and empty. Usage: sysv_ipc DIR (for ftok). Every object
 * made is removed, natively too. Prints no ids or pids: they differ.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static int reap(pid_t pid)
{
	int st = 0;
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return st;
}

static void show_status(const char *what, int st)
{
	if (st < 0)
		printf("%s: waitpid: %s\n", what, strerror(errno));
	else
		printf("%s: %s %d\n", what, WIFEXITED(st) ? "exited" : "killed",
		       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
}

static void child_status(pid_t pid, const char *what)
{
	show_status(what, reap(pid));
}

static void shared_memory(const char *dir)
{
	int id = shmget(IPC_PRIVATE, 10000, IPC_CREAT | 0600);
	char *p = shmat(id, 0, 0);
	printf("shmget and shmat: %s, %s\n", err(id), p == (void *)-1 ? strerror(errno) : "ok");
	strcpy(p, "parent");
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		printf("child sees: %s\n", p);
		strcpy(p, "child was here");
		_exit(shmdt(p) == 0 ? 0 : 1);
	}
	child_status(pid, "writer child");
	printf("parent sees: %s\n", p);
	struct shmid_ds ds;
	shmctl(id, IPC_STAT, &ds);
	printf("size %zu, attached %lu, mode %o\n", (size_t)ds.shm_segsz, (unsigned long)ds.shm_nattch,
	       (unsigned)ds.shm_perm.mode & 0777);
	printf("remove while attached: %s; still there: %s\n", err(shmctl(id, IPC_RMID, 0)), p);
	long r = shmdt(p);
	printf("shmdt: %s; ", err(r));
	printf("stat after the last detach: %s\n", err(shmctl(id, IPC_STAT, &ds)));
	printf("shmdt of no segment: %s\n", err(shmdt(p)));
	char *ro = 0;
	int rid = shmget(IPC_PRIVATE, 4096, 0600);
	ro = shmat(rid, 0, SHM_RDONLY);
	printf("read-only attach reads: %d\n", ro != (void *)-1 ? ro[0] : -1);
	shmdt(ro);
	shmctl(rid, IPC_RMID, 0);

	key_t key = ftok(dir, 'c');
	int a = shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600);
	printf("by key: %s; ", err(a));
	printf("again with IPC_EXCL: %s; ", err(shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600)));
	printf("bigger: %s; ", err(shmget(key, 9000, 0)));
	printf("found: %s\n", shmget(key, 100, 0) == a ? "same id" : "other");
	shmctl(a, IPC_RMID, 0);
	printf("after IPC_RMID the key: %s\n", err(shmget(key, 100, 0)));
}

static int sem_wait_one(int id, int num, int flags)
{
	struct sembuf op = { (unsigned short)num, -1, (short)flags };
	return semop(id, &op, 1);
}

static void semaphores(void)
{
	int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	unsigned short init[2] = { 0, 1 };
	union {
		int val;
		unsigned short *array;
	} arg = { .array = init };
	printf("semget: %s; ", err(id));
	printf("SETALL: %s\n", err(semctl(id, 0, SETALL, arg)));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int r = sem_wait_one(id, 0, 0);
		printf("child's wait on semaphore 0: %s\n", err(r));
		fflush(stdout);
		_exit(0);
	}
	usleep(200000);
	struct sembuf post = { 0, 1, 0 };
	/* The child's line first whatever stdout's buffering: it ends after printing. */
	long posted = semop(id, &post, 1);
	int post_errno = errno, st = reap(pid), wait_errno = errno;
	errno = post_errno;
	printf("post: %s\n", err(posted));
	errno = wait_errno;
	show_status("waiting child", st);
	printf("value now %d; ", semctl(id, 0, GETVAL));
	printf("IPC_NOWAIT on it: %s\n", err(sem_wait_one(id, 0, IPC_NOWAIT)));
	struct timespec t = { 0, 100000000 };
	struct sembuf take = { 0, -1, 0 };
	printf("semtimedop for 0.1 s: %s\n", err(semtimedop(id, &take, 1, &t)));
	struct sembuf zero = { 1, 0, IPC_NOWAIT };
	printf("wait for zero while 1: %s\n", err(semop(id, &zero, 1)));

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(sem_wait_one(id, 1, SEM_UNDO) == 0 && semctl(id, 1, GETVAL) == 0 ? 0 : 1);
	child_status(pid, "SEM_UNDO child");
	printf("semaphore 1 after it ended: %d\n", semctl(id, 1, GETVAL));

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int r = sem_wait_one(id, 0, 0);
		printf("sleeper when the set went: %s\n", err(r));
		fflush(stdout);
		_exit(0);
	}
	usleep(200000);
	printf("waiting for semaphore 0: %d\n", semctl(id, 0, GETNCNT));
	long r = semctl(id, 0, IPC_RMID);
	child_status(pid, "sleeper"); /* its line first: it ends after printing */
	printf("IPC_RMID: %s\n", err(r));
	printf("semop on the removed set: %s\n", err(semop(id, &post, 1)));
}

struct note {
	long type;
	char text[32];
};

static void messages(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	printf("msgget: %s\n", err(id));
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct note n = { 0 };
		long got = msgrcv(id, &n, sizeof(n.text), 2, 0);
		printf("child took type %ld: %s (%ld bytes)\n", n.type, n.text, got);
		fflush(stdout);
		_exit(0);
	}
	usleep(100000);
	const struct note sent[] = { { 3, "three" }, { 1, "one" }, { 2, "two" }, { 5, "five" } };
	for (size_t i = 0; i < 4; i++)
		msgsnd(id, &sent[i], strlen(sent[i].text) + 1, 0);
	child_status(pid, "receiving child");
	struct msqid_ds ds;
	msgctl(id, IPC_STAT, &ds);
	printf("left: %lu messages, %lu bytes\n", (unsigned long)ds.msg_qnum, (unsigned long)ds.__msg_cbytes);
	struct note n = { 0 };
	long got = msgrcv(id, &n, sizeof(n.text), -4, 0);
	printf("lowest type up to 4: %ld %s (%ld)\n", n.type, n.text, got);
	got = msgrcv(id, &n, sizeof(n.text), 3, MSG_EXCEPT);
	printf("any but 3: %ld %s\n", n.type, n.text);
	got = msgrcv(id, &n, 2, 0, 0);
	printf("too small a buffer: %s; ", err(got));
	got = msgrcv(id, &n, 2, 0, MSG_NOERROR);
	printf("with MSG_NOERROR: %ld bytes\n", got);
	printf("empty, IPC_NOWAIT: %s\n", err(msgrcv(id, &n, sizeof(n.text), 0, IPC_NOWAIT)));
	static struct {
		long type;
		char text[9000];
	} big = { 1, "" };
	printf("more than MSGMAX: %s\n", err(msgsnd(id, &big, sizeof(big.text), 0)));
	int fills = 0;
	while (msgsnd(id, &big, 8000, IPC_NOWAIT) == 0)
		fills++;
	printf("a full queue took %d messages of 8000 bytes, then: %s\n", fills, strerror(errno));
	struct note bad = { 0, "x" };
	printf("type 0: %s\n", err(msgsnd(id, &bad, 2, 0)));
	printf("IPC_RMID: %s\n", err(msgctl(id, IPC_RMID, 0)));
	printf("msgsnd on the removed queue: %s\n", err(msgsnd(id, &sent[0], 4, 0)));
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	setvbuf(stdout, 0, _IOLBF, 0);
	shared_memory(argv[1]);
	semaphores();
	messages();
	return 0;
}
