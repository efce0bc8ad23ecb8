/*
 * kernel.h - things every kernel file uses: printk, panic, the string
 * functions of kernel/lib, and small helpers.
 */
#ifndef SLEIGHT_KERNEL_H
#define SLEIGHT_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "param.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((a)-1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define __noreturn __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __unused __attribute__((unused))
/* Inlined even where GCC's size heuristics would not: for small bodies on
 * per-page paths, where one more call and return a page shows in fork's
 * time (kernel/mm/pmm.c). The host's <sys/cdefs.h> has the same macro. */
#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/* kernel/lib/vsprintf.c */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* kernel/printk.c */
int printk(const char *fmt, ...) __printf(1, 2);
int pr_info(const char *fmt, ...) __printf(1, 2);
int pr_warn(const char *fmt, ...) __printf(1, 2);
extern bool printk_quiet;
/* printk_set_sink - where every message goes: write(s, n) gets whole
 * formatted messages (the console, kernel/dev/console.c). Installed by
 * kmain before anything prints; until then messages are dropped. */
void printk_set_sink(void (*write)(const char *s, size_t n));
/* printk_set_flush - flush() makes everything written so far visible
 * (screen consoles may draw a tick late: console_flush); printk_flush
 * calls it, before the machine halts. */
void printk_set_flush(void (*flush)(void));
void printk_flush(void);

/* kernel/panic.c */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;
#define BUG_ON(cond)                                                           \
	do {                                                                   \
		if (cond)                                                      \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__,          \
			      __LINE__);                                       \
	} while (0)

/*
 * kmain - the C entry, called once by boot/boot.S on the boot stack with
 * the Multiboot magic and the physical address of its info block
 * (Multiboot 1 or 2). Never returns. Source: Multiboot specification 3.2.
 */
void kmain(uint32_t magic, uint32_t info);

/* kernel/lib/random.c */
void get_random_bytes(void *buf, size_t n);

/* kernel/lib/string.c */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
