/*
 * The 16550 UARTs, polled: no interrupts. COM1 carries the program's stdout
 * and COM2 its stderr; without a COM2 (a UART answers in its scratch
 * register) stderr shares COM1. Bytes go out 16 at a time, each time the
 * transmit FIFO is empty, so a slow reader on the host side slows the
 * program down instead of losing output.
 */
#include "serial.h"
#include "ioport.h"

#include <stdbool.h>
#include <stdint.h>

#define COM1 0x3f8
#define COM2 0x2f8
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define REG_SCR 7
#define FCR_ENABLE_CLEAR 0x07
#define LCR_8N1 0x03
#define MCR_DTR_RTS 0x03
#define LSR_THR_EMPTY 0x20
#define FIFO_SIZE 16

static uint16_t stderr_port = COM1;

static void uart_init(uint16_t base)
{
	outb(base + REG_IER, 0);
	outb(base + REG_LCR, LCR_8N1);
	outb(base + REG_FCR, FCR_ENABLE_CLEAR);
	outb(base + REG_MCR, MCR_DTR_RTS);
}

static bool uart_present(uint16_t base)
{
	outb(base + REG_SCR, 0x5a);
	return inb(base + REG_SCR) == 0x5a;
}

void serial_init(void)
{
	uart_init(COM1);
	if (uart_present(COM2)) {
		uart_init(COM2);
		stderr_port = COM2;
	}
}

void serial_write(int stream, const void *buf, size_t len)
{
	uint16_t base = stream == 2 ? stderr_port : COM1;
	const uint8_t *p = buf;
	while (len) {
		while (!(inb(base + REG_LSR) & LSR_THR_EMPTY))
			__asm__ volatile("pause");
		size_t n = len < FIFO_SIZE ? len : FIFO_SIZE;
		__asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"(base) : "memory");
		len -= len < FIFO_SIZE ? len : FIFO_SIZE;
	}
}
