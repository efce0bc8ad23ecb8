/*
 * t_exec_from_thread_keeps_other_threads - execve from a thread that is
 * not the main one ends every other thread, and the new program runs as
 * the process: same pid, its tid is the pid, same parent.
 *
 * Bug: exec replaced the address space under the calling task only. The
 * other threads went on running in the old (freed) memory or crashed the
 * process later, the new program came up with the exec'ing thread's own
 * id as its pid (so the parent's waitpid never matched), and descriptors
 * the dead threads shared stayed open. Linux (de_thread): the other
 * threads are killed and waited for, and the exec'ing thread takes over
 * the thread-group id.
 */
#include "threadlib.h"

#define AFTER "--after-exec"

static int out_fd;
static pid_t exec_tid;

/* Writes a byte every millisecond to a close-on-exec pipe until killed:
 * only its death (with the exec) gives the reader its end of file. */
static void *spinner(void *arg)
{
	for (;;) {
		if (write(out_fd, "x", 1) != 1)
			syscall(SYS_exit, 1);
		sleep_ms(1);
	}
	return NULL;
}

/* The exec'ing thread: its report pipe on fd 3 (inherited), exec self. */
static void *execer(void *arg)
{
	char *path = arg;
	char *av[] = { path, AFTER, NULL }, *envp[] = { NULL };

	exec_tid = tid();
	dprintf(3, "tid-before=%d\n", (int)exec_tid);
	sleep_ms(20);
	execve(path, av, envp);
	_exit(120);
}

/* The new program: report its ids on fd 3. */
static int after_exec(void)
{
	dprintf(3, "pid=%d tid=%d ppid=%d\n", (int)getpid(), (int)tid(),
		(int)getppid());
	return 0;
}

static void __attribute__((noreturn)) child(const char *self, int rep)
{
	pthread_t t;

	if (dup2(rep, 3) != 3)
		_exit(101);
	for (int i = 0; i < 2; i++)
		if (pthread_create(&t, NULL, spinner, NULL))
			_exit(100);
	if (pthread_create(&t, NULL, execer, (void *)self))
		_exit(100);
	for (;;)
		sleep_ms(1000);
}

/* Drain fd: 1 when end of file came within the deadline. */
static int drained(int fd)
{
	char buf[256];
	long long end = now_ms() + VT_DEADLINE_MS;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (now_ms() > end)
			return 0;
	return n == 0;
}

int main(int argc, char **argv)
{
	int spin[2], rep[2], st = -1, pid_got = 0, tid_got = 0, ppid_got = 0;
	int before = 0;
	char buf[256], *l;
	pid_t pid;
	ssize_t n;

	if (argc > 1 && strcmp(argv[1], AFTER) == 0)
		return after_exec();
	test_init(argv);
	alarm(60);
	if (pipe2(spin, O_CLOEXEC) || pipe2(rep, O_CLOEXEC))
		return 1;
	out_fd = spin[1];
	pid = fork();
	if (pid == 0)
		child(argv[0], rep[1]);
	close(spin[1]);
	close(rep[1]);
	check(drained(spin[0]), "the spinning threads died with the exec");
	n = read_all(rep[0], buf, sizeof(buf), VT_DEADLINE_MS);
	check(n > 0, "the exec'd program reported (%zd bytes)", n);
	if (n > 0) {
		l = strstr(buf, "tid-before=");
		if (l)
			sscanf(l, "tid-before=%d", &before);
		l = strstr(buf, "pid=");
		if (l)
			sscanf(l, "pid=%d tid=%d ppid=%d", &pid_got, &tid_got,
			       &ppid_got);
	}
	check(before > 0 && before != pid,
	      "the exec'ing thread was not the main one (tid %d, pid %d)",
	      before, (int)pid);
	check_eq(pid_got, pid, "the new program's getpid is the process's");
	check_eq(tid_got, pid, "its gettid is the pid: it took the group id");
	check_eq(ppid_got, getpid(), "its parent is still this test");
	if (wait_for(pid, &st, VT_DEADLINE_MS) != pid)
		st = -1;
	check(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "waitpid on the original pid reaps it (%#x)", st);
	return test_done();
}
