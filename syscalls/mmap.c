/*
 * mmap(2): anonymous memory; files whose pages are frames in guest memory
 * (tmpfs) mapped in place when shared, so processes and the file see the
 * same bytes; private mappings of host files map the page cache's pages
 * (kernel/mm/pcache.h), copied on write; other files are read in when
 * mapped (later writes to the file are not seen). Either way the pages past
 * the file's end are SIGBUS when touched. A shared writable mapping of a
 * host file is a copy read in too, shared across fork and with the other
 * such mappings of the file, and written back to it at msync, munmap and
 * exit (kernel/fs/filemap.h). The slots of a
 * rewritten library are filled as its code is mapped (kernel/proc/direct_syscall.h).
 */
#include "kernel/fs/devfile.h"
#include "kernel/fs/filemap.h"
#include "kernel/fs/kstat.h"
#include "kernel/mm/frame.h"
#include "kernel/mm/pcache.h"
#include "kernel/mm/vm.h"
#include "kernel/proc/direct_syscall.h"
#include "sys.h"

enum backing { PRIVATE, ANONYMOUS, FILE_FRAMES, WRITTEN_BACK };

/* What mapping f needs (enum backing), or -errno. */
static long file_check(struct file *f, uint64_t type, uint64_t prot)
{
	int mode = f->flags & O_ACCMODE;
	if (devfile_is_zero(f))
		return ANONYMOUS;
	if (f->stream || !f->ops->readv)
		return -ENODEV;
	if (mode == O_WRONLY || (type != MAP_PRIVATE && (prot & PROT_WRITE) && mode != O_RDWR))
		return -EACCES;
	if (type != MAP_PRIVATE && f->ops->frame)
		return FILE_FRAMES;
	if (type != MAP_PRIVATE && (prot & PROT_WRITE))
		return f->ops->writev ? WRITTEN_BACK : -ENODEV;
	return PRIVATE;
}

/* The file's own frames for the pages it has from offset on; the pages past its end SIGBUS. */
static long map_frames(struct file *f, uint64_t addr, uint64_t len, uint64_t offset, uint64_t prot)
{
	struct kstat st;
	long err = f->ops->fstat(f, &st);
	if (!err)
		err = vm_map_shared(addr, len, (int)prot, true);
	if (err)
		return err;
	uint64_t end = PAGE_UP((uint64_t)st.size);
	for (uint64_t off = 0; !err && off < len && offset + off < end; off += PAGE_SIZE) {
		uint64_t pa = f->ops->frame(f, offset + off);
		if (!pa)
			err = -ENOMEM;
		else if ((err = vm_place(addr + off, pa)))
			frame_free(pa);
	}
	uint64_t have = end > offset ? end - offset : 0;
	if (!err && have < len)
		err = vm_mark_beyond_eof(addr + have, len - have);
	if (err)
		vm_unmap(addr, len);
	return err;
}

/*
 * Fill the new mapping with the file's bytes from offset; the rest of the
 * page holding the file's end stays zero, and the pages after it are past the
 * end: touching them is SIGBUS, as on Linux.
 */
static long read_in(struct file *f, uint64_t addr, uint64_t len, uint64_t offset, uint64_t prot, bool shared)
{
	long err = vm_map_shared(addr, len, PAGE_READ | PAGE_WRITE, shared);
	/* Pages other shared mappings of the file hold are theirs, so they all see one another's writes. */
	bool others = !err && shared && filemap_mapped(f);
	uint64_t done = 0;
	while (!err && done < len) {
		uint64_t bytes, pa = others ? filemap_frame(f, offset + done, &bytes) : 0;
		if (pa) {
			if ((err = vm_place(addr + done, pa)))
				frame_free(pa);
			done += bytes;
			if (bytes < PAGE_SIZE)
				break;
			continue;
		}
		struct kiovec iov = { (void *)(addr + done), others ? PAGE_SIZE : len - done };
		long got = f->ops->readv(f, &iov, 1, (int64_t)(offset + done));
		if (got <= 0) {
			err = got;
			break;
		}
		done += (uint64_t)got;
	}
	if (!err && PAGE_UP(done) < len)
		err = vm_mark_beyond_eof(addr + PAGE_UP(done), len - PAGE_UP(done));
	if (!err && !(prot & PROT_WRITE))
		err = vm_protect(addr, len, (int)prot);
	if (!err && shared)
		err = filemap_add(addr, len, done, offset, f);
	if (err)
		vm_unmap(addr, len);
	return err;
}

/* A private mapping of f (or a shared one never written): its cached pages, else a copy read in. */
static long map_private(struct file *f, uint64_t addr, uint64_t len, uint64_t offset, uint64_t prot)
{
	long err = pcache_map(f, addr, len, (int)prot, offset);
	return err == 1 ? read_in(f, addr, len, offset, prot, false) : err;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot, unsigned long, flags,
		int, fd, unsigned long, offset)
{
	uint64_t type = flags & MAP_TYPE;
	struct file *f = 0;
	long backing = ANONYMOUS;

	if (len == 0 || (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE))
		return -EINVAL;
	/* A shared mapping cannot grow down (a private one is taken as an ordinary mapping). */
	if ((flags & MAP_GROWSDOWN) && type != MAP_PRIVATE)
		return -EINVAL;
	prot &= PROT_READ | PROT_WRITE | PROT_EXEC; /* Linux ignores the other bits here */
	if (!(flags & MAP_ANONYMOUS)) {
		f = fd_get(fd);
		if (!f)
			return -EBADF;
		backing = file_check(f, type, prot);
		if (backing < 0)
			return backing;
	}
	if (offset & (PAGE_SIZE - 1))
		return -EINVAL;
	len = PAGE_UP(len);
	if (len == 0 || len > USER_VTOP)
		return -ENOMEM;
	if (offset + len < offset)
		return -EOVERFLOW;
	if ((prot & PROT_WRITE) && !(flags & MAP_NORESERVE) && !vm_can_commit(len))
		return -ENOMEM;

	bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
	if (fixed && (addr & (PAGE_SIZE - 1)))
		return -EINVAL;
	if (fixed && (addr < MMAP_MIN || addr > USER_VTOP - len))
		return (flags & MAP_FIXED) ? -EPERM : -ENOMEM;
	if ((flags & MAP_FIXED_NOREPLACE) && !(flags & MAP_FIXED) && !vm_range_free(addr, len))
		return -EEXIST;
	if (!fixed) {
		/* A hint is taken when the range is free, as Linux does. */
		addr = PAGE_DOWN(addr);
		if (addr < MMAP_MIN || addr > USER_VTOP - len || !vm_range_free(addr, len))
			addr = vm_find_free(len);
		if (!addr)
			return -ENOMEM;
	}
	/* A shared mapping is no private data: only RLIMIT_AS counts it. */
	if (vm_may_expand(len, addr, len, type == MAP_PRIVATE ? (int)prot : (int)prot & ~PROT_WRITE))
		return -ENOMEM;
	/* What a mapped host file's pages there held goes back to it first. */
	if (fixed)
		filemap_unmap(addr, len);
	long err = backing == ANONYMOUS	   ? vm_map_shared(addr, len, (int)prot, type != MAP_PRIVATE)
		   : backing == FILE_FRAMES  ? map_frames(f, addr, len, offset, prot)
		   : backing == WRITTEN_BACK ? read_in(f, addr, len, offset, prot, true)
					     : map_private(f, addr, len, offset, prot);
	if (!err && backing != ANONYMOUS && f->path)
		err = vm_set_file(addr, len, f->path, offset);
	if (!err && f && f->rewritten)
		direct_syscall_mapped(f, addr, len, offset, (int)prot);
	/* Pages past a file's end stay as they are (EFAULT from populating them is no error). */
	if (!err && (flags & MAP_POPULATE) && vm_populate(addr, len, false) == -ENOMEM)
		err = -ENOMEM;
	return err ? err : (long)addr;
}
