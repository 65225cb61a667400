/* A small vsnprintf: %d %u %x %s %c %p with '#', '0', width and l/ll/z sizes. */
#include "kernel.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct out *o, uint64_t v, unsigned base, int negative, int width, char pad,
		       const char *prefix)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	int len = n + negative + (int)strlen(prefix);
	if (pad == ' ')
		for (; width > len; width--)
			put(o, ' ');
	if (negative)
		put(o, '-');
	for (; *prefix; prefix++)
		put(o, *prefix);
	for (; width > len; width--)
		put(o, '0');
	while (n)
		put(o, digits[--n]);
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		int alt = 0, width = 0, longs = 0;
		char pad = ' ';
		fmt++;
		for (; *fmt == '#' || *fmt == '0'; fmt++) {
			if (*fmt == '#')
				alt = 1;
			else
				pad = '0';
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd': {
			int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
			put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad, "");
			break;
		}
		case 'u':
			put_number(&o, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, 0, width, pad, "");
			break;
		case 'x':
			put_number(&o, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, 0, width, pad,
				   alt ? "0x" : "");
			break;
		case 'p':
			put_number(&o, (uint64_t)va_arg(ap, void *), 16, 0, width, pad, "0x");
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			for (; s && *s; s++)
				put(&o, *s);
			break;
		}
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			return -1;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
