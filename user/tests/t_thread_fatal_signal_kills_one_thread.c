/*
 * t_thread_fatal_signal_kills_one_thread - a fatal signal to any thread
 * ends the whole process with that signal, and SIGSTOP/SIGCONT stop and
 * continue every thread of it.
 *
 * Bug: with a signal's action taken by the one task it was delivered to,
 * a fault in a second thread (or tgkill of SIGKILL to it) killed that
 * thread only: the process went on without it, or the parent was told of
 * a death while the other threads ran. A SIGSTOP that stopped only the
 * thread that took it let the others run. Linux: a fatal signal kills the
 * group (its status is the signal), and stop and continue act on the
 * group.
 */
#include "threadlib.h"

static int out_fd;

static void *writer(void *arg)
{
	for (;;) {
		if (write(out_fd, "x", 1) != 1)
			syscall(SYS_exit, 1);
		sleep_ms(2);
	}
	return NULL;
}

static void *faulter(void *arg)
{
	sleep_ms(50);
	*(volatile int *)0 = 1;
	return NULL;
}

/* tkill of SIGTERM (default action) to itself, from a second thread. */
static void *self_term(void *arg)
{
	sleep_ms(50);
	syscall(SYS_tkill, tid(), SIGTERM);
	sleep_ms(1000);
	return NULL;
}

/* The child: a writer thread, maybe one that dies (fn); the main thread
 * sleeps. */
static void __attribute__((noreturn)) child(void *(*fn)(void *))
{
	pthread_t t;

	if (pthread_create(&t, NULL, writer, NULL))
		_exit(100);
	if (fn && pthread_create(&t, NULL, fn, NULL))
		_exit(100);
	for (;;)
		sleep_ms(1000);
}

/* Bytes readable in ms milliseconds (the pipe is non-blocking). */
static int bytes_in(int fd, int ms)
{
	char buf[512];
	int total = 0;
	long long end = now_ms() + ms;
	ssize_t n;

	while (now_ms() < end) {
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			total += n;
		sleep_ms(5);
	}
	return total;
}

/* at_eof - read the non-blocking pipe until end of file (1) or until
 * the deadline (0). */
static int at_eof(int fd)
{
	char buf[512];
	long long end = now_ms() + VT_DEADLINE_MS;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (now_ms() > end)
			return 0;
		if (n < 0)
			sleep_ms(5);
	}
	return 1;
}

static pid_t start_child(void *(*fn)(void *), int *rd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC | O_NONBLOCK))
		return -1;
	out_fd = p[1];
	pid = fork();
	if (pid == 0)
		child(fn);
	close(p[1]);
	*rd = p[0];
	return pid;
}

int main(int argc, char **argv)
{
	int rd, st = -1;
	pid_t pid;

	test_init(argv);
	alarm(60);
	pid = start_child(faulter, &rd);
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	      "a fault in a second thread killed the process with SIGSEGV "
	      "(%#x)", st);
	close(rd);

	pid = start_child(self_term, &rd);
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	      "tkill(SIGTERM) to a second thread killed the process (%#x)",
	      st);
	close(rd);

	pid = start_child(NULL, &rd);
	check(bytes_in(rd, 100) > 0, "the writer thread runs");
	kill(pid, SIGSTOP);
	if (waitpid(pid, &st, WUNTRACED) != pid)
		st = -1;
	check(st != -1 && WIFSTOPPED(st), "SIGSTOP stopped the process (%#x)",
	      st);
	bytes_in(rd, 20);
	check_eq(bytes_in(rd, 200), 0, "the writer thread is stopped too");
	kill(pid, SIGCONT);
	check(bytes_in(rd, 200) > 0, "after SIGCONT the writer runs again");
	kill(pid, SIGKILL);
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "SIGKILL ended every thread (%#x)", st);
	check(at_eof(rd), "the pipe is at end of file: no writer is left");
	close(rd);
	return test_done();
}
