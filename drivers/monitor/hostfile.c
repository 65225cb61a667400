/*
 * The host's files and standard streams, reached through hypercalls. An exit
 * costs far more than copying, so the driver saves them: reads of regular
 * files come from a read-ahead window, small writes wait in a write-behind
 * buffer, closes that cannot fail wait for the next hypercall, and pending
 * work rides along with the next hypercall in one batch.
 */
#include <asm-generic/errno.h>
#include <asm-generic/fcntl.h>

#include "hostfile.h"
#include "hypercall.h"
#include "ring.h"

/* Most small files whole, without copying much of a big one read here and there. */
#define WINDOW_MIN (16 * 1024)
#define WINDOW_MAX (1024 * 1024)
#define CLOSE_MAX 16

/*
 * Read-ahead: a miss fetches a window, twice the last one while reads go on
 * where the last window ended. A write through any handle on the same host
 * file drops it; a host process writing the file may go unseen within one.
 */
static char window[WINDOW_MAX] __attribute__((aligned(4096)));
static struct {
	int handle; /* -1: empty */
	int64_t start, len;
	int seq_handle; /* where the last fetch ended, for telling sequential reads */
	int64_t seq_end, next;
} win = { -1, 0, 0, -1, 0, WINDOW_MIN };
/* Handles whose host file is open under another handle too. */
static uint8_t aliased[HC_HANDLE_MAX / 8];

/* Write-behind: the block the monitor writes out (see struct hc_wbuf). */
static char wb_data[HOSTFILE_WB_SIZE] __attribute__((aligned(4096)));
static struct hc_wbuf wb;
static struct hc_buf wb_req = { .len = sizeof(wb) };
static bool wb_named;
static int16_t wb_errors[HC_HANDLE_MAX];

static uint64_t reads; /* READ and READV hypercalls made */

static struct hc_close closing[CLOSE_MAX];
static int nclosing;
static bool locks_taken;

static bool is_aliased(int handle)
{
	return handle >= 0 && handle < HC_HANDLE_MAX && (aliased[handle / 8] & (1u << (handle % 8)));
}

static void set_aliased(int handle, bool on)
{
	if (handle < 0 || handle >= HC_HANDLE_MAX)
		return;
	if (on)
		aliased[handle / 8] |= (uint8_t)(1u << (handle % 8));
	else
		aliased[handle / 8] &= (uint8_t)~(1u << (handle % 8));
}

static void window_drop(void)
{
	win.handle = -1;
}

/* A write to handle: the window goes if it may hold the same file. */
static void window_written(int handle)
{
	if (win.handle == handle || (win.handle >= 0 && (is_aliased(handle) || is_aliased(win.handle))))
		window_drop();
}

/* The write-out result: an error stays with its handle until taken. */
static void wb_written(void)
{
	if (wb.ret < 0 && wb.handle >= 0 && wb.handle < HC_HANDLE_MAX)
		wb_errors[wb.handle] = (int16_t)wb.ret;
	wb.ret = 0;
}

/* Could the call wait long on the host (a pipe, a terminal, a lock)? Then it leaves the VM. */
static bool may_block(enum hc_number nr, const void *req)
{
	switch (nr) {
	case HC_READ: case HC_WRITE: case HC_READV: case HC_WRITEV: case HC_IOCTL: case HC_POLL:
		return *(const int32_t *)req <= 2; /* the standard streams */
	case HC_FILEOP:
		return ((const struct hc_fileop *)req)->op == HC_FILE_FLOCK ||
		       ((const struct hc_fileop *)req)->op == HC_FILE_LOCK;
	case HC_SENDFILE:
		return true;
	default:
		return false;
	}
}

/* Through the ring when the call cannot block for long, else out through the port. */
static void call(enum hc_number nr, void *req, bool blocking)
{
	if (blocking || !ring_call(nr, req))
		hypercall(nr, req);
}

void hostfile_call(enum hc_number nr, void *req)
{
	static struct hc_call list[CLOSE_MAX + 2];
	static struct hc_batch batch;
	uint32_t n = 0;
	for (int i = 0; i < nclosing; i++)
		list[n++] = (struct hc_call){ .nr = HC_CLOSE, .block = virt_to_phys(&closing[i]) };
	nclosing = 0;
	bool flush = wb.len && nr != HC_WBUF;
	if (flush)
		list[n++] = (struct hc_call){ .nr = HC_WBUF, .block = virt_to_phys(&wb_req) };
	if (n) {
		list[n++] = (struct hc_call){ .nr = nr, .block = virt_to_phys(req) };
		batch = (struct hc_batch){ .calls = virt_to_phys(list), .n = n };
		call(HC_BATCH, &batch, may_block(nr, req));
	} else {
		call(nr, req, may_block(nr, req));
	}
	if (flush || nr == HC_WBUF)
		wb_written();
}

char *hostfile_wb_room(int handle, int64_t offset, size_t len)
{
	if (!wb_named) {
		/* Name the block once, before it ever holds data, so the monitor can always write it out. */
		wb.buf = virt_to_phys(wb_data);
		wb_req.buf = virt_to_phys(&wb);
		hypercall(HC_WBUF, &wb_req);
		wb_named = true;
	}
	bool follows = wb.handle == handle &&
		       (offset < 0 ? wb.offset < 0 : wb.offset >= 0 && offset == wb.offset + (int64_t)wb.len);
	if (wb.len && (!follows || wb.len + len > HOSTFILE_WB_SIZE))
		hostfile_wb_flush(-1);
	if (!wb.len) {
		wb.handle = handle;
		wb.offset = offset;
	}
	window_written(handle);
	return wb_data + wb.len;
}

void hostfile_wb_commit(size_t len)
{
	/* The bytes are in place before the monitor can see them counted. */
	__asm__ volatile("" ::: "memory");
	wb.len += len;
}

void hostfile_wb_flush(int handle)
{
	if (wb.len && (handle < 0 || wb.handle == handle))
		hostfile_call(HC_WBUF, &wb_req);
}

long hostfile_wb_error(int handle)
{
	if (handle < 0 || handle >= HC_HANDLE_MAX)
		return 0;
	long err = wb_errors[handle];
	wb_errors[handle] = 0;
	return err;
}

bool hostfile_in_window(int handle, int64_t offset)
{
	return win.handle == handle && offset >= win.start && offset < win.start + win.len;
}

long hostfile_cached(int handle, int64_t offset, size_t want, const char **data)
{
	if (!hostfile_in_window(handle, offset)) {
		bool sequential = win.seq_handle == handle && offset == win.seq_end;
		win.next = !sequential ? WINDOW_MIN : win.next < WINDOW_MAX ? win.next * 2 : WINDOW_MAX;
		struct hc_io req = { .handle = handle, .buf = virt_to_phys(window), .len = (uint64_t)win.next,
				     .offset = offset };
		window_drop();
		reads++;
		hostfile_call(HC_READ, &req);
		if (req.ret <= 0)
			return req.ret;
		win.handle = win.seq_handle = handle;
		win.start = offset;
		win.len = req.ret;
		win.seq_end = offset + req.ret;
	}
	int64_t have = win.start + win.len - offset;
	*data = window + (offset - win.start);
	return (size_t)have < want ? (long)have : (long)want;
}

long hostfile_transfer(bool write, int handle, const struct hc_seg *seg, uint32_t nseg, int64_t offset)
{
	struct hc_iov req = { .handle = handle, .nseg = nseg, .segs = virt_to_phys(seg), .offset = offset };
	if (write)
		window_written(handle);
	reads += !write;
	hostfile_call(write ? HC_WRITEV : HC_READV, &req);
	return req.ret;
}

long hostfile_getdents(int handle, void *buf, size_t len)
{
	struct hc_io req = { .handle = handle, .buf = virt_to_phys(buf), .len = len, .offset = HOSTFILE_NO_OFFSET };
	hostfile_call(HC_GETDENTS, &req);
	return req.ret;
}

long hostfile_fstat(int handle, void *statbuf)
{
	struct hc_fstat req = { .handle = handle, .statbuf = virt_to_phys(statbuf) };
	hostfile_call(HC_FSTAT, &req);
	return req.ret;
}

long hostfile_ioctl(int handle, unsigned cmd, void *arg)
{
	struct hc_ioctl req = { .handle = handle, .cmd = cmd, .arg = virt_to_phys(arg) };
	hostfile_call(HC_IOCTL, &req);
	return req.ret;
}

long hostfile_poll(int handle, unsigned events)
{
	struct hc_poll req = { .handle = handle, .events = events };
	hypercall(HC_POLL, &req);
	return req.ret;
}

long hostfile_open(const char *path, int flags, unsigned mode, unsigned *type, unsigned *copy)
{
	struct hc_open req = { .path = virt_to_phys(path), .path_len = strlen(path), .flags = flags, .mode = mode,
			       .library = (uint8_t)*copy };
	/* A readable file's start comes along, in place of the window. */
	if ((flags & O_ACCMODE) != O_WRONLY) {
		window_drop();
		req.ahead = virt_to_phys(window);
		req.ahead_len = WINDOW_MIN;
	}
	hostfile_call(HC_OPEN, &req);
	*type = req.type;
	*copy = req.ret >= 0 && req.rewritten;
	if (req.ret < 0)
		return req.ret;
	set_aliased((int)req.ret, req.alias >= 0);
	set_aliased(req.alias, true);
	if (req.ahead_got > 0) {
		win.handle = win.seq_handle = (int)req.ret;
		win.start = 0;
		win.len = win.seq_end = req.ahead_got;
		win.next = WINDOW_MIN;
	}
	return req.ret;
}

long hostfile_close(int handle, bool later)
{
	if (win.handle == handle)
		window_drop();
	if (win.seq_handle == handle)
		win.seq_handle = -1;
	set_aliased(handle, false);
	bool holds = wb.len && wb.handle == handle;
	if (later && !holds && !locks_taken && nclosing < CLOSE_MAX) {
		closing[nclosing++] = (struct hc_close){ .handle = handle };
		return hostfile_wb_error(handle);
	}
	struct hc_close req = { .handle = handle };
	hostfile_call(HC_CLOSE, &req);
	long err = hostfile_wb_error(handle);
	return err ? err : req.ret;
}

void hostfile_lock_taken(void)
{
	locks_taken = true;
}

long hostfile_stat(const char *path, void *statbuf, int nofollow)
{
	struct hc_stat req = { .path = virt_to_phys(path), .path_len = strlen(path),
			       .statbuf = virt_to_phys(statbuf), .nofollow = nofollow };
	hostfile_call(HC_STAT, &req);
	return req.ret;
}

long hostfile_readlink(const char *path, char *buf, size_t len)
{
	struct hc_readlink req = { .path = virt_to_phys(path), .path_len = strlen(path),
				   .buf = virt_to_phys(buf), .len = len };
	hostfile_call(HC_READLINK, &req);
	return req.ret;
}

long hostfile_pathop(int op, const char *path, const char *path2, uint64_t arg)
{
	window_drop();
	struct hc_pathop req = { .op = op, .path = virt_to_phys(path), .path_len = strlen(path), .arg = arg };
	if (path2) {
		req.path2 = virt_to_phys(path2);
		req.path2_len = strlen(path2);
	}
	hostfile_call(HC_PATHOP, &req);
	return req.ret;
}

long hostfile_fileop(int handle, int op, uint64_t arg)
{
	return hostfile_fileop3(handle, op, arg, 0, 0);
}

long hostfile_fileop3(int handle, int op, uint64_t arg, uint64_t arg2, uint64_t arg3)
{
	window_written(handle);
	struct hc_fileop req = { .handle = handle, .op = op, .arg = arg, .arg2 = arg2, .arg3 = arg3 };
	hostfile_call(HC_FILEOP, &req);
	return req.ret;
}

long hostfile_statfs(const char *path, int handle, void *buf)
{
	struct hc_statfs req = { .handle = handle, .buf = virt_to_phys(buf) };
	if (path) {
		req.path = virt_to_phys(path);
		req.path_len = strlen(path);
	}
	hostfile_call(HC_STATFS, &req);
	return req.ret;
}

long hostfile_copy(int in, int out, int64_t in_offset, int64_t out_offset, size_t len)
{
	struct hc_sendfile req = { .in = in, .out = out, .in_offset = in_offset, .out_offset = out_offset,
				   .len = len };
	window_written(out);
	hostfile_call(HC_SENDFILE, &req);
	return req.ret;
}

uint64_t hostfile_reads(void)
{
	return reads;
}
