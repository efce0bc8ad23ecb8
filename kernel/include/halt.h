/*
 * halt.h - stopping the machine.
 */
#ifndef SLEIGHT_HALT_H
#define SLEIGHT_HALT_H

#include "kernel.h"

/* Exit status reported by a kernel panic (see tools/osrun). */
#define HALT_STATUS_PANIC 125

void halt_set_exit_on_halt(bool on);
bool halt_exit_on_halt(void);
void kernel_halt(int status) __noreturn;

#endif
