/*
 * kernel/fs/tty.c - the console terminal, /dev/console (5:1) and
 * /dev/tty (5:0): a line discipline (ldisc.c) between the console's
 * input queue and reader processes, with termios, window size and
 * foreground process group ioctls (ioctl_tty(2)).
 *
 * Owns the one struct tty. Input: the keyboard and serial interrupts run
 * a hook (console_input_set_hook) that moves bytes from
 * console_input_pop() through the line discipline and wakes readers, so
 * input needs no timer tick and ^C reaches the foreground group even
 * when nobody reads; readers also pump before they test. Locking: tty
 * state is changed with interrupts off (the hook runs in the input
 * interrupts); readers sleep on tty.wq with
 * the sched.h pattern, or on tick_wq when VTIME bounds the wait.
 * Invariant: fg_pgrp is 0 (none) or a process group id.
 *
 * A devfs file with job control, it sits in the fs layer (above the
 * drivers it reads: console input, the line discipline; docs/layout.md).
 */
#include "kernel.h"
#include "console.h"
#include "errno.h"
#include "file.h"
#include "fs.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "timer.h"
#include "tty.h"
#include "uaccess.h"
#include "arch/x86/io.h"
#include "uapi/ioctls.h"

#define TTY_ID 0 /* session_ids.ctty of the console */

static struct tty {
	struct ldisc ld;
	struct winsize_k ws;
	int fg_pgrp;
	struct wait_queue wq; /* readers waiting for input */
} tty;

static void tty_out(void *ctx, const char *s, size_t n)
{
	if (n)
		console_write(s, n);
}

/* Send sig to every live process of the foreground group (irqs off). */
static void tty_signal(void *ctx, int sig)
{
	signal_send_pgrp_locked(tty.fg_pgrp, sig);
}

/* Move typed bytes into the line discipline; wake readers (irqs off). */
static void tty_pump_locked(void)
{
	bool any = false;
	int c;

	assert_irqs_off();
	while ((c = console_input_pop()) >= 0) {
		ldisc_input(&tty.ld, (uint8_t)c);
		any = true;
	}
	if (any && tty.wq.head)
		wake_up_locked(&tty.wq);
}

/* ---- reading ---- */

/* Can a read of n bytes return now? (irqs off, after a pump) */
static bool read_ready(size_t n)
{
	const uint8_t *cc = tty.ld.t.c_cc;

	if (tty.ld.t.c_lflag & ICANON)
		return ldisc_readable(&tty.ld);
	if (cc[VMIN] == 0)
		return tty.ld.len > 0;
	return tty.ld.len >= MIN((size_t)cc[VMIN], n);
}

/*
 * Non-canonical VTIME (tenths of a second): with VMIN 0 the read gives up
 * that long after it started; with VMIN > 0 that long after the last
 * byte arrived, once one has.
 */
static bool timed_out(uint64_t *mark, uint32_t *seen)
{
	const uint8_t *cc = tty.ld.t.c_cc;
	uint64_t now = uptime_ms();

	if ((tty.ld.t.c_lflag & ICANON) || cc[VTIME] == 0)
		return false;
	if (cc[VMIN] > 0) {
		if (tty.ld.len == 0)
			return false;
		if (tty.ld.len != *seen) {
			*seen = tty.ld.len;
			*mark = now;
		}
	}
	return now - *mark >= (uint64_t)cc[VTIME] * 100;
}

static long tty_read(struct file *f, void *buf, size_t n, int64_t *pos)
{
	uint64_t mark = uptime_ms();
	uint32_t seen = 0, fl;
	long r = 0;

	if (n == 0)
		return 0;
	fl = irq_save();
	for (;;) {
		tty_pump_locked();
		if (read_ready(n) || timed_out(&mark, &seen)) {
			r = ldisc_read(&tty.ld, buf, n);
			break;
		}
		if (!(tty.ld.t.c_lflag & ICANON) && tty.ld.t.c_cc[VMIN] == 0 &&
		    tty.ld.t.c_cc[VTIME] == 0)
			break; /* polling read: nothing there */
		if (f->flags & O_NONBLOCK) {
			r = -EAGAIN;
			break;
		}
		if (sleep_interruptible_locked(
			    tty.ld.t.c_cc[VTIME] && !(tty.ld.t.c_lflag & ICANON)
				    ? &tick_wq
				    : &tty.wq)) {
			r = -ERESTARTSYS;
			break;
		}
	}
	irq_restore(fl);
	return r;
}

static long tty_write(struct file *f, const void *buf, size_t n, int64_t *pos)
{
	ldisc_output(&tty.ld, buf, n);
	return n;
}

static unsigned tty_poll(struct file *f)
{
	uint32_t fl = irq_save();
	unsigned mask = POLLOUT | POLLWRNORM;

	tty_pump_locked();
	if (read_ready(1))
		mask |= POLLIN | POLLRDNORM;
	irq_restore(fl);
	return mask;
}

/* ---- ioctls ---- */

static bool pgrp_exists(int pgrp)
{
	uint32_t fl = irq_save();
	bool yes = proc_pgrp_exists_locked(pgrp, 0);

	irq_restore(fl);
	return yes;
}

static int set_termios(unsigned cmd, void __user *uarg)
{
	struct termios_k t;
	uint32_t fl;

	if (copy_from_user(&t, uarg, sizeof(t)))
		return -EFAULT;
	fl = irq_save();
	if (cmd == TCSETSF)
		ldisc_flush_input(&tty.ld);
	ldisc_set_termios(&tty.ld, &t);
	if (tty.wq.head)
		wake_up_locked(&tty.wq);
	irq_restore(fl);
	return 0;
}

static int set_pgrp(void __user *uarg)
{
	uint32_t v;

	if (get_user_u32(&v, uarg))
		return -EFAULT;
	if ((int)v < 0)
		return -EINVAL;
	if (!pgrp_exists((int)v))
		return -ESRCH;
	tty.fg_pgrp = (int)v;
	return 0;
}

static int set_winsize(void __user *uarg)
{
	struct winsize_k ws;
	uint32_t fl;

	if (copy_from_user(&ws, uarg, sizeof(ws)))
		return -EFAULT;
	if (memcmp(&ws, &tty.ws, sizeof(ws)) == 0)
		return 0;
	tty.ws = ws;
	fl = irq_save();
	tty_signal(NULL, SIGWINCH);
	irq_restore(fl);
	return 0;
}

static int flush(unsigned long how)
{
	uint32_t fl;

	if (how > 2)
		return -EINVAL;
	if (how != 1) { /* TCIFLUSH or TCIOFLUSH */
		fl = irq_save();
		ldisc_flush_input(&tty.ld);
		irq_restore(fl);
	}
	return 0;
}

static int tty_ioctl(struct file *f, unsigned cmd, unsigned long arg)
{
	void __user *u = (void __user *)arg;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(u, &tty.ld.t, sizeof(tty.ld.t)) ? -EFAULT
								    : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(cmd, u);
	case TIOCGWINSZ:
		return copy_to_user(u, &tty.ws, sizeof(tty.ws)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return set_winsize(u);
	case TIOCGPGRP:
		return put_user_u32(u, tty.fg_pgrp);
	case TIOCSPGRP:
		return set_pgrp(u);
	case TIOCSCTTY:
		current->signal->session.ctty = TTY_ID;
		tty.fg_pgrp = current->signal->session.pgid;
		return 0;
	case TIOCNOTTY:
		current->signal->session.ctty = -1;
		return 0;
	case TIOCGSID:
		return put_user_u32(u, current->signal->session.sid);
	case FIONREAD:
		return put_user_u32(u, ldisc_avail(&tty.ld));
	case TCFLSH:
		return flush(arg);
	case TCSBRK:
	case TCXONC:
		return 0; /* output is never held back */
	default:
		return -ENOTTY;
	}
}

/*
 * Opening: a session leader without a terminal that does not pass
 * O_NOCTTY acquires this one; the first opener's group becomes the
 * foreground group if there is none yet.
 */
/*
 * tty_make_controlling - the console becomes the controlling terminal of
 * session s, with process group pgid in the foreground. The kernel calls
 * it for init, which opens the console before any process runs (so
 * tty_open cannot see init as current).
 */
void tty_make_controlling(struct session_ids *s, int pgid)
{
	s->ctty = TTY_ID;
	tty.fg_pgrp = pgid;
}

static int tty_open(struct inode *ip, struct file *f)
{
	if (!current)
		return 0;
	if (!(f->flags & O_NOCTTY) && current->signal->session.ctty < 0 &&
	    current->signal->session.sid == current->tgid) {
		current->signal->session.ctty = TTY_ID;
		tty.fg_pgrp = current->signal->session.pgid;
	}
	if (tty.fg_pgrp == 0)
		tty.fg_pgrp = current->signal->session.pgid;
	return 0;
}

static const struct file_ops tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

int tty_init(void)
{
	static const struct ldisc_ops ops = {
		.out = tty_out,
		.signal = tty_signal,
	};
	unsigned rows, cols;
	int err;

	ldisc_init(&tty.ld, &ops);
	console_winsize(&rows, &cols); /* the screen console's real size */
	tty.ws.ws_row = (uint16_t)rows;
	tty.ws.ws_col = (uint16_t)cols;
	err = devfs_register("console", MKDEV(5, 1), 0600, &tty_fops);
	if (!err)
		err = devfs_register("tty", MKDEV(5, 0), 0666, &tty_fops);
	if (!err)
		console_input_set_hook(tty_pump_locked);
	return err;
}
