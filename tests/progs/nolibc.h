/* What the libc-free test programs share: raw syscalls and printing "key value" lines. */
#ifndef TESTS_NOLIBC_H
#define TESTS_NOLIBC_H

typedef unsigned long u64;

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return r;
}

static long sys3(long n, long a, long b, long c)
{
	return sys6(n, a, b, c, 0, 0, 0);
}

static u64 len(const char *s)
{
	u64 n = 0;
	while (s[n])
		n++;
	return n;
}

static void out(const char *s)
{
	sys3(1, 1, (long)s, (long)len(s));
}

static void line(const char *key, long v)
{
	char buf[24];
	int i = sizeof(buf) - 1;
	u64 x = v < 0 ? -(u64)v : (u64)v;
	buf[i] = 0;
	do
		buf[--i] = (char)('0' + x % 10);
	while (x /= 10);
	if (v < 0)
		buf[--i] = '-';
	out(key);
	out(" ");
	out(buf + i);
	out("\n");
}

#endif
