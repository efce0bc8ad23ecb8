/*
 * t_stdout_lost_at_exit - stdio and write(2) reach standard output intact.
 *
 * Bug: output written by a program is lost or reordered: write(2) to fd 1
 * drops bytes, the stdio buffer is not flushed when main returns or exit()
 * runs (so a program piped into another prints nothing), or _exit flushes
 * what it must not. Each case runs in a child whose stdout is a pipe, so
 * stdio is fully buffered as it is for any program writing to a pipe.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <sys/wait.h>

/* run_capture - run fn in a child with stdout on a pipe; returns bytes
 * read into buf (NUL-terminated) and the child's wait status in *status. */
static int run_capture(void (*fn)(void), char *buf, int cap, int *status)
{
	int p[2], n = 0, r;
	pid_t pid;

	fflush(stdout);
	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		close(p[1]);
		/* stdout was set to line buffering by test_init; a program
		 * that starts on a pipe is fully buffered. */
		setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
		fn();
		exit(0);
	}
	close(p[1]);
	while (n < cap - 1 && (r = read(p[0], buf + n, cap - 1 - n)) > 0)
		n += r;
	buf[n] = '\0';
	close(p[0]);
	waitpid(pid, status, 0);
	return n;
}

static void print_mixed(void)
{
	printf("a=%d b=%s c=%c|", 42, "str", 'x');
	puts("line");
	fputs("fputs\n", stdout);
	putchar('!');
}

static void buffered_then_write(void)
{
	printf("buffered");
	write(1, "direct|", 7);
}

static void printf_then_underscore_exit(void)
{
	printf("lost");
	_exit(3);
}

static void return_from_fn_exit_flushes(void)
{
	printf("flushed by exit");
}

static void big_output(void)
{
	int i;

	for (i = 0; i < 2000; i++)
		printf("%05d\n", i);
}

static void check_big(const char *buf, int n)
{
	char want[8];
	int i, ok = (n == 2000 * 6);

	for (i = 0; ok && i < 2000; i++) {
		snprintf(want, sizeof(want), "%05d\n", i);
		ok = memcmp(buf + i * 6, want, 6) == 0;
	}
	check(ok, "12000 bytes of printf through a pipe arrive in order "
	      "(got %d bytes)", n);
}

int main(int argc, char **argv)
{
	static char buf[16384];
	int st, n;

	test_init(argv);
	n = printf("Hello from t_stdout_lost_at_exit\n");
	check_eq(n, 33, "printf returns the byte count");
	check_eq(write(1, "write(2) to stdout\n", 19), 19,
		 "write(2) to fd 1 writes everything");

	n = run_capture(print_mixed, buf, sizeof(buf), &st);
	check(strcmp(buf, "a=42 b=str c=x|line\nfputs\n!") == 0,
	      "printf/puts/fputs/putchar output is exact (got \"%s\")", buf);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child exited 0");

	run_capture(buffered_then_write, buf, sizeof(buf), &st);
	check(strcmp(buf, "direct|buffered") == 0,
	      "stdio on a pipe is buffered until exit, write(2) is not "
	      "(got \"%s\")", buf);

	n = run_capture(printf_then_underscore_exit, buf, sizeof(buf), &st);
	check(n == 0, "_exit does not flush stdio (got %d bytes)", n);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 3,
	      "_exit(3) status is 3 (status 0x%x)", st);

	run_capture(return_from_fn_exit_flushes, buf, sizeof(buf), &st);
	check(strcmp(buf, "flushed by exit") == 0,
	      "exit() flushes stdio (got \"%s\")", buf);

	n = run_capture(big_output, buf, sizeof(buf), &st);
	check_big(buf, n);
	return test_done();
}
