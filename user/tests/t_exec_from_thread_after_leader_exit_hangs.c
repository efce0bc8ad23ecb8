/*
 * t_exec_from_thread_after_leader_exit_hangs - execve from a thread in
 * the two harder shapes of a thread group: after its leader has exited
 * alone (a zombie nobody may see yet), and while another thread is
 * suspended in a vfork child phase. Each time the program runs as the
 * process (same pid, tid = pid) and the parent reaps it normally.
 *
 * Bug: exec's "every other thread dies first" waited for threads that
 * could not die: a leader that was already a zombie (so the exec never
 * took over its pid, or waited for it for ever), and a thread suspended
 * in vfork, which cannot run to take its SIGKILL (the exec hung until
 * the child phase ended). Linux de_thread: the zombie leader is replaced
 * at once; the vfork wait is killable, and the child lives on, now a
 * child of the exec'd program.
 */
#include "threadlib.h"

#define AFTER "--after-exec"

static const char *self;
static char marker[64]; /* made by the new program: the exec is done */

/* The new program: make the marker, report ids (and, if asked, a
 * child's status) on fd 3. */
static int after_exec(int reap, const char *mark)
{
	int st = -1, fd = open(mark, O_WRONLY | O_CREAT, 0600);
	pid_t c = reap ? waitpid(-1, &st, 0) : 0;

	if (fd >= 0)
		close(fd);
	unlink(mark);
	dprintf(3, "pid=%d tid=%d child=%d status=%d\n", (int)getpid(),
		(int)tid(), (int)c, c > 0 && WIFEXITED(st) ?
		WEXITSTATUS(st) : -1);
	return 0;
}

static void *execer(void *arg)
{
	char *av[] = { (char *)self, AFTER, arg, marker, NULL };
	char *envp[] = { NULL };

	sleep_ms(100);
	execve(self, av, envp);
	_exit(120);
}

/* The child phase waits for the exec to be done (7), or gives up (8):
 * an exec that waited for it would wait for ever. */
static void *vforker(void *arg)
{
	if (vfork() == 0) {
		long long end = now_ms() + VT_DEADLINE_MS;

		while (access(marker, F_OK) != 0)
			if (now_ms() > end)
				_exit(8);
			else
				sleep_ms(2);
		_exit(7);
	}
	return NULL;
}

/* Case 1: the leader exits alone, then a thread execs. */
static void __attribute__((noreturn)) leader_gone(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, execer, "0"))
		_exit(100);
	syscall(SYS_exit, 0);
	_exit(101);
}

/* Case 2: one thread is in a child phase when another execs. */
static void __attribute__((noreturn)) vfork_pending(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, vforker, NULL) ||
	    pthread_create(&t, NULL, execer, "1"))
		_exit(100);
	for (;;)
		sleep_ms(1000);
}

/* Run one case in a child with fd 3 a report pipe; check the report. */
static void run(void (*fn)(void), const char *what, int want_child)
{
	int p[2], st = -1, pid_got = 0, tid_got = 0, child = 0, cst = -1;
	char buf[256] = "";
	pid_t pid;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC))
		return;
	pid = fork();
	if (pid == 0) {
		if (dup2(p[1], 3) != 3)
			_exit(102);
		snprintf(marker, sizeof(marker), "/tmp/vtexec%d", (int)getpid());
		fn();
	}
	close(p[1]);
	n = read_all(p[0], buf, sizeof(buf), VT_DEADLINE_MS);
	close(p[0]);
	if (n > 0)
		sscanf(buf, "pid=%d tid=%d child=%d status=%d", &pid_got,
		       &tid_got, &child, &cst);
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(pid_got == pid && tid_got == pid,
	      "%s: the program runs as pid %d with tid = pid (got %d, %d)",
	      what, (int)pid, pid_got, tid_got);
	if (want_child)
		check(child > 0 && cst == 7,
		      "%s: the child phase lived on as its child (%d, "
		      "status %d)", what, child, cst);
	check(st == 0, "%s: its parent reaps it (status %#x)", what, st);
}

int main(int argc, char **argv)
{
	self = argv[0];
	if (argc > 3 && strcmp(argv[1], AFTER) == 0)
		return after_exec(argv[2][0] == '1', argv[3]);
	test_init(argv);
	alarm(60);
	run(leader_gone, "after the leader's exit", 0);
	run(vfork_pending, "with a thread in a child phase", 1);
	return test_done();
}
