/*
 * Shared writable mappings of files that live on the host (MAP_SHARED with
 * PROT_WRITE): the pages are copies of the file's, shared across fork and with
 * every other such mapping of the same file, and their bytes go back to the
 * file at msync, munmap, a mapping over them, exec and exit, and before a
 * read(2) of them; a write(2) to the file is copied into them.
 */
#ifndef KERNEL_FILEMAP_H
#define KERNEL_FILEMAP_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct mm;

/*
 * The caller's [start, start+len), read in from f at offset, with bytes of the
 * file behind it: written back later. 0, or -ENOMEM when no record is free.
 */
long filemap_add(uint64_t start, uint64_t len, uint64_t bytes, uint64_t offset, struct file *f);
/* Before a read of len bytes of f at offset: the mapped pages among them go back to the file. */
void filemap_before_read(struct file *f, int64_t offset, uint64_t len);
/* After a write of len bytes to f at offset (-1: somewhere): the mapped pages among them read them. */
void filemap_after_write(struct file *f, int64_t offset, uint64_t len);
/* Does some shared writable mapping hold pages of the file f is open on? */
bool filemap_mapped(struct file *f);
/*
 * The frame such a mapping holds for the page of f at offset (page-aligned), with a user
 * for the caller, and in *bytes how many of its bytes are the file's; 0 if none.
 */
uint64_t filemap_frame(struct file *f, uint64_t offset, uint64_t *bytes);
/* Write the caller's mapped file pages in the range back to their files. 0 or the first error. */
long filemap_sync(uint64_t start, uint64_t len);
/* The range is about to go (munmap, MAP_FIXED, mremap): write it back and forget it. */
void filemap_unmap(uint64_t start, uint64_t len);
/* fork: the child's address space holds the same pages, to write back as well. */
void filemap_fork(const struct mm *from, const struct mm *to);
/* The address space goes (exit, exec): write back all of it and forget it. */
void filemap_forget(struct mm *mm);

#endif
