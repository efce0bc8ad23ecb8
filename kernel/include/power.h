/*
 * power.h - power-off, reset and the reboot(2) commands
 * (kernel/dev/power.c; ACPI 6.5 4.8.3.2.1, 4.8.4.6, 7.4.2; reboot(2)).
 */
#ifndef SLEIGHT_POWER_H
#define SLEIGHT_POWER_H

#include "kernel.h"
#include "acpi.h"

void power_init(const struct acpi_tables *t, phys_reader_t reader,
		acpi_warn_t warn);
int power_off(void);
void power_restart(void) __noreturn;
long power_reboot(uint32_t cmd);
void power_ctrl_alt_del(void);
void power_set_cad_hook(void (*fn)(void));

#endif
