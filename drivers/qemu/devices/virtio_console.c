/*
 * virtio consoles (device id 3) on QEMU microvm's virtio-mmio transports, in
 * the modern (version 2) register layout, polled, without interrupts. Only
 * port 0's transmit queue (queue 1) is used: a write is one descriptor and
 * one notification, so one VM exit however long it is, where a 16550 takes
 * one per byte. QEMU hands the bytes to its chardev before the notification
 * returns, or later when that would block: the driver waits for the used
 * ring either way, so the buffer may be reused at once.
 */
#include "virtio_console.h"
#include "kernel/kernel.h"

#define MMIO_BASE 0xfeb00000ULL /* microvm's first transport; one every 0x200 bytes */
#define MMIO_STRIDE 0x200
#define MMIO_SLOTS 24
#define MAX_CONSOLES 2

#define REG_MAGIC 0x000
#define REG_VERSION 0x004
#define REG_DEVICE_ID 0x008
#define REG_DEVICE_FEATURES 0x010
#define REG_DEVICE_FEATURES_SEL 0x014
#define REG_DRIVER_FEATURES 0x020
#define REG_DRIVER_FEATURES_SEL 0x024
#define REG_QUEUE_SEL 0x030
#define REG_QUEUE_NUM_MAX 0x034
#define REG_QUEUE_NUM 0x038
#define REG_QUEUE_READY 0x044
#define REG_QUEUE_NOTIFY 0x050
#define REG_STATUS 0x070
#define REG_QUEUE_DESC 0x080
#define REG_QUEUE_DRIVER 0x090
#define REG_QUEUE_DEVICE 0x0a0

#define MAGIC 0x74726976 /* "virt" */
#define MODERN 2
#define DEVICE_CONSOLE 3
#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER 2
#define STATUS_DRIVER_OK 4
#define STATUS_FEATURES_OK 8
#define FEATURE_VERSION_1_HIGH 1 /* bit 32: bit 0 of the high word */
#define AVAIL_NO_INTERRUPT 1
#define TRANSMIT_QUEUE 1 /* port 0: receiveq 0, transmitq 1 */
#define QUEUE_SIZE 4     /* one descriptor in flight at a time: any size would do */

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};

struct vring {
	struct vring_desc desc[QUEUE_SIZE];
	struct {
		uint16_t flags, idx, ring[QUEUE_SIZE], used_event;
	} avail;
	struct {
		uint16_t flags, idx;
		struct {
			uint32_t id, len;
		} ring[QUEUE_SIZE];
		uint16_t avail_event;
	} __attribute__((aligned(4))) used;
};

struct console {
	volatile uint8_t *regs;
	struct vring *ring;
	uint16_t sent; /* buffers made available so far */
};

static struct vring rings[MAX_CONSOLES] __attribute__((aligned(4096)));
static struct console consoles[MAX_CONSOLES];

static uint32_t rd(const struct console *c, unsigned reg)
{
	return *(volatile uint32_t *)(c->regs + reg);
}

static void wr(const struct console *c, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(c->regs + reg) = v;
}

static void wr64(const struct console *c, unsigned reg, uint64_t v)
{
	wr(c, reg, (uint32_t)v);
	wr(c, reg + 4, (uint32_t)(v >> 32));
}

static bool setup(struct console *c)
{
	wr(c, REG_STATUS, 0);
	wr(c, REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
	wr(c, REG_DEVICE_FEATURES_SEL, 1);
	if (!(rd(c, REG_DEVICE_FEATURES) & FEATURE_VERSION_1_HIGH))
		return false;
	wr(c, REG_DRIVER_FEATURES_SEL, 1);
	wr(c, REG_DRIVER_FEATURES, FEATURE_VERSION_1_HIGH);
	wr(c, REG_DRIVER_FEATURES_SEL, 0);
	wr(c, REG_DRIVER_FEATURES, 0);
	wr(c, REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
	if (!(rd(c, REG_STATUS) & STATUS_FEATURES_OK))
		return false;
	wr(c, REG_QUEUE_SEL, TRANSMIT_QUEUE);
	if (rd(c, REG_QUEUE_NUM_MAX) < QUEUE_SIZE)
		return false;
	c->ring->avail.flags = AVAIL_NO_INTERRUPT;
	wr(c, REG_QUEUE_NUM, QUEUE_SIZE);
	wr64(c, REG_QUEUE_DESC, virt_to_phys(c->ring->desc));
	wr64(c, REG_QUEUE_DRIVER, virt_to_phys(&c->ring->avail));
	wr64(c, REG_QUEUE_DEVICE, virt_to_phys(&c->ring->used));
	wr(c, REG_QUEUE_READY, 1);
	wr(c, REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK | STATUS_DRIVER_OK);
	return true;
}

unsigned virtio_console_init(void)
{
	unsigned n = 0;
	for (unsigned slot = 0; slot < MMIO_SLOTS && n < MAX_CONSOLES; slot++) {
		struct console *c = &consoles[n];
		c->regs = phys_to_virt(MMIO_BASE + slot * MMIO_STRIDE);
		c->ring = &rings[n];
		if (rd(c, REG_MAGIC) == MAGIC && rd(c, REG_VERSION) == MODERN &&
		    rd(c, REG_DEVICE_ID) == DEVICE_CONSOLE && setup(c))
			n++;
	}
	return n;
}

void virtio_console_write(unsigned n, uint64_t pa, size_t len)
{
	struct console *c = &consoles[n];
	struct vring *r = c->ring;
	/* A descriptor's length is 32 bits. */
	for (size_t done = 0; done < len;) {
		uint32_t k = len - done < UINT32_MAX ? (uint32_t)(len - done) : UINT32_MAX;
		uint16_t slot = c->sent % QUEUE_SIZE;
		r->desc[slot] = (struct vring_desc){ pa + done, k, 0, 0 };
		r->avail.ring[slot] = slot;
		__asm__ volatile("" ::: "memory");
		r->avail.idx = ++c->sent;
		__asm__ volatile("" ::: "memory");
		wr(c, REG_QUEUE_NOTIFY, TRANSMIT_QUEUE);
		while (*(volatile uint16_t *)&r->used.idx != c->sent)
			__asm__ volatile("pause");
		done += k;
	}
}
