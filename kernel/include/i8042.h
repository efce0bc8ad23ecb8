/*
 * i8042.h - the 8042 PS/2 controller (kernel/dev/i8042.c): detection,
 * set-up for the keyboard, and the keyboard's data byte.
 */
#ifndef SLEIGHT_I8042_H
#define SLEIGHT_I8042_H

#include "acpi.h"

int i8042_init(enum acpi_answer fw);
int i8042_read_byte(void); /* next byte, or -1 when none */

#endif
