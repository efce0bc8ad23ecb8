/*
 * pic.h - the two cascaded 8259A interrupt controllers, remapped so IRQ n
 * arrives as vector T_IRQ0 + n (32..47).
 */
#ifndef SLEIGHT_X86_PIC_H
#define SLEIGHT_X86_PIC_H

#include <stdbool.h>

#define IRQ_CASCADE 2	  /* the slave PIC's line on the master */
#define IRQ_SPURIOUS_M 7  /* where the master reports spurious IRQs */
#define IRQ_SPURIOUS_S 15 /* where the slave reports them */

void pic_init(void);
void pic_mask(unsigned irq);
void pic_unmask(unsigned irq);
void pic_eoi(unsigned irq);
bool pic_is_spurious(unsigned irq);

#endif
