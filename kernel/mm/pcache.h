/*
 * The page cache: pages of host files, read once and shared read-only by
 * every private mapping of them in every process (a write copies the page:
 * vm.c). A cached file is known by its device and inode; regions hold
 * references to it, and its pages stay after the last goes, until memory
 * runs low or the file changes.
 */
#ifndef KERNEL_PCACHE_H
#define KERNEL_PCACHE_H

#include <stdbool.h>
#include <stdint.h>

struct file;

/*
 * A private mapping of f's cached pages from offset at [addr, addr + len), read when
 * touched: 0, 1 if f has no cache (read it in instead), or -errno (nothing mapped).
 */
long pcache_map(struct file *f, uint64_t addr, uint64_t len, int prot, uint64_t offset);
/* One more region holds the cached file, and one fewer. */
void pcache_get(uint16_t id);
void pcache_put(uint16_t id);
/*
 * The frame of page index, with a user for the caller, read with up to
 * ahead - 1 pages after it when missing. 0, -ENOMEM, or the read's error.
 */
long pcache_page(uint16_t id, uint64_t index, uint64_t ahead, uint64_t *pa);
/*
 * len bytes of f from offset changed (len < 0: all from offset on): their
 * cached pages are read again, in place while regions hold the file.
 */
void pcache_written(struct file *f, int64_t offset, int64_t len);
/* Give back the frames no mapping uses; how many. */
uint64_t pcache_shrink(void);
/* Pages cached now, and reads of files the cache has made. */
uint64_t pcache_pages(void);
uint64_t pcache_reads(void);

#endif
