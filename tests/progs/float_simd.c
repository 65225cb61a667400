/* Checks floating point (printf, strtod, libm, x87, MXCSR), libc string functions on odd buffers, SSE2 and AVX2. */
#include <fenv.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF (1u << 20)

static unsigned char src[BUF + 128], dst[BUF + 128];
static unsigned failures, checks;

static void check(int ok, const char *what, size_t size, size_t off)
{
	checks++;
	if (!ok && failures++ < 20)
		printf("FAILED: %s size %zu offset %zu\n", what, size, off);
}

static void formatting(void)
{
	/* volatile keeps the compiler from computing these at build time. */
	volatile double one = 1.0, three = 3.0, zero = 0.0;
	const double values[] = { 0.1, one / three, -2.5e-300, 6.02214076e23, 4.9e-324,
				  123456789.125, one / zero, -one / zero, -0.0, 1e21, 0.5e-5 };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
		printf("%f | %g | %.17g | %e | %a\n", values[i], values[i], values[i], values[i], values[i]);
	printf("nan: %f %g\n", zero / zero * 0.0 + NAN, fabs(NAN));
	float f = (float)(one / three);
	printf("float: %.9g %a\n", (double)f, (double)f);

	const char *inputs[] = { "3.14159", "1e-310", "0x1.8p3", "inf", "-0", "2.2250738585072011e-308",
				 "123abc", "  -7.5e+2x", "1e400", "0.1e-400", "nanx" };
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		char *end;
		double d = strtod(inputs[i], &end);
		printf("strtod(\"%s\") = %a, consumed %d\n", inputs[i], d, (int)(end - inputs[i]));
	}
}

static void arithmetic(void)
{
	volatile double x = 2.0, y = 0.7, big = 1e300;
	/* IEEE basic operations are exact, so print them in full. */
	printf("sqrt %a div %a mul %a fma %a\n", sqrt(x), x / y, big * big, fma(y, y, -0.49));
	printf("floor %g ceil %g lrint %ld rint %g\n", floor(-y), ceil(y), lrint(2.5), rint(3.5));
	/* libm functions may differ in the last bit between implementations; 15 digits is enough. */
	printf("sin %.15g cos %.15g exp %.15g log %.15g pow %.15g atan2 %.15g\n", sin(x), cos(x), exp(y),
	       log(y), pow(x, y), atan2(y, x));
	double sum = 0.0;
	for (int k = 1; k <= 100000; k++)
		sum += 1.0 / ((double)k * (double)k);
	printf("sum 1/k^2 %.17g\n", sum);

	volatile long double third = 1.0L, three = 3.0L;
	printf("long double %.21Lg\n", third / three);
}

static void strings(void)
{
	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (unsigned char)(1 + (i * 7 + (i >> 11)) % 251);

	static const size_t sizes[] = { 0, 1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255, 256,
					1000, 4095, 4097, 65537, BUF - 3, BUF };
	static const size_t offs[] = { 0, 1, 3, 7, 13, 31, 63 };
	volatile size_t vol_size;
	for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
		for (size_t oi = 0; oi < sizeof offs / sizeof offs[0]; oi++) {
			vol_size = sizes[si];
			size_t n = vol_size, so = offs[oi], d = offs[(oi + 3) % 7];
			if (n > BUF)
				n = BUF;

			memset(dst, 0xAA, n + 64);
			memcpy(dst + d, src + so, n);
			int ok = dst[d + n] == 0xAA && (d == 0 || dst[d - 1] == 0xAA);
			for (size_t i = 0; i < n && ok; i++)
				ok = dst[d + i] == src[so + i];
			check(ok, "memcpy", n, so);

			check(memcmp(dst + d, src + so, n) == 0, "memcmp equal", n, so);
			if (n > 0) {
				dst[d + n - 1]++;
				check(memcmp(dst + d, src + so, n) > 0, "memcmp greater", n, so);
				check(memcmp(src + so, dst + d, n) < 0, "memcmp less", n, so);
			}

			memset(dst + d, 0x5C, n);
			ok = dst[d + n] == 0xAA;
			for (size_t i = 0; i < n && ok; i++)
				ok = dst[d + i] == 0x5C;
			check(ok, "memset", n, d);

			dst[d + n] = 0;
			check(strlen((char *)dst + d) == n, "strlen", n, d);
			dst[d + n] = 0x77;
			dst[d + n + 1] = 0;
			check(strchr((char *)dst + d, 0x77) == (char *)dst + d + n, "strchr", n, d);
			check(strchr((char *)dst + d, 0x78) == NULL, "strchr missing", n, d);

			memmove(dst + d + 1, dst + d, n);
			ok = dst[d] == (n ? 0x5C : 0x77);
			check(ok, "memmove", n, d);
		}
	}
	printf("string checks %u, failures %u\n", checks, failures);
}

static void sse2(void)
{
	__m128d a = _mm_set_pd(1.5, -2.25), b = _mm_set_pd(0.125, 3.0);
	double pd[2];
	_mm_storeu_pd(pd, _mm_sqrt_pd(_mm_add_pd(_mm_mul_pd(a, a), b)));
	__m128i x = _mm_setr_epi8(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
	__m128i y = _mm_setr_epi8(16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
	__m128i sad = _mm_sad_epu8(x, y);
	__m128i madd = _mm_madd_epi16(x, y);
	int32_t m[4];
	_mm_storeu_si128((__m128i *)m, madd);
	__m128i cvt = _mm_cvtps_epi32(_mm_set_ps(2.5f, -1.5f, 100.49f, 7.51f));
	int32_t c[4];
	_mm_storeu_si128((__m128i *)c, cvt);
	printf("sse2: %a %a sad %d %d madd %d %d %d %d cvt %d %d %d %d\n", pd[0], pd[1],
	       _mm_cvtsi128_si32(sad), _mm_extract_epi16(sad, 4), m[0], m[1], m[2], m[3], c[0], c[1], c[2], c[3]);
}

#define AVX_N 1024

/* The same computation as avx2_kernel, written in plain C. */
static void scalar_kernel(const int32_t *a, const double *v, uint64_t *isum, double *dsum)
{
	uint32_t acc[8] = { 0 };
	double dacc[4] = { 0 };
	for (int i = 0; i < AVX_N; i += 8)
		for (int j = 0; j < 8; j++)
			acc[j] += (uint32_t)a[i + j] * (uint32_t)a[(i + j * 3) % AVX_N] + (uint32_t)(a[i + j] >> 3);
	for (int i = 0; i < AVX_N; i += 4)
		for (int j = 0; j < 4; j++)
			dacc[j] = dacc[j] * 0.5 + v[i + j] * v[i + j];
	*isum = 0;
	for (int j = 0; j < 8; j++)
		*isum += acc[j];
	*dsum = (dacc[0] + dacc[1]) + (dacc[2] + dacc[3]);
}

__attribute__((target("avx2"))) static void avx2_kernel(const int32_t *a, const double *v, uint64_t *isum,
								double *dsum)
{
	__m256i acc = _mm256_setzero_si256();
	__m256i idx = _mm256_setr_epi32(0, 3, 6, 9, 12, 15, 18, 21);
	for (int i = 0; i < AVX_N; i += 8) {
		__m256i x = _mm256_loadu_si256((const __m256i *)(a + i));
		__m256i gi = _mm256_and_si256(_mm256_add_epi32(idx, _mm256_set1_epi32(i)), _mm256_set1_epi32(AVX_N - 1));
		__m256i g = _mm256_i32gather_epi32((const int *)a, gi, 4);
		acc = _mm256_add_epi32(acc, _mm256_add_epi32(_mm256_mullo_epi32(x, g), _mm256_srai_epi32(x, 3)));
	}
	__m256d dacc = _mm256_setzero_pd();
	for (int i = 0; i < AVX_N; i += 4) {
		__m256d x = _mm256_loadu_pd(v + i);
		dacc = _mm256_add_pd(_mm256_mul_pd(dacc, _mm256_set1_pd(0.5)), _mm256_mul_pd(x, x));
	}
	uint32_t out[8];
	double dout[4];
	_mm256_storeu_si256((__m256i *)out, acc);
	_mm256_storeu_pd(dout, dacc);
	*isum = 0;
	for (int j = 0; j < 8; j++)
		*isum += out[j];
	*dsum = (dout[0] + dout[1]) + (dout[2] + dout[3]);
}

static void avx2(void)
{
	static int32_t a[AVX_N];
	static double v[AVX_N];
	for (int i = 0; i < AVX_N; i++) {
		a[i] = (int32_t)((unsigned)i * 2654435761u >> 16) - 30000;
		v[i] = (double)i / 7.0 - 50.0;
	}
	uint64_t isum;
	double dsum;
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		avx2_kernel(a, v, &isum, &dsum);
	else
		scalar_kernel(a, v, &isum, &dsum);
	printf("vector kernel: %llu %a\n", (unsigned long long)isum, dsum);

	uint64_t ref_isum;
	double ref_dsum;
	scalar_kernel(a, v, &ref_isum, &ref_dsum);
	printf("vector kernel matches scalar: %s\n", isum == ref_isum && dsum == ref_dsum ? "yes" : "NO");
}

int main(void)
{
	/* Initial floating point control state, as set up at process start (exception flags masked out). */
	unsigned short fcw;
	__asm__ volatile("fnstcw %0" : "=m"(fcw));
	unsigned mxcsr = _mm_getcsr();
	printf("x87 control word 0x%x, mxcsr control 0x%x, round to nearest %s\n", fcw, mxcsr & ~0x3Fu,
	       fegetround() == FE_TONEAREST ? "yes" : "no");

	formatting();
	arithmetic();
	strings();
	sse2();
	avx2();
	return failures != 0;
}
