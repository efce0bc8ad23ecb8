/*
 * t_exit_group_leaves_threads_running - exit_group (what exit() and
 * _exit() call) ends every thread; exit (syscall 1, what a returning
 * thread calls) ends one; the process's end is reported to its parent
 * once its last thread is gone, with the exit_group status.
 *
 * Bug: with exit ending the whole task or exit_group ending only the
 * caller, _exit() from the main thread left the other threads running in
 * a process the parent had already reaped (or the parent never got a
 * status), and a main thread that called exit(0) by hand killed the
 * threads still working. Linux: exit_group kills the group; a leader that
 * exits first stays a zombie, reported only when the group is empty, and
 * its pid still names the group for kill(2).
 */
#include "threadlib.h"

static int out_fd;

/* A thread that writes a byte every millisecond until killed. */
static void *writer(void *arg)
{
	for (;;) {
		if (write(out_fd, "x", 1) != 1)
			syscall(SYS_exit, 1);
		sleep_ms(1);
	}
	return NULL;
}

static int release_fd; /* case 2: readable once the parent has looked */

/* A thread that waits for the parent's go and then exits the group. */
static void *late_exit(void *arg)
{
	char c;

	while (read(release_fd, &c, 1) < 0 && errno == EINTR)
		;
	_exit(5);
}

/* The child for case 1: three writers, then _exit(3) from main. */
static void __attribute__((noreturn)) child_exit_group(void)
{
	pthread_t t;

	for (int i = 0; i < 3; i++)
		if (pthread_create(&t, NULL, writer, NULL))
			_exit(100);
	sleep_ms(20);
	_exit(3);
}

/* The child for case 2: the leader exits alone (syscall 1); a thread
 * ends the group later with 5. */
static void __attribute__((noreturn)) child_leader_first(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, late_exit, NULL))
		_exit(100);
	syscall(SYS_exit, 0);
	_exit(101);
}

/* The child for case 4: the leader exits alone, a thread sleeps on. */
static void *sleeper(void *arg)
{
	for (;;)
		sleep_ms(1000);
	return NULL;
}

static void __attribute__((noreturn)) child_leader_gone_sleeper(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, sleeper, NULL))
		_exit(100);
	syscall(SYS_exit, 0);
	_exit(101);
}

/* The child for case 3: a thread ends the group from inside with 4. */
static void *group_from_thread(void *arg)
{
	_exit(4);
}

static void __attribute__((noreturn)) child_thread_exits_group(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, group_from_thread, NULL))
		_exit(100);
	for (;;)
		sleep_ms(1000);
}

/* exited_with - wait for pid (with the deadline): 1 when it exited with
 * code; *st gets the status (-1 if the wait failed). */
static int exited_with(pid_t pid, int code, int *st)
{
	*st = -1;
	if (wait_for(pid, st, VT_DEADLINE_MS) != pid)
		*st = -1;
	return *st != -1 && WIFEXITED(*st) && WEXITSTATUS(*st) == code;
}

/* Drain the pipe: 1 when end of file came (every writer is gone). */
static int writers_gone(int fd)
{
	char buf[256];
	ssize_t n;
	long long end = now_ms() + VT_DEADLINE_MS;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (now_ms() > end)
			return 0;
	return n == 0;
}

int main(int argc, char **argv)
{
	int p[2], st = -1, ok;
	pid_t pid;

	test_init(argv);
	alarm(60);
	if (pipe2(p, O_CLOEXEC))
		return 1;
	out_fd = p[1];
	pid = fork();
	if (pid == 0)
		child_exit_group();
	close(p[1]);
	ok = exited_with(pid, 3, &st);
	check(ok, "_exit(3) with three threads: status %#x", st);
	check(writers_gone(p[0]), "no writer thread outlived the process");
	close(p[0]);

	if (pipe(p))
		return 1;
	release_fd = p[0];
	pid = fork();
	if (pid == 0)
		child_leader_first();
	close(p[0]);
	sleep_ms(200); /* time for the leader's exit */
	check_eq(waitpid(pid, &st, WNOHANG), 0,
		 "a leader that exited alone is not reported while a thread "
		 "lives");
	write(p[1], "g", 1);
	close(p[1]);
	ok = exited_with(pid, 5, &st);
	check(ok, "then the thread's _exit(5) is (%#x)", st);

	pid = fork();
	if (pid == 0)
		child_thread_exits_group();
	ok = exited_with(pid, 4, &st);
	check(ok, "_exit(4) from a thread ends the main thread too (%#x)", st);

	pid = fork();
	if (pid == 0)
		child_leader_gone_sleeper();
	sleep_ms(100);
	check_eq(kill(pid, SIGTERM), 0,
		 "kill(pid) once the leader has exited alone");
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	      "the group's living thread took it: killed by SIGTERM (%#x)",
	      st);
	return test_done();
}
