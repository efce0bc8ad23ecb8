/*
 * t_pipe_ring_wrap_corrupts_stream - a pipe carries a large stream intact
 * and reports its end states the POSIX way.
 *
 * Bug: the pipe ring buffer wraps wrongly (bytes duplicated, lost or
 * reordered once more than the buffer size has gone through), a reader
 * blocked on an empty pipe never wakes, EOF is not reported once the last
 * writer closes, writing to a pipe with no readers does not raise SIGPIPE
 * (or does not fail with EPIPE when SIGPIPE is ignored), O_NONBLOCK is
 * ignored, or the pipe holds less than the 64 KiB programs rely on.
 */
#include "tests/testlib.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#define TOTAL (1 << 20)

static unsigned char pat(unsigned i)
{
	return (unsigned char)(i * 7u + (i >> 8) + (i >> 16));
}

/* Child writes TOTAL bytes in odd-sized chunks; parent reads and checks. */
static void one_mib(void)
{
	static unsigned char buf[7919];
	unsigned got = 0, bad = 0, i;
	int p[2], st;
	pid_t pid;
	ssize_t r;

	if (pipe(p) < 0) {
		check(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		unsigned off = 0, n;

		close(p[0]);
		while (off < TOTAL) {
			n = TOTAL - off < 5003 ? TOTAL - off : 5003;
			for (i = 0; i < n; i++)
				buf[i] = pat(off + i);
			if (write(p[1], buf, n) != (ssize_t)n)
				_exit(1);
			off += n;
		}
		_exit(0);
	}
	close(p[1]);
	while ((r = read(p[0], buf, sizeof(buf))) > 0) {
		for (i = 0; i < (unsigned)r; i++)
			bad += buf[i] != pat(got + i);
		got += r;
	}
	check_eq(got, TOTAL, "1 MiB arrives through the pipe");
	check_eq(bad, 0, "every byte matches the pattern");
	check_eq(r, 0, "read returns 0 (EOF) after the writer exits");
	check_eq(read(p[0], buf, 1), 0, "EOF is sticky");
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "writer saw only full writes (status 0x%x)", st);
	close(p[0]);
}

static void epipe_when_ignored(void)
{
	int p[2];

	if (pipe(p) < 0)
		return;
	signal(SIGPIPE, SIG_IGN);
	close(p[0]);
	check_errno(write(p[1], "x", 1), EPIPE,
		    "write with no reader and SIGPIPE ignored gives EPIPE");
	signal(SIGPIPE, SIG_DFL);
	close(p[1]);
}

static void sigpipe_kills(void)
{
	int p[2], st;
	pid_t pid;

	if (pipe(p) < 0)
		return;
	close(p[0]); /* before fork: no reader exists when the child writes */
	pid = fork();
	if (pid == 0) {
		write(p[1], "x", 1);
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE,
	      "writer with no reader dies of SIGPIPE (status 0x%x)", st);
}

static void nonblocking(void)
{
	static char chunk[4096];
	int p[2];
	long total = 0;
	ssize_t r = 0;
	char c;

	if (pipe(p) < 0)
		return;
	check(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0 &&
	      fcntl(p[1], F_SETFL, O_NONBLOCK) == 0, "F_SETFL O_NONBLOCK");
	check(fcntl(p[0], F_GETFL) & O_NONBLOCK, "F_GETFL shows O_NONBLOCK");
	check_errno(read(p[0], &c, 1), EAGAIN,
		    "non-blocking read of an empty pipe gives EAGAIN");
	while (total < (16 << 20) &&
	       (r = write(p[1], chunk, sizeof(chunk))) > 0)
		total += r;
	check(total >= 65536, "pipe holds at least 64 KiB (held %ld)", total);
	check(r == -1 && errno == EAGAIN,
	      "non-blocking write to a full pipe gives EAGAIN");
	check_eq(read(p[0], chunk, sizeof(chunk)), sizeof(chunk),
		 "reading from a full pipe works");
	close(p[0]);
	close(p[1]);
}

int main(int argc, char **argv)
{
	test_init(argv);
	one_mib();
	epipe_when_ignored();
	sigpipe_kills();
	nonblocking();
	return test_done();
}
