/*
 * kstat.h - the leak check the in-OS test runners (runtests, tshtest) do
 * around each test, through runlib.h's run_leak_begin and run_leak_end:
 * Sleight's /dev/kstat counters before and after.
 */
#ifndef SLEIGHT_USER_KSTAT_H
#define SLEIGHT_USER_KSTAT_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct kstat {
	long free_frames, kmalloc_objects, vfork_frames, procs;
};

static __attribute__((unused)) long kstat_field(const char *buf, const char *name)
{
	const char *p = strstr(buf, name);

	return p ? atol(p + strlen(name)) : -1;
}

/* kstat_now - one counter of /dev/kstat as it is now ("free_frames "
 * and the like, name with its trailing space); -1 without /dev/kstat. */
static __attribute__((unused)) long kstat_now(const char *name)
{
	char buf[2048];
	int fd = open("/dev/kstat", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return kstat_field(buf, name);
}

/* Read the kernel counters; 0 on success, -1 without /dev/kstat (the
 * host Linux). */
static __attribute__((unused)) int read_kstat(struct kstat *k)
{
	char buf[512];
	int fd = open("/dev/kstat", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	k->free_frames = kstat_field(buf, "free_frames ");
	k->kmalloc_objects = kstat_field(buf, "kmalloc_objects ");
	k->vfork_frames = kstat_field(buf, "vfork_frames ");
	k->procs = kstat_field(buf, "procs ");
	return 0;
}

/*
 * kstat_leaked - compare the counters now with before: fewer free frames,
 * more kmalloc objects or processes, or any vfork frame left is a leak,
 * described in why. Returns 1 for a leak, 0 otherwise (also when the
 * counters cannot be read).
 */
static __attribute__((unused)) int kstat_leaked(const struct kstat *before, char *why, size_t len)
{
	struct kstat after;

	if (read_kstat(&after))
		return 0;
	if (after.free_frames >= before->free_frames &&
	    after.kmalloc_objects <= before->kmalloc_objects &&
	    after.vfork_frames == 0 && after.procs <= before->procs)
		return 0;
	snprintf(why, len, "leak: free frames %ld -> %ld, kmalloc objects "
		 "%ld -> %ld, vfork frames %ld, procs %ld -> %ld",
		 before->free_frames, after.free_frames,
		 before->kmalloc_objects, after.kmalloc_objects,
		 after.vfork_frames, before->procs, after.procs);
	return 1;
}

#endif
