/*
 * kernel/lib/vsprintf.c - printf-style formatting into a bounded buffer.
 *
 * Owns no state; no locking; pure, so it also builds for the host tests.
 * Supports the conversions the kernel uses, following C11 7.21.6.1:
 *   flags '-' '0' '+' ' ' '#', a width and a precision (both may be '*'),
 *   length modifiers hh h l ll z t, conversions d i u x X o c s p %.
 * Anything else is copied out literally.
 */
#include "kernel.h"

struct out {
	char *buf;
	size_t size; /* bytes available in buf, including the NUL */
	size_t len;  /* bytes the full result needs, without the NUL */
};

struct spec {
	bool left, zero, plus, space, alt;
	bool ptr; /* %p: "0x" even for a zero value */
	int width;
	int prec;   /* -1: none */
	int lenmod; /* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 't' */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_str(struct out *o, const struct spec *sp, const char *s)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, sp->prec >= 0 ? (size_t)sp->prec : (size_t)-1);
	if (!sp->left)
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

static void put_num(struct out *o, const struct spec *sp, uint64_t v, bool neg,
		    unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	char sign = 0;
	const char *prefix = "";
	int n = 0, zeros, total;
	bool nonzero = v != 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (sp->prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (neg)
		sign = '-';
	else if (sp->plus)
		sign = '+';
	else if (sp->space)
		sign = ' ';
	/* C11 7.21.6.1p6: '#' prefixes 0x to a nonzero result only */
	if (sp->alt && base == 16 && (nonzero || sp->ptr))
		prefix = upper ? "0X" : "0x";
	if (sp->alt && base == 8 && (n == 0 || tmp[n - 1] != '0'))
		prefix = "0";

	zeros = sp->prec > n ? sp->prec - n : 0;
	total = n + zeros + (sign != 0) + (int)strlen(prefix);
	if (sp->zero && !sp->left && sp->prec < 0)
		zeros += sp->width > total ? sp->width - total : 0,
			total = MAX(total, sp->width);
	if (!sp->left)
		pad(o, ' ', sp->width - total);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', sp->width - total);
}

/* Parse flags, width, precision and length; returns the conversion char
 * position. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){.prec = -1};
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '+')
			sp->plus = true;
		else if (*f == ' ')
			sp->space = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0)
			sp->left = true, sp->width = -sp->width;
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->prec = sp->prec * 10 + (*f++ - '0');
		}
	}
	if (f[0] == 'h' && f[1] == 'h')
		sp->lenmod = 'H', f += 2;
	else if (f[0] == 'l' && f[1] == 'l')
		sp->lenmod = 'L', f += 2;
	else if (*f == 'h' || *f == 'l' || *f == 'z' || *f == 't')
		sp->lenmod = *f++;
	return f;
}

static int64_t get_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->lenmod) {
	case 'L':
		return va_arg(*ap, long long);
	case 'l':
		return va_arg(*ap, long);
	case 'z':
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'H':
		return (signed char)va_arg(*ap, int);
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t get_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->lenmod) {
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'z':
	case 't':
		return va_arg(*ap, size_t);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned);
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned);
	default:
		return va_arg(*ap, unsigned);
	}
}

static void convert(struct out *o, struct spec *sp, char c, va_list *ap)
{
	int64_t sv;
	char ch[2] = {0, 0};

	switch (c) {
	case 'd':
	case 'i':
		sv = get_signed(sp, ap);
		put_num(o, sp, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0,
			10, false);
		break;
	case 'u':
		put_num(o, sp, get_unsigned(sp, ap), false, 10, false);
		break;
	case 'x':
	case 'X':
		put_num(o, sp, get_unsigned(sp, ap), false, 16, c == 'X');
		break;
	case 'o':
		put_num(o, sp, get_unsigned(sp, ap), false, 8, false);
		break;
	case 'p':
		sp->alt = sp->ptr = true;
		put_num(o, sp, (uintptr_t)va_arg(*ap, void *), false, 16,
			false);
		break;
	case 'c':
		ch[0] = (char)va_arg(*ap, int);
		sp->prec = 1;
		put_str(o, sp, ch);
		break;
	case 's':
		put_str(o, sp, va_arg(*ap, const char *));
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		if (c)
			put(o, c);
		break;
	}
}

/*
 * vsnprintf - format into buf, writing at most size bytes including the
 * terminating NUL (nothing when size is 0). Returns the length the whole
 * result needs, without the NUL, as C11 does: a return >= size means the
 * output was truncated.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {.buf = buf, .size = size, .len = 0};
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f = parse_spec(f + 1, &sp, &aq);
		convert(&o, &sp, *f, &aq);
		if (!*f)
			break;
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
