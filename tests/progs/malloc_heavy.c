/* Checks heap memory (brk and mmap paths): many malloc/calloc/realloc/free from 1 byte to 4 MiB. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 200
#define ROUNDS 12000
#define LIVE_LIMIT ((size_t)12 << 20)

struct slot {
	unsigned char *p;
	size_t n;
	unsigned seed;
};

static struct slot slots[SLOTS];
static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t checksum;
static size_t live;
static unsigned errors;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Mostly small sizes, some medium, a few large enough for mmap. */
static size_t pick_size(void)
{
	unsigned r = (unsigned)(rng() % 1000);
	if (r < 600)
		return 1 + rng() % 256;
	if (r < 900)
		return 257 + rng() % 65536;
	if (r < 990)
		return 65536 + rng() % (1u << 20);
	return (1u << 20) + rng() % (3u << 20);
}

static unsigned char pattern(unsigned seed, size_t i)
{
	return (unsigned char)(seed + i * 131 + (i >> 9));
}

static void fill(struct slot *s)
{
	for (size_t i = 0; i < s->n; i++)
		s->p[i] = pattern(s->seed, i);
}

/* Verifies the first n bytes still hold the slot's pattern and mixes them into the checksum. */
static void verify(const struct slot *s, size_t n, const char *what)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		if (s->p[i] != pattern(s->seed, i)) {
			if (errors++ < 10)
				printf("corrupted after %s: size %zu, byte %zu\n", what, s->n, i);
			return;
		}
		/* Hashing every 61st byte keeps the run fast while still covering the data. */
		if (i % 61 == 0)
			h = (h ^ s->p[i]) * 1099511628211ull;
	}
	checksum = (checksum * 31) ^ h ^ n;
}

int main(void)
{
	unsigned long long allocs = 0, reallocs = 0, frees = 0;

	for (unsigned round = 0; round < ROUNDS; round++) {
		struct slot *s = &slots[rng() % SLOTS];
		if (s->p == NULL) {
			size_t n = pick_size();
			if (live + n > LIVE_LIMIT)
				continue;
			int use_calloc = rng() % 4 == 0;
			s->p = use_calloc ? calloc(n, 1) : malloc(n);
			if (s->p == NULL) {
				printf("allocation of %zu bytes failed\n", n);
				return 1;
			}
			if (use_calloc) {
				for (size_t i = 0; i < n; i++)
					if (s->p[i] != 0) {
						if (errors++ < 10)
							printf("calloc(%zu) not zeroed at byte %zu\n", n, i);
						break;
					}
			}
			s->n = n;
			s->seed = (unsigned)rng();
			fill(s);
			live += n;
			allocs++;
		} else if (rng() % 2 == 0) {
			size_t n = pick_size();
			if (live - s->n + n > LIVE_LIMIT)
				n = 1 + n % 4096;
			unsigned char *q = realloc(s->p, n);
			if (q == NULL) {
				printf("realloc to %zu bytes failed\n", n);
				return 1;
			}
			s->p = q;
			size_t keep = n < s->n ? n : s->n;
			size_t old = s->n;
			s->n = n;
			verify(s, keep, "realloc");
			live = live - old + n;
			fill(s);
			reallocs++;
		} else {
			verify(s, s->n, "malloc");
			free(s->p);
			live -= s->n;
			s->p = NULL;
			frees++;
		}
	}
	for (int i = 0; i < SLOTS; i++) {
		if (slots[i].p != NULL) {
			verify(&slots[i], slots[i].n, "malloc");
			free(slots[i].p);
			frees++;
		}
	}
	printf("allocations %llu, reallocations %llu, frees %llu\n", allocs, reallocs, frees);
	printf("checksum %016llx\n", (unsigned long long)checksum);
	printf("errors %u\n", errors);
	return errors != 0;
}
