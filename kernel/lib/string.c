/*
 * kernel/lib/string.c - the C string and memory functions the kernel uses.
 *
 * Owns nothing; no locking. Semantics follow the C standard (and BSD
 * strlcpy(3)). GCC may emit calls to memcpy/memset/memmove/memcmp itself,
 * so these exist even in a freestanding build. The bulk operations use
 * the string instructions (rep movsl / rep stosl, Intel SDM vol. 2B
 * "REP", "MOVS", "STOS"), which move four bytes per step: page copies
 * and page clears are on every exec, fork and pipe path.
 */
#include "kernel.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	const void *s = src;
	size_t words = n / 4, rest = n % 4;

	__asm__ volatile("rep movsl"
			 : "+D"(d), "+S"(s), "+c"(words) : : "memory");
	__asm__ volatile("rep movsb"
			 : "+D"(d), "+S"(s), "+c"(rest) : : "memory");
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
	void *d = dst;
	uint32_t v = (unsigned char)c * 0x01010101u;
	size_t words = n / 4, rest = n % 4;

	__asm__ volatile("rep stosl"
			 : "+D"(d), "+c"(words) : "a"(v) : "memory");
	__asm__ volatile("rep stosb"
			 : "+D"(d), "+c"(rest) : "a"(v) : "memory");
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
