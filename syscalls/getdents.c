/*
 * getdents(2), the old layout: on x86-64 a record is as long as getdents64's
 * (the type byte moves from before the name to the record's last byte), so
 * the getdents64 records are rewritten in place.
 */
#include "kernel/mm/vm.h"
#include "sys.h"

#define NAME_AT64 19 /* d_ino, d_off, d_reclen, d_type */
#define NAME_AT 18   /* d_ino, d_off, d_reclen */

SYSCALL_DEFINE3(getdents, int, fd, void *, dirp, unsigned int, count)
{
	struct file *f = fd_get(fd);
	char *buf = dirp;
	if (!f)
		return -EBADF;
	if (!f->ops->getdents)
		return -ENOTDIR;
	long n = f->ops->getdents(f, buf, count);
	for (long at = 0; at < n;) {
		char *rec = buf + at;
		uint16_t reclen;
		memcpy(&reclen, rec + 16, sizeof(reclen));
		char type = rec[NAME_AT64 - 1];
		memmove(rec + NAME_AT, rec + NAME_AT64, reclen - NAME_AT64);
		rec[reclen - 1] = type;
		at += reclen;
	}
	return n;
}
