/*
 * kernel/lib/cmdline.c - parse the kernel command line (see cmdline.h).
 *
 * Pure code, no state; host-tested. A value that does not fit its field,
 * or an unknown console= value, counts as an unknown word: the defaults
 * stay, and the caller logs it.
 */
#include "kernel.h"
#include "cmdline.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does the word w (length n) start with key= ? Then *val is the value. */
static bool key_is(const char *w, size_t n, const char *key, const char **val,
		   size_t *vlen)
{
	size_t k = strlen(key);

	if (n <= k || strncmp(w, key, k) != 0 || w[k] != '=')
		return false;
	*val = w + k + 1;
	*vlen = n - k - 1;
	return true;
}

static bool word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && strncmp(w, s, n) == 0;
}

static bool set_str(char *dst, size_t size, const char *v, size_t n)
{
	if (n == 0 || n >= size)
		return false;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return true;
}

static bool set_console(struct kcmdline *kc, const char *v, size_t n)
{
	if (word_is(v, n, "serial"))
		kc->console = CONSOLE_SERIAL;
	else if (word_is(v, n, "vga"))
		kc->console = CONSOLE_VGA;
	else if (word_is(v, n, "both"))
		kc->console = CONSOLE_BOTH;
	else
		return false;
	return true;
}

static bool parse_word(struct kcmdline *kc, const char *w, size_t n)
{
	const char *v;
	size_t vn;

	if (word_is(w, n, "quiet"))
		return kc->quiet = true;
	if (word_is(w, n, "exit_on_halt"))
		return kc->exit_on_halt = true;
	if (key_is(w, n, "console", &v, &vn))
		return set_console(kc, v, vn);
	if (key_is(w, n, "init", &v, &vn))
		return set_str(kc->init, sizeof(kc->init), v, vn);
	if (key_is(w, n, "ktest", &v, &vn))
		return set_str(kc->ktest, sizeof(kc->ktest), v, vn);
	return false;
}

/*
 * Boot loaders put the kernel's own path first ("/boot/sleight.elf ...");
 * a first word with a '/' and no '=' is that path, and is skipped.
 */
static const char *skip_image_path(const char *line)
{
	const char *p = line, *w;
	bool slash = false;

	while (is_space(*p))
		p++;
	for (w = p; *p && !is_space(*p); p++) {
		if (*p == '=')
			return line;
		slash |= *p == '/';
	}
	return slash ? p : w;
}

/*
 * cmdline_parse - fill *kc from line (NUL-terminated; NULL means empty).
 * Calls unknown(word, len) for every word it does not take, if unknown is
 * not NULL. Returns the number of unknown words.
 */
int cmdline_parse(struct kcmdline *kc, const char *line,
		  cmdline_unknown_t unknown)
{
	int bad = 0;

	memset(kc, 0, sizeof(*kc));
	if (!line)
		return 0;
	line = skip_image_path(line);
	while (*line) {
		const char *w;

		while (is_space(*line))
			line++;
		w = line;
		while (*line && !is_space(*line))
			line++;
		if (line == w)
			break;
		if (!parse_word(kc, w, (size_t)(line - w))) {
			bad++;
			if (unknown)
				unknown(w, (size_t)(line - w));
		}
	}
	return bad;
}
