/*
 * init - the first user process (pid 1).
 *
 * It runs one command and reaps every orphan the system hands it. The
 * command is the text of /etc/osrun (written there by tools/osrun): when
 * /bin/tsh exists it runs "/bin/tsh -c TEXT" (one trailing newline
 * dropped), so quotes, '$' and newlines reach the shell intact; without
 * tsh the text is split on blanks into argv. Without /etc/osrun it runs
 * an interactive "/bin/tsh -i" when tsh exists.
 * When the command ends, init exits with its status (128 + N for death by
 * signal N, as shells report it); the kernel then halts the machine with
 * that status (exit_on_halt). Reading /etc/osrun, starting the command
 * and reaping are user/initlib.h's, shared with the benchmark's linuxinit.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "initlib.h"

#define LINE_MAX_BYTES	4096
#define ARGS_MAX	64

static char line[LINE_MAX_BYTES];
static char *args[ARGS_MAX + 1];

int main(void)
{
	static char *tsh[] = { "/bin/tsh", "-i", NULL };
	static char *tsh_c[] = { "/bin/tsh", "-c", line, NULL };
	int have_tsh = access(tsh[0], X_OK) == 0;
	char **argv = args;
	pid_t child;

	if (init_read_command(line, sizeof(line))) {
		size_t len = strlen(line);

		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (have_tsh)
			argv = tsh_c;
		else if (init_split(line, args, ARGS_MAX) == 0)
			return 0;
	} else if (have_tsh) {
		argv = tsh;
	} else {
		fprintf(stderr, "init: no /etc/osrun and no /bin/tsh\n");
		return 0;
	}
	child = init_start("init", argv);
	if (child < 0)
		return 125;
	return init_wait(child);
}
