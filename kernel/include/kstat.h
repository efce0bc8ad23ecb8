/*
 * kstat.h - /dev/kstat and /dev/ps (kernel/fs/kstat.c): live-object
 * counters for the leak checks and a process listing.
 */
#ifndef SLEIGHT_KSTAT_H
#define SLEIGHT_KSTAT_H

/* kstat_dev_init - register /dev/kstat and /dev/ps. 0 or a devfs error. */
int kstat_dev_init(void);

#endif
