/*
 * oom.h - the OOM killer's policy (kernel/proc/oom.c): which process dies
 * when memory runs out, and who may use the frame reserve. The mm half
 * (running it, the reserve itself) is in mm.h.
 */
#ifndef SLEIGHT_OOM_H
#define SLEIGHT_OOM_H

/* oom_init - register the killer and the reserve rule with mm. Once, at
 * boot, before the first user process. */
void oom_init(void);

#endif
