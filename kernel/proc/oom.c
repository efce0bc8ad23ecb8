/*
 * kernel/proc/oom.c - the OOM killer's policy: which process dies when
 * memory runs out, and who may use the last frames.
 *
 * The memory layer (kernel/mm/oom.c) calls oom_kill through the handler
 * registered here; pmm.c asks may_use_reserve before it hands out one
 * of the reserved frames (param.h OOM_RESERVE_*).
 *
 * Victim: the process with the largest footprint, as Linux's
 * oom_badness: its present pages and page tables, plus its share of the
 * pipe buffers it holds open, plus its share of the unlinked tmpfs files
 * it holds open (a linked file outlives its openers, so killing them
 * frees nothing; the tmpfs budget caps those). Never init (pid 1), never
 * a process without an address space, never a zombie. If a process is
 * already dying of SIGKILL and still holds memory, no second victim is
 * chosen: the caller waits for that one (Linux: an OOM victim pending).
 * A process in a vfork child phase runs on its parent's memory: killing
 * it kills its vfork parents too (Linux kills every task sharing the
 * victim's mm); each parent's SIGKILL stays pending until it resumes. A
 * parent suspended in vfork is never a victim itself.
 *
 * Locking: the table walk, the choice and the SIGKILL happen with
 * interrupts off, so the victim cannot exit or change under us; the
 * wait sleeps on tick_wq with the usual pattern (sched.h).
 */
#include "kernel.h"
#include "errno.h"
#include "file.h"
#include "fs.h"
#include "mm.h"
#include "oom.h"
#include "pipe.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "timer.h"
#include "vfork.h"
#include "vfs.h"
#include "vm.h"
#include "arch/x86/io.h"

/* What killing a process would give back, in pages. */
struct footprint {
	struct vm_usage vm;
	uint32_t pipe_pages;
	uint32_t tmpfs_pages;
	uint32_t total;
};

static bool dying(const struct proc *p)
{
	return p->sig.pending & SIGBIT(SIGKILL);
}

static bool killable(const struct proc *p)
{
	return p != initproc && p->pid > 1 && p->vm &&
	       (p->state == P_RUNNABLE || p->state == P_RUNNING ||
		p->state == P_SLEEPING || p->state == P_STOPPED);
}

/* An unlinked tmpfs file's pages, shared among its in-memory refs. */
static uint32_t unlinked_share(const struct file *f)
{
	const struct inode *ip = f->inode;

	if (!ip || ip->nlink || !ip->refcount)
		return 0;
	return tmpfs_inode_pages(ip) / ip->refcount;
}

static void footprint_of(struct proc *p, struct footprint *fp)
{
	vm_usage(p->vm, &fp->vm);
	fp->pipe_pages = fp->tmpfs_pages = 0;
	for (int fd = 0; p->files && fd < FD_MAX; fd++) {
		const struct file *f = p->files->files[fd];

		if (!f)
			continue;
		fp->pipe_pages += pipe_file_pages(f);
		fp->tmpfs_pages += unlinked_share(f);
	}
	fp->total = fp->vm.rss_pages + fp->vm.pt_pages + fp->pipe_pages +
		    fp->tmpfs_pages;
}

/*
 * The process to kill, with its footprint in *fp; *pending set when it
 * is one already dying (then only wait for it). NULL when nothing is
 * killable. Interrupts off.
 */
static struct proc *choose_victim_locked(struct footprint *fp, bool *pending)
{
	struct proc *best = NULL;
	struct footprint cur;

	*pending = false;
	fp->total = 0;
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = &proc_table[i];

		if (!killable(p))
			continue;
		if (dying(p) && p != current) {
			*pending = true;
			return p;
		}
		footprint_of(p, &cur);
		if (!best || cur.total > fp->total) {
			best = p;
			*fp = cur;
		}
	}
	return best;
}

#define KB(pages) ((pages) * (PAGE_SIZE / 1024))

/* What the report says about the victim, taken when it was chosen. */
struct victim_id {
	int pid;
	int vfork_parent; /* the parent of its child phase, or -1 */
	uint32_t uid;
	char name[16];
};

/* One line, in the shape of Linux's oom_kill_process report; site is
 * the allocation that ran out. */
static void report(const struct victim_id *id, const struct footprint *fp,
		   const char *site)
{
	char vf[32] = "";

	if (id->vfork_parent > 0)
		snprintf(vf, sizeof(vf), " vfork-parent:%d", id->vfork_parent);
	printk("Out of memory: Killed process %d (%s) total-vm:%ukB, "
	       "anon-rss:%ukB, pipe:%ukB, tmpfs:%ukB, UID:%u "
	       "pgtables:%ukB%s (%s)\n",
	       id->pid, id->name, KB(fp->vm.vm_pages), KB(fp->vm.rss_pages),
	       KB(fp->pipe_pages), KB(fp->tmpfs_pages), id->uid,
	       KB(fp->vm.pt_pages), vf, site);
}

/* Does v (or what is left of it) still hold its address space? */
static bool holds_memory(const struct proc *v)
{
	return v->vm && v->state != P_UNUSED && v->state != P_ZOMBIE &&
	       v->state != P_EMBRYO;
}

/*
 * Sleep until v has released its memory: 0; -EAGAIN after OOM_WAIT_MS;
 * -ENOMEM when current itself is SIGKILLed meanwhile (it must go and
 * die, not wait). A slot reused by a new process within the bound only
 * makes the wait run to its end.
 */
static int wait_for_release(struct proc *v)
{
	uint64_t end = uptime_ms() + OOM_WAIT_MS;
	uint32_t f = irq_save();
	int err = 0;

	while (holds_memory(v)) {
		if (dying(current)) {
			err = -ENOMEM;
			break;
		}
		if (uptime_ms() >= end) {
			err = -EAGAIN;
			break;
		}
		sleep_on_locked(&tick_wq);
	}
	irq_restore(f);
	return err;
}

/*
 * oom_kill - the oom_handler_t (mm.h): choose, kill, report and (with
 * wait) wait. The report is printed after the kill, with interrupts on.
 */
static int oom_kill(const char *site, bool wait)
{
	struct footprint fp;
	struct victim_id id;
	struct proc *v;
	bool pending;
	uint32_t f;

	if (!current || dying(current))
		return -ENOMEM;
	f = irq_save();
	v = choose_victim_locked(&fp, &pending);
	if (v && !pending) {
		id.pid = v->pid;
		id.vfork_parent = v->vfork_parent ? v->vfork_parent->pid : -1;
		id.uid = v->ids.uid;
		memcpy(id.name, v->name, sizeof(id.name));
		signal_send_locked(v, SIGKILL);
		vfork_kill_parents_locked(v);
		mm_oom_count_kill();
	}
	irq_restore(f);
	if (!v) {
		printk("Out of memory: no process to kill (%s)\n", site);
		return -ENOMEM;
	}
	if (!pending)
		report(&id, &fp, site);
	if (v == current)
		return -ENOMEM;
	return wait ? wait_for_release(v) : -EAGAIN;
}

/*
 * The pmm's reserve hook: init, root (the console shell and what it
 * runs), a process dying of SIGKILL (so it can get out), and kernel
 * work with no process may take the last OOM_RESERVE frames.
 */
static bool may_use_reserve(void)
{
	const struct proc *p = current;

	return !p || p == initproc || p->pid <= 1 || p->ids.euid == 0 ||
	       dying(p);
}

/* oom_init - register the killer and the reserve rule with mm. Once, at
 * boot, before the first user process. */
void oom_init(void)
{
	mm_set_oom_handler(oom_kill);
	pmm_set_reserve_hook(may_use_reserve);
}
