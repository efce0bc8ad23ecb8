/*
 * fuzz_worker.h - the worker side of /tests/fuzz (included by fuzz.c
 * only): the arena its pointers point into, how one call is made, and
 * the selector class.
 *
 * A worker runs as uid/gid 1000 in its own session, stdin/out/err on
 * /dev/null, in /tmp/fuzz.W, with descriptors 3..9 open (open_fds). The arena is 11 pages at ARENA: pages 0..7
 * read-write (0..5 interesting words, 6 the path strings, 7 one page of
 * 'a' with no NUL, running into the hole), page 8 unmapped (HOLE), page
 * 9 read-only, page 10 unmapped; it is rebuilt every REFRESH calls from
 * the seed, so what a call sees depends only on (seed, worker, index)
 * and the calls before it in the same REFRESH window.
 *
 * A call that may block runs with a 20 ms one-shot timer whose SIGALRM
 * handler does nothing, so the call returns EINTR instead of sleeping;
 * the calls never get to change SIGALRM (see sigs[] in fuzz.c). A call
 * that makes a child goes through raw_fork: the child exits at once, in
 * assembly, touching no memory (it may share the worker's stack).
 */
#ifndef SLEIGHT_FUZZ_WORKER_H
#define SLEIGHT_FUZZ_WORKER_H

extern char fuzz_exit_stub[];
__asm__(".text\n.globl fuzz_exit_stub\nfuzz_exit_stub:\n"
	"\tmovl $1, %eax\n\txorl %ebx, %ebx\n\tint $0x80\n\thlt\n");

static void on_alarm(int sig)
{
}

static void arena_build(uint32_t seed, int w, uint32_t window)
{
	static const uint32_t words[] = { 0, 1, 2, 3, 16, 4096, 0xFFFFFFFFu,
					  0x7FFFFFFFu, ARENA, ARENA + PG,
					  STRADDLE, 0xC0000000u, 0x1b, 0x23 };
	uint32_t *p = (uint32_t *)ARENA;
	char *paths_page = (char *)PATHS_AT;
	struct rng r;
	size_t i;

	mmap((void *)ARENA, 11 * PG, PROT_READ | PROT_WRITE,
	     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	rng_for(&r, seed ^ 0xA5A5A5A5u, w, window);
	for (i = 0; i < 6 * PG / 4; i++)
		p[i] = rnd(&r) % 4 ? PICK(&r, words) : rnd(&r);
	p[rnd(&r) % 64] = (uint32_t)(uintptr_t)on_alarm;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		strcpy(paths_page + 64 * i, paths[i]);
	memset((void *)LONG_PATH, 'a', PG);
	munmap((void *)HOLE, PG);
	mprotect((void *)RO_PAGE, PG, PROT_READ);
	munmap((void *)(ARENA + 10 * PG), PG);
}

/* Descriptors 3..9 start out open on one of each kind of file, so the
 * small numbers the calls draw mostly name something. */
static void open_fds(void)
{
	int p[2];

	dup2(open("/dev/zero", O_RDONLY), 3);
	if (pipe(p) == 0) {
		dup2(p[0], 4);
		dup2(p[1], 5);
	}
	dup2(open("f", O_RDWR | O_CREAT, 0600), 6);
	dup2(open(".", O_RDONLY | O_DIRECTORY), 7);
	dup2(open("/dev/kstat", O_RDONLY), 8);
	dup2(open("/dev/null", O_WRONLY), 9);
	for (p[0] = 10; p[0] < 16; p[0]++)
		close(p[0]);
}

static void worker_setup(int w)
{
	struct sigaction sa;
	char dir[32];
	int fd;

	setsid();
	if (setgid(1000) || setuid(1000) || getuid() != 1000)
		_exit(3);
	fd = open("/dev/null", O_RDWR);
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	/* Another worker may have renamed or removed it. */
	snprintf(dir, sizeof(dir), "/tmp/fuzz.%d", w);
	if (chdir(dir) && (mkdir(dir, 0755) || chdir(dir)) && chdir("/tmp"))
		_exit(3);
	open_fds();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: calls get EINTR */
	sigaction(SIGALRM, &sa, NULL);
}

static void timer(long usec)
{
	struct itimerval it = { { 0, 0 }, { 0, usec } };
	uint32_t set[2] = { 1u << (SIGALRM - 1), 0 };

	if (usec)
		syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, set, NULL, 8);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* fork, vfork or clone: the child exits before touching memory. */
static long raw_fork(long nr, const uint32_t *a)
{
	long ret;

	__asm__ volatile("int $0x80\n\t"
			 "testl %%eax, %%eax\n\t"
			 "jnz 1f\n\t"
			 "movl $1, %%eax\n\t"
			 "xorl %%ebx, %%ebx\n\t"
			 "int $0x80\n"
			 "1:"
			 : "=a"(ret)
			 : "0"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]),
			   "S"(a[3]), "D"(a[4])
			 : "memory");
	return ret;
}

/* ---- the selector class: always in a child ------------------------------ */

static const uint32_t selectors[] = {
	0, 1, 2, 3, 4, 7, 0x08, 0x0b, 0x10, 0x13, 0x18, 0x1b, 0x20, 0x23,
	0x28, 0x2b, 0x30, 0x33, 0x38, 0x3b, 0x40, 0x43, 0x4b, 0x53, 0x7b,
	0xfffc, 0xffff, 0x0f,
};

struct user_desc_abi {
	uint32_t entry, base, limit, flags;
};

#define LOAD_SEG(seg, v) __asm__ volatile("movw %w0, %%" seg ::"r"(v))

static void load_seg(uint32_t which, uint32_t sel)
{
	switch (which % 4) {
	case 0:
		LOAD_SEG("gs", sel);
		break;
	case 1:
		LOAD_SEG("fs", sel);
		break;
	case 2:
		LOAD_SEG("es", sel);
		break;
	default:
		LOAD_SEG("ds", sel);
		break;
	}
}

/* set_thread_area, load the slot into a segment register, empty the
 * slot, and go back to user mode with it loaded. */
static void sel_tls(struct rng *r)
{
	static const uint32_t entries[] = { 0xFFFFFFFFu, 6, 7, 8, 0, 5, 9,
					    12, 0x7FFFFFFFu };
	struct user_desc_abi *d = (struct user_desc_abi *)(ARENA + 5 * PG);
	uint32_t which = rnd(r);

	d->entry = PICK(r, entries);
	d->base = rnd(r) % 2 ? ARENA : rnd(r);
	d->limit = rnd(r) % 2 ? 0xFFFFF : rnd(r);
	d->flags = rnd(r) % 2 ? 0x51 : rnd(r) & 0x7F;
	if (syscall(SYS_set_thread_area, d) == 0)
		load_seg(which, d->entry * 8 + 3);
	else
		load_seg(which, PICK(r, selectors));
	d->base = d->limit = 0;
	d->flags = rnd(r) % 2 ? 0x28 : rnd(r) & 0x7F; /* empty: RX-only, !P */
	syscall(SYS_set_thread_area, d);
	syscall(SYS_getpid);
}

static uint16_t sel_or(struct rng *r, uint16_t good)
{
	return rnd(r) % 3 ? (uint16_t)PICK(r, selectors) : good;
}

/* A sigreturn or rt_sigreturn frame with drawn selectors and flags. */
static void sel_frame(struct rng *r)
{
	static const uint32_t eflags[] = { 0x202, 0x246, 0x302, 0x4202,
					   0x20202, 0x3202, 0xFFFFFFFFu, 0 };
	uint8_t *sp = (uint8_t *)(ARENA + 4 * PG);
	uint16_t cs, ss, ds;
	uint32_t *sc;
	int off;

	__asm__ volatile("movw %%cs, %0; movw %%ss, %1; movw %%ds, %2"
			 : "=r"(cs), "=r"(ss), "=r"(ds));
	memset(sp, 0, 512);
	for (off = 0; off <= 160; off += 160) {
		sc = (uint32_t *)(sp + off);
		sc[0] = sel_or(r, 0);			/* gs */
		sc[1] = sel_or(r, 0);			/* fs */
		sc[2] = sel_or(r, ds);			/* es */
		sc[3] = sel_or(r, ds);			/* ds */
		sc[7] = ARENA + 3 * PG;			/* esp */
		sc[14] = rnd(r) % 4 ? (uint32_t)(uintptr_t)fuzz_exit_stub :
				       rnd(r);		/* eip */
		sc[15] = sel_or(r, cs);
		sc[16] = PICK(r, eflags);
		sc[18] = sel_or(r, ss);
		sc[19] = rnd(r) % 4 ? 0 : PICK(r, bad_ptrs);	/* fpstate */
	}
	__asm__ volatile("movl %0, %%esp\n\tint $0x80\n\t"
			 "jmp fuzz_exit_stub"
			 :: "r"(sp), "a"(rnd(r) % 2 ? SYS_sigreturn :
						      SYS_rt_sigreturn)
			 : "memory");
}

/* The child of a selector op: never returns. */
static void sel_child(const struct gen *g, uint32_t seed, int w,
		      uint32_t index)
{
	struct rng r;

	rng_for(&r, seed ^ 0x5E1EC7u, w, index);
	if (g->row == SEL_TLS)
		sel_tls(&r);
	else if (g->row == SEL_FRAME)
		sel_frame(&r);
	else
		load_seg(rnd(&r), PICK(&r, selectors));
	syscall(SYS_getpid);
	__asm__ volatile("jmp fuzz_exit_stub");
	for (;;)
		;
}

static void reap(long pid)
{
	if (pid <= 0)
		return;
	timer(200000);
	if (syscall(SYS_wait4, pid, NULL, 0x40000000 /* __WALL */, NULL) < 0)
		syscall(SYS_wait4, pid, NULL, 0, NULL);
	timer(0);
}

/* Clear SIGALRM in a signal mask the call will read, if it lies in the
 * arena's writable pages: rt_sigsuspend, ppoll and pselect6 sleep with
 * it, and with SIGALRM blocked nothing would wake them. */
static void let_alarm_in(uint32_t mask)
{
	if (mask >= ARENA && mask <= HOLE - 4)
		*(uint32_t *)mask &= ~(1u << (SIGALRM - 1));
}

static void sanitize(const struct call *c, const uint32_t *a)
{
	if (c->nr == SYS_rt_sigsuspend)
		let_alarm_in(a[0]);
	if (c->nr == SYS_ppoll || c->nr == SYS_ppoll_time64)
		let_alarm_in(a[3]);
	if ((c->nr == SYS_pselect6 || c->nr == SYS_pselect6_time64) &&
	    a[5] >= ARENA && a[5] <= HOLE - 4)
		let_alarm_in(*(uint32_t *)a[5]);
}

static void run_call(const struct gen *g, uint32_t seed, int w,
		     uint32_t index)
{
	const struct call *c;
	const uint32_t *a = g->a;
	long pid;

	if (g->row < 0) {
		pid = syscall(SYS_fork);
		if (pid == 0)
			sel_child(g, seed, w, index);
		reap(pid);
		return;
	}
	c = &calls[g->row];
	if (c->flags & F_FORKS) {
		reap(raw_fork(c->nr, a));
		return;
	}
	sanitize(c, a);
	if (c->flags & F_BLOCKS)
		timer(20000);
	syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (c->flags & F_BLOCKS)
		timer(0);
}

/*
 * worker_main - make calls [from, end) of worker w, each index written
 * to report first; with trace >= 0, print calls from index trace on to
 * TRACE_FD before making them. Exits 0 at the end; never returns.
 */
static void worker_main(int w, int report, uint32_t from, uint32_t end,
			long trace)
{
	uint32_t self, i;
	struct gen g;
	char line[200];
	int n;

	if (dup2(report, REPORT_FD) < 0)
		_exit(3);
	close(report);
	worker_setup(w);
	self = (uint32_t)getpid();
	arena_build(o.seed, w, from / REFRESH);
	for (i = from; i < end; i++) {
		if (i % REFRESH == 0 && i != from)
			arena_build(o.seed, w, i / REFRESH);
		generate(o.seed, w, i, self, &g);
		if (write(REPORT_FD, &i, 4) != 4)
			_exit(4);
		if (trace >= 0 && i >= (uint32_t)trace) {
			n = snprintf(line, sizeof(line), "fuzz: w%d %u: ", w, i);
			n += describe(&g, line + n, sizeof(line) - n);
			line[n++] = '\n';
			write(TRACE_FD, line, n);
		}
		run_call(&g, o.seed, w, i);
	}
	_exit(0);
}

#endif
