/*
 * t_vfork_parent_pid_reused - a vforking parent's own pid is not free
 * while its child phase runs.
 *
 * Bug: during a child phase the process runs under the reserved pid, and
 * the parent's pid lives only in the vfork frame. A pid allocator that
 * looks only at the pids processes carry now hands the parent's pid out
 * again: a vfork or fork in the child phase gets it, and two live
 * processes share one pid. The test vforks in a child phase more times
 * than there are pids (Sleight's pid space is 32767), so the counter
 * wraps and passes the parent's pid; none of them may get it. On a host
 * with a larger pid_max the counter does not wrap and the check is weaker.
 */
#include "vforklib.h"

#define VFORKS	40000

static volatile pid_t clash;
static volatile int made;

int main(int argc, char **argv)
{
	pid_t me, p;
	int st;

	test_init(argv);
	me = getpid();
	p = vfork();
	if (p == 0) {
		for (volatile int i = 0; i < VFORKS; i++) {
			pid_t g = vfork();

			if (g == 0)
				_exit(0);
			if (g < 0)
				break;
			made++;
			if (g == me)
				clash = g;
			waitpid(g, NULL, 0);
		}
		_exit(0);
	}
	waitpid(p, &st, 0);
	check_eq(made, VFORKS, "every vfork in the child phase worked");
	check_eq(clash, 0, "none of them got the parent's own pid");
	return test_done();
}
