/*
 * kernel/lib/random.c - the kernel's pseudo-random bytes (AT_RANDOM,
 * /dev/urandom): xorshift64* seeded from the time-stamp counter and mixed
 * again with it on every call.
 *
 * Owns the generator state. Not cryptographic; good enough for stack
 * canaries of a hobby system. Callers run on one CPU; a racing interrupt
 * can at worst repeat a value.
 */
#include "kernel.h"

static uint64_t state;

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* xorshift64* (Vigna, "An experimental exploration of Marsaglia's
 * xorshift generators", 2016). */
static uint64_t next(void)
{
	if (!state)
		state = rdtsc() | 1;
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}

/* get_random_bytes - fill buf with n pseudo-random bytes. */
void get_random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;

	state ^= rdtsc();
	while (n) {
		uint64_t v = next();
		size_t k = MIN(n, sizeof(v));

		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}
