/*
 * kernel/dev/console.c - the console multiplexer.
 *
 * Owns the list of output sinks and the console input queue.
 * Locking: a single CPU; the sink list and the queue are touched with
 * interrupts disabled (irq_save/irq_restore), because the keyboard and
 * serial interrupt handlers push input.
 * Invariant: inq_head - inq_tail <= CONSOLE_INQ_SIZE (indices only grow).
 */
#include "kernel.h"
#include "console.h"
#include "../arch/x86/io.h"

static struct console_sink *sinks;

static char inq[CONSOLE_INQ_SIZE];
static unsigned inq_head, inq_tail;	/* head: next write; tail: next read */

/* console_register - add an output sink; it receives all later output. */
void console_register(struct console_sink *sink)
{
	uint32_t f = irq_save();

	sink->next = sinks;
	sinks = sink;
	irq_restore(f);
}

/* console_write - write n bytes to every sink, with interrupts off so
 * lines from interrupt handlers do not interleave mid-line. */
void console_write(const char *s, size_t n)
{
	uint32_t f = irq_save();

	for (struct console_sink *k = sinks; k; k = k->next)
		k->write(s, n);
	irq_restore(f);
}

/* console_input_push - queue one input byte; dropped when the queue is
 * full. Callable from interrupt context. */
void console_input_push(char c)
{
	uint32_t f = irq_save();

	if (inq_head - inq_tail < CONSOLE_INQ_SIZE)
		inq[inq_head++ % CONSOLE_INQ_SIZE] = c;
	irq_restore(f);
}

/* console_input_pop - the oldest queued byte (0..255), or -1 if none. */
int console_input_pop(void)
{
	uint32_t f = irq_save();
	int c = -1;

	if (inq_tail != inq_head)
		c = (unsigned char)inq[inq_tail++ % CONSOLE_INQ_SIZE];
	irq_restore(f);
	return c;
}
