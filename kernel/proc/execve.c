/*
 * execve: what the caller gives (a path, arguments, environment) copied in
 * before its program goes; "#!" lines followed to their interpreter, as
 * Linux does; the ELF file's headers checked; then exec_replace.
 */
#include "common/elf_check.h"
#include "exec.h"
#include "execve.h"
#include "kernel/fs/fd.h"
#include "kernel/fs/kstat.h"
#include "kernel/fs/open.h"
#include "kernel/fs/vfs.h"
#include "kernel/kernel.h"
#include "kernel/mm/kalloc.h"
#include "kernel/mm/uaccess.h"
#include "kernel/uapi.h"
#include "proc.h"

#define ARG_BYTES (512ULL << 10) /* the strings of arguments and environment together: E2BIG beyond */
#define ARG_COUNT (64ULL << 10)  /* pointers among them, and the table they go in */
#define ARG_STRLEN (128 << 10)   /* one string, Linux's MAX_ARG_STRLEN */
#define HEAD_MAX EXEC_HEAD_MAX
#define INTERP_DEPTH 5           /* interpreters of interpreters, as Linux allows */

struct args {
	char *buf;
	size_t used;
	const char **str; /* argc arguments, then envc variables */
	int argc, envc;
};

/* Copy a string (the program's, or the kernel's) into the block; its copy or 0 (*err set). */
static const char *add_string(struct args *a, const char *s, long *err)
{
	size_t room = ARG_BYTES - a->used;
	char *to = a->buf + a->used;
	long n = strncpy_from_user(to, s, room < ARG_STRLEN ? room : ARG_STRLEN);
	if (n < 0) {
		*err = n == -ENAMETOOLONG ? -E2BIG : n;
		return 0;
	}
	a->used += (size_t)n + 1;
	return to;
}

/* The program's NULL-ended vector (NULL itself: empty), appended to the table. */
static long copy_vector(struct args *a, const char *const *uvec, int *count)
{
	*count = 0;
	for (; uvec; uvec++) {
		const char *s;
		if (copy_from_user(&s, uvec, sizeof(s)))
			return -EFAULT;
		if (!s)
			return 0;
		if ((uint64_t)(a->argc + a->envc) >= ARG_COUNT / sizeof(char *) - 4)
			return -E2BIG;
		long err = 0;
		const char *copy = add_string(a, s, &err);
		if (!copy)
			return err;
		a->str[a->argc + a->envc] = copy;
		(*count)++;
	}
	return 0;
}

/* Put a kernel string in front of the arguments. */
static long prepend(struct args *a, const char *s)
{
	long err = 0;
	uaccess_kernel_begin(s, strlen(s) + 1);
	const char *copy = add_string(a, s, &err);
	uaccess_kernel_end();
	if (!copy)
		return err;
	if ((uint64_t)(a->argc + a->envc) >= ARG_COUNT / sizeof(char *) - 4)
		return -E2BIG;
	memmove(&a->str[1], &a->str[0], (size_t)(a->argc + a->envc) * sizeof(a->str[0]));
	a->str[0] = copy;
	a->argc++;
	return 0;
}

/* The file to run: open for reading, a regular file with an execute bit; its rewritten copy as file_open_as's kind asks. */
static long open_exec(int dirfd, const char *name, int flags, unsigned kind, struct file **out, struct kstat *st)
{
	struct file *f;
	if (!name[0] && (flags & AT_EMPTY_PATH)) {
		f = fd_get(dirfd);
		if (!f)
			return -EBADF;
		f->refs++;
	} else {
		uaccess_kernel_begin(name, strlen(name) + 1);
		long fd = file_open_as(dirfd, name, O_RDONLY | O_CLOEXEC | ((flags & AT_SYMLINK_NOFOLLOW) ? O_NOFOLLOW : 0), 0,
					 kind);
		uaccess_kernel_end();
		if (fd < 0)
			return fd == -ELOOP && (flags & AT_SYMLINK_NOFOLLOW) ? -ELOOP : fd;
		f = fd_get((int)fd);
		f->refs++;
		fd_close((int)fd);
	}
	long err = f->ops->fstat ? f->ops->fstat(f, st) : -EACCES;
	if (!err && ((st->mode & S_IFMT) != S_IFREG || !(st->mode & 0111)))
		err = -EACCES;
	if (err) {
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}

/* "#!INTERP ARG": the arguments become INTERP [ARG] NAME ARGV[1...]; the interpreter's name comes back in interp. */
static long script(struct args *a, char *head, long len, const char *name, char *interp)
{
	char *end = head;
	while (end < head + len && *end != '\n')
		end++;
	if (end == head + HEAD_MAX)
		end--; /* a line longer than what was read: its start is what counts */
	*end = 0;
	char *s = head + 2;
	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return -ENOEXEC;
	char *e = s;
	while (*e && *e != ' ' && *e != '\t')
		e++;
	char *arg = *e ? e + 1 : e;
	*e = 0;
	while (*arg == ' ' || *arg == '\t')
		arg++;
	for (char *t = arg + strlen(arg); t > arg && (t[-1] == ' ' || t[-1] == '\t'); t--)
		t[-1] = 0;
	ksnprintf(interp, PROC_PATH_MAX, "%s", s);
	/* argv[0] gives way to the script's name as it was asked for. */
	if (a->argc > 0) {
		memmove(&a->str[0], &a->str[1], (size_t)(a->argc + a->envc - 1) * sizeof(a->str[0]));
		a->argc--;
	}
	long err = prepend(a, name);
	if (!err && *arg)
		err = prepend(a, arg);
	return err ? err : prepend(a, interp);
}

/*
 * Why Linux would refuse to run these headers: ENOEXEC for all the faults the
 * check finds. A program with an interpreter (PT_INTERP) gives its index in
 * *interp; -1 if none.
 */
static long check_elf(const Elf64_Ehdr *eh, long have, uint64_t size, const Elf64_Phdr *ph, int *interp)
{
	uint64_t detail, head_size, mem_needed;
	*interp = -1;
	enum elf_fault fault = elf_check_header(eh, (uint64_t)have, size, &detail);
	if (!fault && !ph)
		return -ENOEXEC;
	if (!fault)
		fault = elf_check_program(eh, ph, size, &detail, &head_size, &mem_needed);
	*interp = fault == ELF_DYNAMIC ? exec_interp_index(eh, ph) : -1;
	return fault && fault != ELF_DYNAMIC ? -ENOEXEC : 0;
}

/*
 * Where the program headers of f, whose first `have` bytes are in head, are: in head, else
 * (cocoon-rewrite moves them to the file's end) read into head's last bytes; 0 if neither.
 */
static const Elf64_Phdr *phdrs_of(struct file *f, char *head, long have)
{
	const Elf64_Ehdr *eh = (const void *)head;
	if (have < (long)sizeof(*eh))
		return 0;
	uint64_t size = eh->e_phnum * sizeof(Elf64_Phdr);
	if (eh->e_phoff <= (uint64_t)have && size <= (uint64_t)have - eh->e_phoff)
		return (const void *)(head + eh->e_phoff);
	if (size > HEAD_MAX - sizeof(*eh))
		return 0;
	char *at = head + HEAD_MAX - size;
	return vfs_read_kernel(f, at, size, (int64_t)eh->e_phoff) == (long)size ? (const void *)at : 0;
}

long exec_interp_open(const char *path, char *head, struct file **out, const Elf64_Phdr **ph)
{
	struct kstat st;
	long err = open_exec(AT_FDCWD, path, 0, HC_OPEN_LIBRARY, out, &st);
	if (err)
		return err;
	long have = vfs_read_kernel(*out, head, HEAD_MAX, 0);
	const Elf64_Ehdr *eh = (const void *)head;
	int nested;
	*ph = have < 0 ? 0 : phdrs_of(*out, head, have);
	err = have < 0 ? have : check_elf(eh, have, (uint64_t)st.size, *ph, &nested);
	if (!err && nested >= 0)
		err = -ELIBBAD;
	if (err)
		file_put(*out);
	return err;
}

/* The interpreter a program file names (its PT_INTERP p), opened and checked. */
static long open_interp(struct file *prog, const Elf64_Phdr *p, char *path, char *head, struct file **out,
			const Elf64_Phdr **ph)
{
	if (p->p_filesz < 2 || p->p_filesz > PROC_PATH_MAX)
		return -ENOEXEC;
	long n = vfs_read_kernel(prog, path, p->p_filesz, (int64_t)p->p_offset);
	if (n != (long)p->p_filesz || path[n - 1])
		return n < 0 ? n : -ENOEXEC;
	return exec_interp_open(path, head, out, ph);
}

/* Run the checked program f (its ELF header in head, its program headers at ph), with the interpreter it names if any. */
static long replace(struct file *f, const char *head, const Elf64_Phdr *ph, int interp, char *scratch,
		    const struct exec_strings *s)
{
	struct exec_image prog = { f, (const void *)head, ph };
	if (interp < 0)
		return exec_replace(&prog, 0, s);
	char *ihead = scratch + PROC_PATH_MAX;
	struct file *fi;
	const Elf64_Phdr *iph;
	long err = open_interp(f, &prog.ph[interp], scratch, ihead, &fi, &iph);
	if (err)
		return err;
	struct exec_image im = { fi, (const void *)ihead, iph };
	err = exec_replace(&prog, &im, s);
	file_put(fi);
	return err;
}

static long run(struct args *a, int dirfd, const char *filename, int flags)
{
	char *name = kalloc(2 * PROC_PATH_MAX);
	char *head = kalloc(HEAD_MAX);
	char *scratch = kalloc(PROC_PATH_MAX + HEAD_MAX);
	if (!name || !head || !scratch) {
		if (name)
			kfree(name, 2 * PROC_PATH_MAX);
		if (head)
			kfree(head, HEAD_MAX);
		if (scratch)
			kfree(scratch, PROC_PATH_MAX + HEAD_MAX);
		return -ENOMEM;
	}
	char *interp = name + PROC_PATH_MAX;
	ksnprintf(name, PROC_PATH_MAX, "%s", filename);
	long err = -ELOOP;
	for (int depth = 0; depth <= INTERP_DEPTH; depth++) {
		struct file *f;
		struct kstat st;
		err = open_exec(depth ? AT_FDCWD : dirfd, name, depth ? 0 : flags, HC_OPEN_PROGRAM, &f, &st);
		if (err)
			break;
		long have = vfs_read_kernel(f, head, HEAD_MAX, 0);
		if (have >= 2 && head[0] == '#' && head[1] == '!') {
			file_put(f);
			err = script(a, head, have, name, interp);
			if (err)
				break;
			ksnprintf(name, PROC_PATH_MAX, "%s", interp);
			err = -ELOOP;
			continue;
		}
		const Elf64_Ehdr *eh = (const void *)head;
		const Elf64_Phdr *ph = have < 0 ? 0 : phdrs_of(f, head, have);
		int interp;
		err = have < 0 ? have : check_elf(eh, have, (uint64_t)st.size, ph, &interp);
		if (!err) {
			struct exec_strings s = { a->str, a->argc, a->envc, filename };
			err = replace(f, head, ph, interp, scratch, &s);
		}
		if (!err) {
			struct proc *p = proc_current();
			ksnprintf(p->exe, sizeof(p->exe), "%s", f->path ? f->path : name);
			p->comm[0] = 0; /* the new file's name */
			p->did_exec = true;
		}
		file_put(f);
		break;
	}
	kfree(name, 2 * PROC_PATH_MAX);
	kfree(head, HEAD_MAX);
	kfree(scratch, PROC_PATH_MAX + HEAD_MAX);
	return err;
}

long proc_execve(int dirfd, const char *upath, const char *const *uargv, const char *const *uenvp, int flags)
{
	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	struct args a = { .buf = kalloc(ARG_BYTES), .str = kalloc(ARG_COUNT) };
	long err = a.buf && a.str ? 0 : -ENOMEM;
	const char *path = err ? 0 : add_string(&a, upath, &err);
	if (path && !path[0] && !(flags & AT_EMPTY_PATH))
		err = -ENOENT;
	if (!err)
		err = copy_vector(&a, uargv, &a.argc);
	if (!err)
		err = copy_vector(&a, uenvp, &a.envc);
	if (!err)
		err = run(&a, dirfd, path, flags);
	if (a.buf)
		kfree(a.buf, ARG_BYTES);
	if (a.str)
		kfree(a.str, ARG_COUNT);
	return err;
}
