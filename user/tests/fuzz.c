/*
 * fuzz - a seeded system-call fuzzer for Sleight (docs/security.md,
 * "Fuzzing").
 *
 *   fuzz [-n CALLS] [-w WORKERS] [-s SEED] [-t HANG_S] [-x CLASS,...]
 *        [--smoke] [--host-ok] [--replay SEED:WORKER:INDEX [-f FROM]]
 *
 * The parent (root) forks WORKERS workers; each takes uid and gid 1000,
 * its own session and scratch directory /tmp/fuzz.W, and makes its share
 * of CALLS calls drawn from fuzz_calls.h (every call the kernel
 * implements, bar the few listed there) plus the selector class below.
 * Call INDEX of worker WORKER under SEED is a pure function of the three
 * (its own random stream; arguments never depend on earlier results), so
 * the parent can name any call, and --replay reruns one worker's calls
 * 0..INDEX under the same supervision, printing each from FROM on before
 * it is made: after a panic, the last line printed is the culprit.
 *
 * Before each call a worker writes its index to a pipe. A worker that
 * dies (a signal it sent itself, a bad sigreturn frame) is restarted at
 * the next index; one silent for HANG_S seconds is killed and reported
 * as a hang with its call. At the end the scratch directories go and the
 * kernel's counters (/dev/kstat) must be back at their baseline: free
 * frames, kmalloc objects, processes.
 *
 * Exit status 0 when no hang and no leak; its two checks (no hang, no
 * leak) are TAP lines like a test's, then the plan "1..2". Random
 * system calls on a real machine are dangerous: it refuses to run
 * unless uname says Sleight or --host-ok is given.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kstat.h"
#include "tests/fuzz_calls.h"

#define MAX_WORKERS	16
#define REPORT_FD	200	/* the worker's progress pipe; no pool has it */
#define TRACE_FD	201	/* --replay: the console */
#define ARENA		0x30000000u
#define PG		4096u
#define ARENA_RW	8	/* pages 0..7 RW, 8 unmapped, 9 RO, 10 gone */
#define RO_PAGE		(ARENA + 9 * PG)
#define HOLE		(ARENA + 8 * PG)
#define STRADDLE	(HOLE - 16)	/* 16 bytes, then the hole */
#define REFRESH		512	/* calls between arena rebuilds */

/*
 * The call classes, and which ones the smoke run of make test (--smoke)
 * takes. THE place to flip: a class that is known to take the kernel
 * down goes to 0 here until its fix lands, so the smoke run stays a test
 * of everything else. Today every class is in.
 */
static const struct {
	const char *name;
	int smoke;
} classes[C_NCLASS] = {
	[C_ID] = { "id", 1 },
	[C_TIME] = { "time", 1 },
	[C_PROC] = { "proc", 1 },
	[C_SIG] = { "sig", 1 },
	[C_MEM] = { "mem", 1 },
	[C_FILE] = { "file", 1 },
	[C_FD] = { "fd", 1 },
	[C_SELECTOR] = { "selector", 1 },
};

static int excluded[C_NCLASS];
/* " -x a,b" for the replay command (the classes change what is drawn). */
static char xlist[128];

static void make_xlist(void)
{
	size_t n = 0;
	int c;

	xlist[0] = '\0';
	for (c = 0; c < C_NCLASS; c++)
		if (excluded[c])
			n += snprintf(xlist + n, sizeof(xlist) - n, "%s%s",
				      n ? "," : " -x ", classes[c].name);
}

/* ---- deterministic random values ---------------------------------------- */

struct rng {
	uint64_t s;
};

static uint32_t rnd(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return (uint32_t)((z ^ (z >> 31)) >> 16);
}

static uint32_t pick(struct rng *r, const uint32_t *pool, int n)
{
	return pool[rnd(r) % n];
}

#define PICK(r, pool) pick(r, pool, sizeof(pool) / sizeof(pool[0]))

/* The stream of call index of worker w under seed. */
static void rng_for(struct rng *r, uint32_t seed, int w, uint32_t index)
{
	r->s = ((uint64_t)seed << 32 | index) * 0xD1B54A32D192ED03ull + w;
	rnd(r);
}

static const uint32_t bad_ptrs[] = {
	0, 1, 0xC0000000u, 0xC0100000u, 0xFFFFFFFFu, 0xFFFFF000u,
	HOLE, RO_PAGE, STRADDLE, 0xBFFFFFF8u, ARENA + 10 * PG, 0x1000,
};
static const uint32_t ints[] = {
	0, 1, 2, 3, 4, 7, 8, 16, 255, 256, 1024, 4095, 4096, 65536,
	0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFEu, 0xFFFF0000u,
};
static const uint32_t lens[] = {
	0, 1, 2, 8, 16, 64, 128, 512, 4096, 4097, 8192, 32768, 1u << 20,
	0x7FFFFFFFu, 0x80000000u, 0xFFFFFFFFu, 0xFFFFF000u,
};
static const uint32_t fds[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 31, 255, 256,
	0xFFFFFFFFu, 0xFFFFFF9Cu /* AT_FDCWD */, 1u << 20, 0x80000000u,
};
static const uint32_t addrs[] = {
	ARENA, ARENA + PG, ARENA + 4 * PG, HOLE, RO_PAGE, ARENA + 10 * PG,
	ARENA + 0x100000, ARENA + 1, 0, 0xC0000000u, 0xBFFFF000u,
	0xFFFFF000u, 0x1000,
};
static const uint32_t ids[] = { 0, 1, 1000, 1001, 65534, 0xFFFFFFFFu };
static const uint32_t clocks[] = { 0, 1, 2, 3, 4, 5, 6, 7, 11, 12,
				   0xFFFFFFFFu, 0xFFFFFFFAu };
static const uint32_t cmds[] = {
	0x5401, 0x5402, 0x540F, 0x5410, 0x5413, 0x541B, 0x5421, 0x5422,
	0, 1, 2, 3, 4, 1030, 5, 6, 7, 0x406, 0xFFFFFFFFu,
};
/* Signals a worker may send itself or change: no stop signals (a
 * stopped worker would read as a hang) and no SIGALRM (it interrupts
 * the calls that block). */
static const uint32_t sigs[] = { 0, 1, 2, 3, 4, 6, 8, 10, 11, 12, 13, 15,
				 17, 18, 26, 27, 31, 32, 34, 64, 65,
				 0xFFFFFFFFu };
static const char *const paths[] = {
	"f", "d", "d/f", "l", "fifo", "d/../f", ".", "..", "/", "/tmp",
	"/dev/null", "/dev/zero", "/dev/kstat", "/tmp/fuzz.0/f",
	"/tmp/fuzz.1", "", "//", "f/", "nope/x", "/dev", "/etc/osrun",
};

/* A page address inside the arena's 8 RW pages. */
static uint32_t good_ptr(struct rng *r)
{
	return ARENA + (rnd(r) % (ARENA_RW * PG - 512));
}

#define PATHS_AT	(ARENA + 6 * PG)	/* paths[i] at + 64 * i */
#define LONG_PATH	(ARENA + 7 * PG)	/* a page of 'a', then the hole */

static uint32_t draw(struct rng *r, int kind, uint32_t self)
{
	uint32_t v = rnd(r) % 8;

	switch (kind) {
	case A_INT:
		return v ? PICK(r, ints) : rnd(r);
	case A_FD:
		return PICK(r, fds);
	case A_IN:
	case A_OUT:
		return v > 1 ? good_ptr(r) : PICK(r, bad_ptrs);
	case A_PATH:
		if (v > 1)
			return PATHS_AT + 64 * (rnd(r) % (sizeof(paths) /
							  sizeof(paths[0])));
		return v ? LONG_PATH : PICK(r, bad_ptrs);
	case A_LEN:
		return v ? PICK(r, lens) : rnd(r) % 8192;
	case A_FLAGS:
		return v > 2 ? rnd(r) & rnd(r) : PICK(r, ints);
	case A_MODE:
		return v ? (rnd(r) & 07777) | (v & 1 ? 0010000 : 0) : rnd(r);
	case A_PID:
		return v > 3 ? self : PICK(r, ints) & 0x7FFFFFFF;
	case A_SIG:
		return PICK(r, sigs);
	case A_ADDR:
		return PICK(r, addrs);
	case A_ID:
		return PICK(r, ids);
	case A_CLOCK:
		return PICK(r, clocks);
	case A_CMD:
		return PICK(r, cmds);
	}
	return 0;
}

/* One generated call: row in calls[], or -1..-3 for a selector op. */
struct gen {
	int row;
	uint32_t a[6];
};

#define SEL_TLS		-1
#define SEL_FRAME	-2
#define SEL_LOAD	-3

/* What call index of worker w makes; see the file comment. */
static void generate(uint32_t seed, int w, uint32_t index, uint32_t self,
		     struct gen *g)
{
	struct rng r;
	int i, tries;

	rng_for(&r, seed, w, index);
	for (tries = 0; tries < 64; tries++) {
		g->row = (int)(rnd(&r) % (NCALLS + 3)) - 3;
		if (g->row >= 0 && !excluded[calls[g->row].cls])
			break;
		if (g->row < 0 && !excluded[C_SELECTOR])
			break;
	}
	if (tries == 64)
		g->row = 4;	/* getpid: every class excluded */
	for (i = 0; i < 6; i++)
		g->a[i] = g->row >= 0 ? draw(&r, calls[g->row].arg[i], self) :
					rnd(&r);
}

static int describe(const struct gen *g, char *buf, size_t len)
{
	static const char *const sel[] = { "", "tls+load+empty",
					   "sigreturn-frame", "load-selector" };
	const char *name = g->row >= 0 ? calls[g->row].name : sel[-g->row];

	return snprintf(buf, len, "%s(%#x, %#x, %#x, %#x, %#x, %#x)", name,
			g->a[0], g->a[1], g->a[2], g->a[3], g->a[4], g->a[5]);
}

struct opts {
	uint32_t calls, seed;
	long trace;		/* --replay: first index printed */
	int workers, hang_s, secs;
	int only;		/* --replay: the one worker run, or -1 */
	uint32_t only_end;	/* --replay: one past its last index */
};

static struct opts o = { 20000, 0, -1, 4, 10, 0, -1, 0 };

#include "tests/fuzz_worker.h"

/* ---- the parent ---------------------------------------------------------- */

struct worker {
	pid_t pid;
	int fd;			/* read end of its progress pipe */
	uint32_t next;		/* index to start from on a restart */
	uint32_t last;		/* index reported last */
	uint32_t end;		/* one past its last index */
	time_t seen;		/* when it last reported */
	int done;
	int reaped, status;	/* reaped by reap_strays(), with status */
	uint8_t carry[4];	/* a report split across reads */
	int ncarry;
};

static long total_calls;

static long hangs, deaths, restarts;

static void say_call(const char *what, int w, uint32_t index, pid_t self)
{
	struct gen g;
	char d[160];

	generate(o.seed, w, index, (uint32_t)self, &g);
	describe(&g, d, sizeof(d));
	printf("fuzz: %s: seed %u worker %d call %u: %s\n"
	       "fuzz:   replay: /tests/fuzz --replay %u:%d:%u%s\n",
	       what, o.seed, w, index, d, o.seed, w, index, xlist);
	fflush(stdout);
}

static int start(struct worker *wk, int w)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	wk->pid = fork();
	if (wk->pid < 0)
		return -1;
	if (wk->pid == 0) {
		close(p[0]);
		worker_main(w, p[1], wk->next, wk->end, o.trace);
	}
	close(p[1]);
	wk->fd = p[0];
	wk->ncarry = 0;
	wk->seen = time(NULL);
	wk->last = wk->next;
	return 0;
}

/* Read what a worker reported; on EOF reap it and restart it or mark it
 * done. */
static void drain(struct worker *wk, int w)
{
	uint8_t buf[1024 + 4];
	ssize_t n;
	uint32_t v;
	int st;

	memcpy(buf, wk->carry, wk->ncarry);
	n = read(wk->fd, buf + wk->ncarry, 1024);
	if (n > 0) {
		n += wk->ncarry;
		wk->ncarry = n % 4;
		memcpy(wk->carry, buf + n - wk->ncarry, wk->ncarry);
		if (n >= 4) {
			memcpy(&v, buf + (n / 4 - 1) * 4, 4);
			wk->last = v < wk->end ? v : wk->end - 1;
		}
		wk->seen = time(NULL);
		return;
	}
	close(wk->fd);
	if (wk->reaped)
		st = wk->status;
	else
		waitpid(wk->pid, &st, 0);
	wk->reaped = 0;
	total_calls += wk->last + 1 - wk->next;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && wk->last + 1 >= wk->end) {
		wk->done = 1;
		return;
	}
	deaths++;
	if (WIFSIGNALED(st) && WTERMSIG(st) != SIGKILL && o.only >= 0)
		say_call("died", w, wk->last, wk->pid);
	wk->next = wk->last + 1;
	if (wk->next >= wk->end || start(wk, w) < 0)
		wk->done = 1;
	else
		restarts++;
}

static void watchdog(struct worker *wk, int w)
{
	if (time(NULL) - wk->seen <= o.hang_s)
		return;
	hangs++;
	say_call("HANG", w, wk->last, wk->pid);
	kill(wk->pid, SIGKILL);
	wk->seen = time(NULL);
}

/*
 * A clone with CLONE_PARENT makes a worker's child ours: reap any child
 * that is not a worker; a worker's status is kept for drain().
 */
static void reap_strays(struct worker *wk)
{
	int st, w;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG | __WALL)) > 0) {
		for (w = 0; w < o.workers; w++) {
			if (wk[w].pid == pid && !wk[w].done) {
				wk[w].reaped = 1;
				wk[w].status = st;
			}
		}
	}
}

/* At the -d deadline: stop every worker where it is. */
static void stop_all(struct worker *wk)
{
	int w;

	for (w = 0; w < o.workers; w++) {
		if (wk[w].done)
			continue;
		kill(wk[w].pid, SIGKILL);
		close(wk[w].fd);
		if (!wk[w].reaped)
			waitpid(wk[w].pid, NULL, 0);
		total_calls += wk[w].last + 1 - wk[w].next;
		wk[w].done = 1;
	}
}

static void run_workers(void)
{
	struct worker wk[MAX_WORKERS] = { 0 };
	uint32_t share = o.calls / o.workers;
	int w, live = o.workers;
	time_t t0 = time(NULL), shown = t0;

	for (w = 0; w < o.workers; w++) {
		wk[w].next = 0;
		wk[w].end = share + (w == 0 ? o.calls % o.workers : 0);
		if (o.only >= 0)
			wk[w].end = o.only_end;
		if ((o.only >= 0 && w != o.only) || start(&wk[w], w) < 0)
			wk[w].done = 1;
	}
	while (live) {
		struct pollfd pf[MAX_WORKERS];
		int map[MAX_WORKERS], n = 0, i;

		for (w = 0; w < o.workers; w++) {
			if (wk[w].done)
				continue;
			pf[n].fd = wk[w].fd;
			pf[n].events = POLLIN;
			map[n++] = w;
		}
		live = n;
		if (!n)
			break;
		if (o.secs && time(NULL) - t0 >= o.secs) {
			stop_all(wk);
			break;
		}
		if (poll(pf, n, 1000) < 0 && errno != EINTR)
			break;
		reap_strays(wk);
		for (i = 0; i < n; i++) {
			if (pf[i].revents)
				drain(&wk[map[i]], map[i]);
			else
				watchdog(&wk[map[i]], map[i]);
		}
		if (time(NULL) - shown >= 5) {
			shown = time(NULL);
			printf("fuzz: %lds:", (long)(shown - t0));
			for (w = 0; w < o.workers; w++)
				printf(" w%d@%u", w, wk[w].last);
			printf("\n");
			fflush(stdout);
		}
	}
}


/* ---- setup, the final check, main ----------------------------------------- */

/* Remove path and everything under it (as root). Symlinks are removed,
 * never followed: a worker's "l -> ." would make the walk endless. */
static void rm_tree(const char *path)
{
	char sub[512];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (lstat(path, &st) || !S_ISDIR(st.st_mode) || !(d = opendir(path))) {
		unlink(path);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		rm_tree(sub);
	}
	closedir(d);
	rmdir(path);
}

/* What /tmp held before the run; cleanup() keeps only that. */
#define KEEP_MAX 64
static char keep[KEEP_MAX][64];
static int nkeep;

static int kept(const char *name)
{
	int i;

	for (i = 0; i < nkeep; i++)
		if (!strcmp(keep[i], name))
			return 1;
	return 0;
}

static void snapshot_tmp(void)
{
	struct dirent *de;
	DIR *d = opendir("/tmp");

	while (d && (de = readdir(d)) && nkeep < KEEP_MAX)
		if (strncmp(de->d_name, "fuzz.", 5))
			snprintf(keep[nkeep++], 64, "%.63s", de->d_name);
	if (d)
		closedir(d);
}

/*
 * Everything the run left in /tmp goes: the scratch dirs and whatever
 * the workers made there by other names, also entries owned by root
 * (a hard link a worker made to a root file).
 */
static void cleanup(void)
{
	char sub[512];
	struct dirent *de;
	DIR *d = opendir("/tmp");

	if (!d)
		return;
	while ((de = readdir(d))) {
		snprintf(sub, sizeof(sub), "/tmp/%s", de->d_name);
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    !kept(de->d_name))
			rm_tree(sub);
	}
	closedir(d);
}

static int make_dirs(void)
{
	char dir[32];
	int w;

	for (w = 0; w < o.workers; w++) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz.%d", w);
		rm_tree(dir);
		if (mkdir(dir, 0755) || chown(dir, 1000, 1000))
			return -1;
	}
	return 0;
}

/* Frames, kmalloc objects and processes back at the baseline; the
 * kernel's reaping of the last children may take a moment. */
static int settled(const struct kstat *base, char *why, size_t len)
{
	int tries;

	for (tries = 0; tries < 20; tries++) {
		if (!kstat_leaked(base, why, len))
			return 1;
		usleep(250000);
	}
	return 0;
}

/* check - one TAP result line, "ok N - fuzz: what" or "not ok N - ...",
 * counted in passed or failed (N is their sum). */
static void check(int ok, const char *what, int *passed, int *failed)
{
	*(ok ? passed : failed) += 1;
	printf("%sok %d - fuzz: %s\n", ok ? "" : "not ", *passed + *failed,
	       what);
}

static int exclude(const char *list)
{
	char buf[128], *tok, *save;
	int c;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (c = 0; c < C_NCLASS && strcmp(classes[c].name, tok); c++)
			;
		if (c == C_NCLASS) {
			fprintf(stderr, "fuzz: no class %s\n", tok);
			return -1;
		}
		excluded[c] = 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [-n CALLS] [-w WORKERS] [-s SEED] "
		"[-t HANG_S] [-d SECONDS] [-x CLASS,...] [--smoke]\n"
		"            [--host-ok] [--replay SEED:WORKER:INDEX "
		"[-f FROM]]\n");
	exit(2);
}

/*
 * --replay S:W:I: worker W alone, calls 0..I, restarted after a death at
 * the next index as in the full run, printing each call from FROM
 * (default I - 20) on before it is made.
 */
static int parse_replay(const char *spec, long from)
{
	unsigned seed, index;
	int w;

	if (sscanf(spec, "%u:%d:%u", &seed, &w, &index) != 3 || w < 0 ||
	    w >= MAX_WORKERS)
		usage();
	o.seed = seed;
	o.workers = w + 1;
	o.only = w;
	o.only_end = index + 1;
	o.trace = from >= 0 ? from : (long)(index > 20 ? index - 20 : 0);
	if (dup2(1, TRACE_FD) < 0)
		return -1;
	return 0;
}

static int on_sleight(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Sleight") == 0;
}

int main(int argc, char **argv)
{
	const char *replay_spec = NULL;
	int host_ok = 0, passed = 0, failed = 0, i, c;
	long from = -1;
	struct kstat base;
	char why[256] = "";

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--smoke")) {
			for (c = 0; c < C_NCLASS; c++)
				excluded[c] |= !classes[c].smoke;
			continue;
		}
		if (!strcmp(a, "--host-ok")) {
			host_ok = 1;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(a, "-n"))
			o.calls = strtoul(v, NULL, 0);
		else if (!strcmp(a, "-w"))
			o.workers = atoi(v);
		else if (!strcmp(a, "-s"))
			o.seed = strtoul(v, NULL, 0);
		else if (!strcmp(a, "-t"))
			o.hang_s = atoi(v);
		else if (!strcmp(a, "-d"))
			o.secs = atoi(v);
		else if (!strcmp(a, "-f"))
			from = atol(v);
		else if (!strcmp(a, "-x") && exclude(v) == 0)
			;
		else if (!strcmp(a, "--replay"))
			replay_spec = v;
		else
			usage();
	}
	if (!on_sleight() && !host_ok) {
		fprintf(stderr, "fuzz: refusing to make random system calls "
			"outside Sleight (--host-ok to insist)\n");
		return 2;
	}
	if (o.workers < 1 || o.workers > MAX_WORKERS || o.calls < 1)
		usage();
	if (replay_spec && parse_replay(replay_spec, from))
		return 1;
	make_xlist();
	if (!o.seed)
		o.seed = (uint32_t)time(NULL) ^ (uint32_t)getpid() << 16;
	printf("fuzz: seed %u, %u calls, %d workers, excluded:", o.seed,
	       o.calls, o.workers);
	for (c = 0; c < C_NCLASS; c++)
		if (excluded[c])
			printf(" %s", classes[c].name);
	printf("\n");
	snapshot_tmp();
	cleanup();
	if (read_kstat(&base))
		printf("fuzz: no /dev/kstat: leak check skipped\n");
	if (make_dirs()) {
		perror("fuzz: scratch directories");
		return 1;
	}
	run_workers();
	cleanup();
	printf("fuzz: %ld calls made, %ld worker deaths, %ld restarts\n",
	       total_calls, deaths, restarts);
	check(hangs == 0, hangs ? "calls hung (see HANG above)" :
	      "no call hung", &passed, &failed);
	check(settled(&base, why, sizeof(why)), "frames, kmalloc objects and "
	      "processes back at the baseline", &passed, &failed);
	if (failed && why[0])
		printf("# fuzz: %s\n", why);
	printf("1..%d\n# %d passed, %d failed\n", passed + failed, passed,
	       failed);
	return failed ? 1 : 0;
}
