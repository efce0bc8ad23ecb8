/*
 * kernel/lib/string.c - the C string and memory functions the kernel uses.
 *
 * Owns nothing; no locking. Semantics follow the C standard (and BSD
 * strlcpy(3)). GCC may emit calls to memcpy/memset/memmove/memcmp itself,
 * so these exist even in a freestanding build. memcpy and memset move
 * aligned 32-bit words, eight per loop step: page copies and page clears
 * are on every exec, fork and pipe path. (Not "rep movsl"/"rep stosl":
 * QEMU's TCG runs each repetition of a string instruction as a separate
 * translated step, which made page clears ~50 times slower there.)
 */
#include "kernel.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (((uintptr_t)d | (uintptr_t)s) % 4 == 0) {
		uint32_t *dw = (uint32_t *)d;
		const uint32_t *sw = (const uint32_t *)s;

		for (; n >= 32; n -= 32, dw += 8, sw += 8) {
			dw[0] = sw[0], dw[1] = sw[1], dw[2] = sw[2];
			dw[3] = sw[3], dw[4] = sw[4], dw[5] = sw[5];
			dw[6] = sw[6], dw[7] = sw[7];
		}
		for (; n >= 4; n -= 4)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if (d < s)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint32_t v = (unsigned char)c * 0x01010101u;

	for (; n && (uintptr_t)d % 4; n--)
		*d++ = (unsigned char)c;
	for (uint32_t *w = (uint32_t *)d; n >= 4; d = (unsigned char *)w) {
		for (; n >= 32; n -= 32, w += 8) {
			w[0] = v, w[1] = v, w[2] = v, w[3] = v;
			w[4] = v, w[5] = v, w[6] = v, w[7] = v;
		}
		for (; n >= 4; n -= 4)
			*w++ = v;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

/* Copy at most size-1 bytes and always NUL-terminate (size > 0).
 * Returns strlen(src), so a result >= size means truncation. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
