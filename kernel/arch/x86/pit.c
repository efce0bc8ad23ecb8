/*
 * kernel/arch/x86/pit.c - the 8253/8254 programmable interval timer as
 * the system tick.
 *
 * Owns the tick counter and the hook list. ticks is written only by the
 * IRQ 0 handler (interrupts off); readers take it with interrupts off,
 * since a 64-bit load is two instructions on i686 and an IRQ between them
 * would tear it. Hooks are appended with interrupts off and never
 * removed, so the handler can walk the list without a lock.
 * Follows the Intel 8254 datasheet and OSDev's "Programmable Interval
 * Timer": channel 0, mode 2 (rate generator), lobyte/hibyte access.
 */
#include "kernel.h"
#include "errno.h"
#include "timer.h"
#include "arch/x86/io.h"
#include "arch/x86/trap.h"

#define PIT_CH0 0x40
#define PIT_CMD 0x43
#define PIT_INPUT_HZ 1193182u /* the PIT's input clock */
#define PIT_CH0_MODE2 0x34    /* channel 0, lobyte/hibyte, mode 2 */

static volatile uint64_t ticks;
static void (*hooks[TIMER_HOOKS_MAX])(void);
static unsigned nhooks;

static void pit_irq(struct trapframe *tf)
{
	ticks++;
	for (unsigned i = 0; i < nhooks; i++)
		hooks[i]();
}

void pit_init(void)
{
	uint32_t divisor = (PIT_INPUT_HZ + HZ / 2) / HZ;

	BUG_ON(divisor == 0 || divisor > 0xFFFF);
	outb(PIT_CMD, PIT_CH0_MODE2);
	outb(PIT_CH0, divisor & 0xFF);
	outb(PIT_CH0, divisor >> 8);
	irq_register(IRQ_TIMER, pit_irq);
}

uint64_t timer_ticks(void)
{
	uint32_t f = irq_save();
	uint64_t t = ticks;

	irq_restore(f);
	return t;
}

uint64_t uptime_ms(void)
{
	return timer_ticks() * 1000 / HZ;
}

int timer_add_hook(void (*fn)(void))
{
	uint32_t f = irq_save();
	int err = -ENOSPC;

	if (nhooks < TIMER_HOOKS_MAX) {
		hooks[nhooks++] = fn;
		err = 0;
	}
	irq_restore(f);
	return err;
}
