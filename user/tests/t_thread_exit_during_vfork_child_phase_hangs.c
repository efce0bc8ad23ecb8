/*
 * t_thread_exit_during_vfork_child_phase_hangs - one thread ends the
 * process with exit() while another thread is in a vfork child phase:
 * the process ends with that status at once, and the child lives on as
 * its own process. A thread that merely returns meanwhile ends alone.
 *
 * Bug: the child phase runs on the vforking thread's kernel stack. An
 * exit_group that waited for that thread to come back from vfork hung
 * until the child phase ended (or for ever), one that freed the thread's
 * stack under the running child phase crashed the kernel, and one that
 * killed the child phase with the parent killed a process that was never
 * a thread of it. Linux: the vforking thread is killed (its wait is
 * killable), the child keeps running and is reparented.
 */
#include "threadlib.h"

static volatile int in_child, release;
static int report_fd;

/* The vforking thread. The child phase tells the main thread it is in,
 * then waits (up to the deadline) to be reparented; it reports 'R' when
 * it was, then _exits. */
static void *vforker(void *arg)
{
	pid_t parent = getpid(), p;

	p = vfork();
	if (p == 0) {
		long long end = now_ms() + VT_DEADLINE_MS;

		in_child = 1;
		while (getppid() == parent && now_ms() < end)
			sleep_ms(1);
		write(report_fd, getppid() != parent ? "R" : "-", 1);
		_exit(0);
	}
	return NULL;
}

/* Case 1's process: exit(9) from main while the vforker is in the child
 * phase. */
static void __attribute__((noreturn)) exit_during_child_phase(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, vforker, NULL))
		_exit(100);
	if (!wait_flag(&in_child, 1, VT_DEADLINE_MS))
		_exit(101);
	exit(9);
}

/* Case 2's thread: ends alone while the other is in its child phase. */
static void *quitter(void *arg)
{
	return NULL;
}

/* Case 2's vforker: the child phase waits for release, then exits 6. */
static void *vforker_released(void *arg)
{
	pid_t p = vfork();
	int st = -1;

	if (p == 0) {
		in_child = 1;
		wait_flag(&release, 1, VT_DEADLINE_MS);
		_exit(6);
	}
	if (p < 0 || waitpid(p, &st, 0) != p)
		return (void *)-1L;
	return (void *)(long)st;
}

static void *releaser(void *arg)
{
	pthread_t q;

	wait_flag(&in_child, 1, VT_DEADLINE_MS);
	if (pthread_create(&q, NULL, quitter, NULL) == 0)
		pthread_join(q, NULL);
	release = 1;
	return NULL;
}

int main(int argc, char **argv)
{
	int p[2], st = -1;
	pthread_t v, r;
	void *ret = (void *)-1L;
	char c = 0;
	pid_t pid;

	test_init(argv);
	alarm(60);
	if (pipe2(p, O_CLOEXEC))
		return 1;
	report_fd = p[1];
	pid = fork();
	if (pid == 0)
		exit_during_child_phase();
	close(p[1]);
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 9,
	      "exit(9) during another thread's child phase ended the "
	      "process with 9 (%#x)", st);
	if (read(p[0], &c, 1) != 1)
		c = '?';
	check(c == 'R', "the child lived on and was reparented (%c)", c);
	close(p[0]);

	in_child = 0;
	if (!start_thread(&v, vforker_released, NULL, "a vforking thread") ||
	    !start_thread(&r, releaser, NULL, "a releasing thread"))
		return test_done();
	pthread_join(r, NULL);
	pthread_join(v, &ret);
	check(ret != (void *)-1L && WIFEXITED((long)ret) &&
	      WEXITSTATUS((long)ret) == 6, "a thread that returned during the "
	      "child phase ended alone; the child phase exited 6 (%#lx)",
	      (long)ret);
	return test_done();
}
