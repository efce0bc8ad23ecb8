/*
 * tty.h - the console terminal device (kernel/fs/tty.c): /dev/console and
 * /dev/tty in devfs on top of the line discipline (ldisc.h), with its
 * job control (foreground group, SIGTTIN/SIGTTOU, the controlling tty).
 */
#ifndef SLEIGHT_TTY_H
#define SLEIGHT_TTY_H

#include "ldisc.h"

/* tty_init - register /dev/console and /dev/tty (devfs must exist) and
 * start pumping console input into the line discipline every tick.
 * 0 or a devfs_register/timer_add_hook error. */
int tty_init(void);

struct session_ids;
/* tty_make_controlling - see kernel/fs/tty.c. */
void tty_make_controlling(struct session_ids *s, int pgid);

#endif
