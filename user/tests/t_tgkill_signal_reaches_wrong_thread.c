/*
 * t_tgkill_signal_reaches_wrong_thread - tkill and tgkill reach exactly
 * the thread they name, each thread has its own signal mask and its own
 * pending set, and a process-directed signal goes to a thread that does
 * not block it.
 *
 * Bug: with one signal mask and one pending set per process, a signal
 * sent to one thread ran its handler in whichever thread the scheduler
 * returned to first, pthread_sigmask in one thread blocked the signal
 * for all of them, and kill() of the process left the signal pending
 * forever when the main thread blocked it although another thread did
 * not (Linux picks a thread that does not block it: complete_signal).
 */
#include "threadlib.h"

enum { A, B, NT };

static volatile pid_t usr1_tid, usr2_tid;
static volatile int usr1_count, usr2_count;
static volatile int stop, up;
static pid_t tids[NT];
static int a_saw_pending, a_unblocked;
static volatile int a_check_pending, a_unblock;

static void on_usr1(int sig)
{
	usr1_tid = tid();
	usr1_count++;
}

static void on_usr2(int sig)
{
	usr2_tid = tid();
	usr2_count++;
}

/* unblock - pthread_sigmask(SIG_UNBLOCK) of one signal. */
static void unblock(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* A: SIGUSR1 unblocked; SIGUSR2 stays blocked (inherited from main)
 * until told. */
static void *thread_a(void *arg)
{
	sigset_t set;

	unblock(SIGUSR1);
	tids[A] = tid();
	__sync_fetch_and_add(&up, 1);
	wait_flag(&a_check_pending, 1, VT_DEADLINE_MS);
	sigpending(&set);
	a_saw_pending = sigismember(&set, SIGUSR2);
	wait_flag(&a_unblock, 1, VT_DEADLINE_MS);
	unblock(SIGUSR2);
	a_unblocked = 1;
	while (!stop)
		sleep_ms(1);
	return NULL;
}

/* B: SIGUSR1 and SIGUSR2 unblocked, the only thread with SIGUSR2 so. */
static void *thread_b(void *arg)
{
	unblock(SIGUSR1);
	unblock(SIGUSR2);
	tids[B] = tid();
	__sync_fetch_and_add(&up, 1);
	while (!stop)
		sleep_ms(1);
	return NULL;
}

static void check_thread_directed(void)
{
	usr1_count = 0;
	check_eq(syscall(SYS_tgkill, getpid(), tids[B], SIGUSR1), 0,
		 "tgkill(pid, B, SIGUSR1)");
	wait_flag(&usr1_count, 1, VT_DEADLINE_MS);
	check(usr1_count == 1 && usr1_tid == tids[B],
	      "the handler ran once, in B (count %d, tid %d, B %d)",
	      usr1_count, (int)usr1_tid, (int)tids[B]);
	usr1_count = 0;
	check_eq(syscall(SYS_tkill, tids[A], SIGUSR1), 0, "tkill(A, SIGUSR1)");
	wait_flag(&usr1_count, 1, VT_DEADLINE_MS);
	check(usr1_count == 1 && usr1_tid == tids[A],
	      "the handler ran once, in A (count %d, tid %d, A %d)",
	      usr1_count, (int)usr1_tid, (int)tids[A]);
	check_errno(syscall(SYS_tgkill, getpid() + 100000, tids[A], 0), ESRCH,
		    "tgkill with a tgid the thread is not in");
	check_errno(syscall(SYS_tgkill, getpid(), tids[A], 65), EINVAL,
		    "tgkill with signal 65");
	check_errno(syscall(SYS_tkill, 0, SIGUSR1), EINVAL, "tkill of tid 0");
}

static void check_process_directed(void)
{
	sigset_t set;

	check_eq(kill(getpid(), SIGUSR2), 0, "kill(getpid(), SIGUSR2)");
	wait_flag(&usr2_count, 1, VT_DEADLINE_MS);
	check(usr2_count == 1 && usr2_tid == tids[B],
	      "it ran in B, the one thread not blocking it (count %d, tid %d)",
	      usr2_count, (int)usr2_tid);
	usr2_count = 0;
	check_eq(syscall(SYS_tgkill, getpid(), tids[A], SIGUSR2), 0,
		 "tgkill(pid, A, SIGUSR2) while A blocks it");
	sleep_ms(50);
	check_eq(usr2_count, 0, "no other thread took A's signal");
	sigpending(&set);
	check(!sigismember(&set, SIGUSR2),
	      "it is not pending for the main thread");
	a_check_pending = 1;
	a_unblock = 1;
	wait_flag(&usr2_count, 1, VT_DEADLINE_MS);
	check(a_saw_pending, "it was pending for A");
	check(usr2_count == 1 && usr2_tid == tids[A],
	      "it ran in A once A unblocked it (count %d, tid %d)",
	      usr2_count, (int)usr2_tid);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pthread_t t[NT];
	sigset_t set;

	test_init(argv);
	alarm(60);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (!start_thread(&t[A], thread_a, NULL, "A"))
		return test_done();
	if (!start_thread(&t[B], thread_b, NULL, "B"))
		return test_done();
	wait_flag(&up, NT, VT_DEADLINE_MS);
	check_eq(up, NT, "both threads are up");
	check_thread_directed();
	check_process_directed();
	stop = 1;
	pthread_join(t[A], NULL);
	pthread_join(t[B], NULL);
	check(a_unblocked, "A finished");
	return test_done();
}
