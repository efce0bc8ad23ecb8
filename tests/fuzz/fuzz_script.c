/*
 * fuzz_script.c - libFuzzer harness for the "#!" line parser
 * (kernel/proc/elf.c: exec_script_parse, through exec_identify).
 *
 * The input is the file's head, in a heap block of exactly its size.
 * On success the parse must give a non-empty interpreter without blanks,
 * both strings inside the parser's own buffer and NUL-terminated there,
 * an argument that does not start with a blank, and no newline in
 * either (checked here; a violation aborts). No state between runs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"
#include "param.h"
#include "elf.h"
#include "exec.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* s must start inside sc->buf and end there with a NUL; returns its length. */
static size_t check_inside(const struct exec_script *sc, const char *s)
{
	const char *end = sc->buf + sizeof(sc->buf);
	size_t n;

	if (s < sc->buf || s >= end)
		abort();
	n = strnlen(s, (size_t)(end - s));
	if (s + n == end)
		abort();	/* not terminated inside the buffer */
	if (memchr(s, '\n', n))
		abort();
	return n;
}

static void check_script(const struct exec_script *sc)
{
	size_t n;

	if (!sc->interp)
		abort();
	n = check_inside(sc, sc->interp);
	if (n == 0 || memchr(sc->interp, ' ', n) || memchr(sc->interp, '\t', n))
		abort();
	if (!sc->arg)
		return;
	/* May be empty: "#!/bin/sh \0" passes "" as Linux does. */
	check_inside(sc, sc->arg);
	if (is_blank(sc->arg[0]))
		abort();
}

/* One run: parse the input as a script's head; see the file comment. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t headlen = size < ELF_HEAD_MAX ? size : ELF_HEAD_MAX;
	uint8_t *head = malloc(headlen ? headlen : 1);
	static struct exec_image img;

	memcpy(head, data, headlen);
	if (exec_identify(head, headlen, (uint32_t)size, &img) == EXEC_SCRIPT)
		check_script(&img.script);
	free(head);
	return 0;
}
