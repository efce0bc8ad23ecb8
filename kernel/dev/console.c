/*
 * kernel/dev/console.c - the console multiplexer.
 *
 * Owns the list of output sinks, the console input queue and the input
 * hook (the tty's pump, which the input interrupts run directly), picks
 * the screen console (VGA text or the framebuffer, both drawing through
 * the one terminal emulator of vt.c) from the boot information, and owns
 * the screens' tick hook: a screen that already drew in this tick leaves
 * a streaming writer's text to it (console_defer).
 * Locking: a single CPU; the sink list and the queue are touched with
 * interrupts disabled (irq_save/irq_restore), because the keyboard and
 * serial interrupt handlers push input; sinks run with interrupts off,
 * from console_write or the tick hook, never both at once.
 * Invariant: inq_head - inq_tail <= CONSOLE_INQ_SIZE (indices only grow).
 */
#include "kernel.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "errno.h"
#include "fbcon.h"
#include "ktest.h"
#include "timer.h"
#include "../arch/x86/io.h"

static struct console_sink *sinks;

static char inq[CONSOLE_INQ_SIZE];
static unsigned inq_head, inq_tail; /* next write, next read */
static void (*input_hook)(void);    /* set once; run with irqs off */

/* console_register - add an output sink; it receives all later output. */
void console_register(struct console_sink *sink)
{
	uint32_t f = irq_save();

	sink->next = sinks;
	sinks = sink;
	irq_restore(f);
}

/* console_unregister - remove a sink; later output no longer reaches it.
 * Unknown sinks are ignored. */
void console_unregister(struct console_sink *sink)
{
	uint32_t f = irq_save();

	for (struct console_sink **pp = &sinks; *pp; pp = &(*pp)->next) {
		if (*pp == sink) {
			*pp = sink->next;
			break;
		}
	}
	irq_restore(f);
}

/* Say, on the consoles in use, why there is no screen console. */
static void report_no_screen(const struct boot_info *bi, int err)
{
	const struct boot_fb *fb = &bi->fb;

	if (fb->present && fb->type != FB_TYPE_EGA_TEXT)
		pr_info("console: framebuffer at %#llx, %ux%ux%u (%s) not "
			"usable (error %d); console on serial\n",
			(unsigned long long)fb->addr, fb->width, fb->height,
			fb->bpp, fb->type == FB_TYPE_RGB ? "RGB" : "indexed",
			err);
	else
		pr_info("console: no VGA text mode%s; console on serial\n",
			bi->efi ? " under UEFI" : "");
}

static int setup_fb(const struct boot_info *bi, bool with_serial)
{
	const struct boot_fb *fb = &bi->fb;
	unsigned cols, rows;
	int err = fbcon_init(fb);

	if (err)
		return err;
	fbcon_size(&cols, &rows);
	pr_info("console: framebuffer %ux%ux%u at %#llx (pitch %u, "
		"red %u:%u green %u:%u blue %u:%u), text %ux%u%s\n",
		fb->width, fb->height, fb->bpp, (unsigned long long)fb->addr,
		fb->pitch, fb->red_pos, fb->red_size, fb->green_pos,
		fb->green_size, fb->blue_pos, fb->blue_size, cols, rows,
		with_serial ? ", and serial" : "");
	return 0;
}

/*
 * console_setup - register the sinks console_pick chooses for this boot.
 * Serial is already registered (serial_init, first thing in kmain); it is
 * removed only when a screen console is actually in use and console=vga.
 * Runs before paging_init: the framebuffer console keeps text in its
 * grid until console_late_setup can map the framebuffer.
 */
void console_setup(const struct boot_info *bi, const struct kcmdline *kc)
{
	struct console_plan p = console_pick(bi, kc);
	int err = 0;

	if (!serial_present())
		console_pick_no_uart(&p, bi);
	if (p.vga) {
		vga_init(p.cols, p.rows);
		pr_info("console: VGA text %ux%u%s\n", p.cols, p.rows,
			p.serial ? ", and serial" : "");
	}
	if (p.fb && (err = setup_fb(bi, p.serial)) != 0)
		p.serial = true; /* never silent */
	if (!p.serial)
		console_unregister(&serial_sink);
	if (!serial_present())
		pr_warn("serial: no UART at 0x3f8; no serial console or "
			"input\n");
	if (p.screen_missing || err)
		report_no_screen(bi, err);
}

/*
 * console_late_setup - after paging_init: map the framebuffer and draw
 * what was printed so far. A framebuffer that cannot be mapped is
 * reported and dropped (the other sinks go on).
 */
static bool ticking; /* console_tick is registered */

/* Timer hook: draw what throttled writes left (interrupts off). */
static void console_tick(void)
{
	fbcon_flush();
	vga_flush();
}

void console_late_setup(void)
{
	int err = fbcon_map();

	if (err)
		pr_warn("console: framebuffer console: error %d\n", err);
	ticking = timer_add_hook(console_tick) == 0;
	if (!ticking)
		pr_warn("console: no timer hook: screens draw every write\n");
}

/*
 * console_defer - may a screen console leave drawing to the tick hook?
 * Yes when the hook runs and the console already drew in this tick
 * (*last, the tick of its last draw from a write); otherwise it must
 * draw now, and *last becomes this tick. So a fast writer costs at most
 * two redraws a tick, not one per write. Interrupts off.
 */
bool console_defer(uint64_t *last)
{
	uint64_t now = timer_ticks();

	if (ticking && now != 0 && now == *last)
		return true;
	*last = now;
	return false;
}

/* console_flush - draw everything written so far (screen consoles may
 * defer drawing to the next tick); for halt and panic. */
void console_flush(void)
{
	fbcon_flush();
	vga_flush();
}

/*
 * console_winsize - the text size of the screen console in use, for
 * TIOCGWINSZ (ioctl_tty(2)); 80 x 25 when there is none (serial only).
 */
void console_winsize(unsigned *rows, unsigned *cols)
{
	unsigned c = 0, r = 0;

	if (fbcon_active())
		fbcon_size(&c, &r);
	else
		vga_size(&c, &r);
	*cols = c ? c : 80;
	*rows = r ? r : 25;
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

/*
 * console_input_set_hook - fn runs each time an input interrupt has
 * pushed bytes (console_input_kick), with interrupts off; the tty sets
 * its pump here, so typed bytes reach readers with no timer tick.
 */
void console_input_set_hook(void (*fn)(void))
{
	uint32_t f = irq_save();

	input_hook = fn;
	irq_restore(f);
}

/* console_input_kick - a driver's interrupt handler calls this after its
 * console_input_push calls (interrupts off); runs the hook, if any. */
void console_input_kick(void)
{
	if (input_hook)
		input_hook();
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

/* Echo one input byte the way a terminal user expects to see it. */
static void echo_byte(int c)
{
	if (c == '\r' || c == '\n')
		console_write("\n", 1);
	else if (c == 0x7f || c == '\b')
		console_write("\b \b", 3);
	else
		printk("%c", c);
}

/*
 * console_echo_loop - what the machine does while there is no user space:
 * echo every console input byte to all consoles, sleeping in hlt between
 * interrupts. Enables interrupts; never returns.
 */
void console_echo_loop(void)
{
	printk("sleight: no user space yet; keys echo here\n");
	for (;;) {
		int c;

		cli();
		c = console_input_pop();
		if (c < 0) {
			/* sti; hlt: no interrupt can slip in between the two,
			 * so a byte pushed after the pop wakes us (SDM vol. 2,
			 * STI: interrupts are recognised after the next
			 * instruction). */
			__asm__ volatile("sti; hlt" ::: "memory");
			continue;
		}
		sti();
		echo_byte(c);
	}
}

/* Wait for one input byte until tick `deadline`; -1 on timeout. Sleeps in
 * hlt: the timer interrupt wakes it at least every tick. */
static int input_wait(uint64_t deadline)
{
	for (;;) {
		int c;

		cli();
		c = console_input_pop();
		if (c >= 0 || timer_ticks() >= deadline) {
			sti();
			return c;
		}
		__asm__ volatile("sti; hlt" ::: "memory");
	}
}

/*
 * console_read_line - read input bytes into buf (size bytes, NUL
 * included) up to '\r' or '\n', which is not stored, waiting at most
 * timeout_ms milliseconds in all. Bytes past size - 1 are dropped.
 * Needs the timer running and interrupts enabled.
 * Returns the line's length, or -ETIMEDOUT (buf then holds what came).
 */
int console_read_line(char *buf, size_t size, unsigned timeout_ms)
{
	uint64_t deadline =
		timer_ticks() + (uint64_t)timeout_ms * HZ / 1000 + 1;
	size_t n = 0;

	for (;;) {
		int c = input_wait(deadline);

		if (c < 0 || c == '\r' || c == '\n') {
			buf[n] = '\0';
			return c < 0 ? -ETIMEDOUT : (int)n;
		}
		if (n + 1 < size)
			buf[n++] = (char)c;
	}
}

#define ECHO_TIMEOUT_MS 10000

/*
 * Self-test "echo": one line typed on serial (tools/osrun --input) or the
 * keyboard comes back as "echo: LINE".
 * Bug: input bytes never reach the console queue (IRQ not wired, UART
 * receive interrupt off, or the queue drops them).
 */
static int echo_test(void)
{
	char line[128];
	int n = console_read_line(line, sizeof(line), ECHO_TIMEOUT_MS);

	if (n < 0) {
		printk("echo: no line within %u ms (got '%s')\n",
		       ECHO_TIMEOUT_MS, line);
		return 1;
	}
	printk("echo: %s\n", line);
	return 0;
}
KTEST(echo, echo_test);
