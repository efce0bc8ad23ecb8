/*
 * t_posix_spawn_from_threads_crosses_fds - four threads call posix_spawn
 * at once, each with its own pipe on the program's standard output: each
 * program's output reaches the thread that spawned it, every status is
 * right, and no spawn fails.
 *
 * Bug: musl's posix_spawn is clone(CLONE_VM|CLONE_VFORK), a vfork child
 * phase on the calling thread. With the child phase's fd table kept in
 * the process (a backup and restore, as in the Cygwin design), two
 * threads spawning at once restored each other's tables: a program wrote
 * to another thread's pipe, or a thread's descriptors vanished. Linux:
 * each child is its own process with its own copy of the table.
 */
#include <spawn.h>

#include "threadlib.h"

#define NTHREADS 4
#define SPAWNS 8

extern char **environ;

struct job {
	int id;
	int ok;			/* spawns whose output and status were right */
	char why[160];
};

static struct job jobs[NTHREADS];

/* One spawn of argdump with a token argument, stdout on a pipe. */
static int spawn_once(struct job *j, int n)
{
	posix_spawn_file_actions_t fa;
	char token[32], buf[4096], want[48];
	char *av[] = { (char *)helper_path("argdump"), token, NULL };
	int p[2], e, st = -1;
	pid_t pid;

	snprintf(token, sizeof(token), "thread%d-spawn%d", j->id, n);
	if (pipe2(p, O_CLOEXEC))
		return 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	e = posix_spawn(&pid, av[0], &fa, NULL, av, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	if (e) {
		snprintf(j->why, sizeof(j->why), "posix_spawn: %s",
			 strerror(e));
		close(p[0]);
		return 0;
	}
	read_all(p[0], buf, sizeof(buf), VT_DEADLINE_MS);
	close(p[0]);
	if (waitpid(pid, &st, 0) != pid || st != 0) {
		snprintf(j->why, sizeof(j->why), "status %#x", st);
		return 0;
	}
	snprintf(want, sizeof(want), "argv[1] \"%s\"", token);
	if (!has_line(buf, want)) {
		snprintf(j->why, sizeof(j->why), "%s: not in its output",
			 token);
		return 0;
	}
	return 1;
}

static void *spawner(void *arg)
{
	struct job *j = arg;

	for (int n = 0; n < SPAWNS; n++)
		j->ok += spawn_once(j, n);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[NTHREADS];
	int started = 0;

	test_init(argv);
	alarm(60);
	for (int i = 0; i < NTHREADS; i++) {
		jobs[i].id = i;
		started += start_thread(&t[i], spawner, &jobs[i], "a spawner");
	}
	if (started != NTHREADS)
		return test_done();
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(t[i], NULL);
		check(jobs[i].ok == SPAWNS,
		      "thread %d: %d of %d spawns right%s%s", i, jobs[i].ok,
		      SPAWNS, jobs[i].why[0] ? "; " : "", jobs[i].why);
	}
	check_errno(waitpid(-1, NULL, WNOHANG), ECHILD, "nothing left to reap");
	return test_done();
}
