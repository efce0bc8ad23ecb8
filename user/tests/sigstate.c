/*
 * sigstate - print the signal state this program started with.
 *
 * For each signal 1..31 one line "N DFL", "N IGN" or "N HANDLER" (the
 * disposition as sigaction reports it), then "blocked:" followed by the
 * blocked signal numbers and "pending:" followed by the pending ones,
 * each number preceded by a space ("blocked: 10 12", "pending:").
 */
#include <signal.h>
#include <stdio.h>

static void put_set(const char *name, const sigset_t *set)
{
	int sig;

	fputs(name, stdout);
	for (sig = 1; sig < 32; sig++)
		if (sigismember(set, sig) == 1)
			printf(" %d", sig);
	putchar('\n');
}

int main(void)
{
	struct sigaction sa;
	sigset_t set;
	int sig;

	for (sig = 1; sig < 32; sig++) {
		const char *d = "ERR";

		if (sigaction(sig, NULL, &sa) == 0) {
			if (sa.sa_handler == SIG_DFL)
				d = "DFL";
			else if (sa.sa_handler == SIG_IGN)
				d = "IGN";
			else
				d = "HANDLER";
		}
		printf("%d %s\n", sig, d);
	}
	sigprocmask(SIG_BLOCK, NULL, &set);
	put_set("blocked:", &set);
	sigpending(&set);
	put_set("pending:", &set);
	return fflush(stdout) == 0 ? 0 : 1;
}
