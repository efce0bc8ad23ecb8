/*
 * kernel/proc/vfork.c - vfork as a sleight of hand.
 *
 * vfork(2) (and clone(2) with CLONE_VM|CLONE_VFORK) creates no process.
 * The caller's user registers and every piece of per-process state the
 * child may change are saved in a vfork frame, a pid is reserved, and the
 * same process goes on, with vfork returning 0: the *child phase*. It
 * ends in one of three ways, each of which puts the saved state back and
 * resumes the parent at the saved registers with eax = the child's pid:
 *   - execve succeeds: a new process is built for the program, with the
 *     reserved pid and the child phase's state (vfork_exec);
 *   - _exit/exit_group/exit, or a fatal signal: the reserved pid becomes
 *     a zombie with that status (vfork_child_exit);
 *   - (an exec that fails just returns its errno into the child phase).
 * See docs/vfork.md and the contract in the spec for the full story.
 *
 * Owns struct vfork_frame and the live-frame counter.
 * Invariants:
 *   - during a child phase, current->pid is the reserved pid and the
 *     parent's descriptors live only in frame->files (a backup holding
 *     one reference per open slot);
 *   - frame->slot is a P_EMBRYO process-table slot holding the reserved
 *     pid: it keeps the pid from being handed out again and makes the
 *     zombie (or the spawned process) impossible to fail for want of a
 *     slot. Embryos are invisible to lookups (proc_find_locked);
 *   - frames nest: frame->outer is the enclosing child phase's frame;
 *   - every path out of a child phase frees its frame: vfork_live_frames()
 *     is 0 whenever no child phase exists.
 * Locking: one CPU; the state swap is done by the process on itself in
 * process context; process-table changes take interrupts off.
 * Cost: O(open descriptors) on entry and exit; memory is never copied.
 */
#include "kernel.h"
#include "errno.h"
#include "exec.h"
#include "exit.h"
#include "file.h"
#include "fork.h"
#include "futex.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "vfs.h"
#include "vfork.h"
#include "vm.h"
#include "arch/x86/gdt.h"
#include "arch/x86/io.h"

struct vfork_frame {
	struct fpu_area fpu;	   /* the parent's x87/SSE registers
				      (first: 16-byte aligned) */
	struct vfork_frame *outer; /* enclosing child phase, or NULL */
	struct trapframe tf;	   /* the parent's registers; eax = pid */
	struct proc *slot;	   /* embryo holding the reserved pid */
	int parent_pid;		   /* current->pid before the phase */
	int exit_signal;	   /* to the parent when the child ends */
	struct proc *children;	   /* the parent's children list */
	struct fd_backup files;	   /* the parent's descriptors */
	struct fs_state fs;	   /* holds the cwd/root references */
	struct sig_state sig;
	struct proc_ids ids;
	struct session_ids session;
	struct limits limits;
	struct futex_tids tids; /* the parent's tid and robust state */
	uint32_t tls_base; /* the parent's TLS descriptor */
	uint32_t tls_limit;
	bool tls_present;
	char name[16];
};

_Static_assert(sizeof(struct vfork_frame) <= KMALLOC_MAX,
	       "a vfork frame must fit one kmalloc object");

static int live_frames;

/* vfork_live_frames - frames in existence (0 when no child phase is). */
int vfork_live_frames(void)
{
	return live_frames;
}

static int depth(const struct proc *p)
{
	int n = 0;

	for (const struct vfork_frame *f = p->vfork; f; f = f->outer)
		n++;
	return n;
}

/* Save everything but the descriptors (already backed up) into fr. */
static void save_state(struct vfork_frame *fr, const struct trapframe *tf)
{
	fpu_save(&fr->fpu); /* live in the registers: current runs */
	fr->tf = *tf;
	fr->tf.eax = (uint32_t)fr->slot->pid;
	fr->parent_pid = current->pid;
	fr->children = current->children;
	fs_state_copy(&fr->fs, &current->fs);
	fr->sig = current->sig;
	fr->ids = current->ids;
	fr->session = current->session;
	fr->limits = current->limits;
	fr->tls_base = current->tls_base;
	fr->tls_limit = current->tls_limit;
	fr->tls_present = current->tls_present;
	futex_tids_save(&fr->tids, current);
	memcpy(fr->name, current->name, sizeof(fr->name));
}

/*
 * Give the parent back its TLS descriptor (the child phase may have
 * emptied or moved it with set_thread_area; on Linux the child's change
 * is its own), then check the resumed registers against the GDT, so the
 * return to the parent cannot fault in ring 0: a data selector that
 * still cannot be loaded reads 0, an unusable ss gets SIGSEGV.
 */
static void restore_tls(const struct vfork_frame *fr)
{
	uint32_t f = irq_save();

	current->tls_base = fr->tls_base;
	current->tls_limit = fr->tls_limit;
	current->tls_present = fr->tls_present;
	gdt_set_tls(GDT_ENTRY_TLS_MIN, fr->tls_base, fr->tls_limit,
		    fr->tls_present);
	if (user_selectors_fix(current->tf))
		signal_fault_info(SIGSEGV, SI_KERNEL, 0);
	irq_restore(f);
}

/*
 * vfork_enter - start a child phase for current, which made the system
 * call whose registers are tf. child_esp: the stack for the child phase
 * (clone's stack argument), or 0 to keep esp. exit_signal: sent to the
 * parent when the child ends. Returns 0 into the child phase, or, with
 * no child phase started: -EAGAIN (no pid or slot left, or nesting deeper
 * than VFORK_DEPTH_MAX), -ENOMEM (no memory for the frame or the backup).
 */
long vfork_enter(struct trapframe *tf, uint32_t child_esp, int exit_signal)
{
	struct vfork_frame *fr;
	int err;

	if (depth(current) >= VFORK_DEPTH_MAX)
		return -EAGAIN;
	fr = kzalloc(sizeof(*fr));
	if (!fr)
		return -ENOMEM;
	fr->slot = proc_alloc_slot(0, &err);
	if (!fr->slot)
		goto out_free_frame;
	err = fdtable_backup(&fr->files, current->files);
	if (err)
		goto out_free_slot;
	/* Nothing below can fail: the child phase begins. */
	save_state(fr, tf);
	fr->exit_signal = exit_signal;
	fr->outer = current->vfork;
	current->vfork = fr;
	current->pid = fr->slot->pid;
	current->children = NULL;
	current->sig.pending = 0;
	live_frames++;
	if (child_esp)
		tf->esp = child_esp;
	return 0;

out_free_slot:
	proc_free(fr->slot);
out_free_frame:
	kfree(fr);
	return err;
}

/*
 * Put the parent's state back, discarding the child phase's, and make
 * current's trap frame the parent's saved registers. Frees fr. Returns
 * the child's pid (the value vfork returns in the parent).
 */
static int leave(struct vfork_frame *fr)
{
	int pid = fr->slot->pid;

	fdtable_restore(current->files, &fr->files);
	fs_state_drop(&current->fs);
	current->fs = fr->fs; /* the frame's references move */
	current->sig = fr->sig;
	current->ids = fr->ids;
	current->session = fr->session;
	current->limits = fr->limits;
	memcpy(current->name, fr->name, sizeof(current->name));
	current->pid = fr->parent_pid;
	current->children = fr->children;
	current->vfork = fr->outer;
	futex_tids_restore(current, &fr->tids);
	*current->tf = fr->tf;
	restore_tls(fr);
	fpu_restore(&fr->fpu);
	kfree(fr);
	live_frames--;
	return pid;
}

/* Give the child phase's children to new_parent (the spawned process),
 * or to init when new_parent is NULL. Interrupts off. */
static bool hand_over_children_locked(struct proc *new_parent)
{
	bool zombie = false;

	while (current->children) {
		struct proc *c = current->children;

		proc_unlink_child_locked(c);
		proc_link_child_locked(new_parent ? new_parent : initproc, c);
		zombie |= c->state == P_ZOMBIE;
	}
	return zombie;
}

/* Build the spawned process in slot p from the child phase's state. */
static void build_spawned(struct proc *p, struct vfork_frame *fr,
			  struct exec_ctx *ec)
{
	struct trapframe tf;
	const char *path;
	uint32_t entry, esp;

	fdtable_clone(p->files, current->files);
	fdtable_close_on_exec(p->files);
	fs_state_copy(&p->fs, &current->fs);
	p->sig = current->sig;
	signal_reset_on_exec(&p->sig);
	p->ids = current->ids;
	p->session = current->session;
	p->limits = current->limits;
	p->exit_signal = fr->exit_signal;
	fpu_init_state(&p->fpu);
	p->vm = exec_ctx_take_vm(ec, &entry, &esp, &path);
	exec_set_name(p->name, sizeof(p->name), path);
	exec_start_frame(&tf, entry, esp);
	proc_setup_kstack(p, &tf);
}

/*
 * vfork_exec - execve in a child phase: spawn the program as the reserved
 * pid without waiting, then resume the parent. ec holds the fully built
 * program (exec_prepare did everything that can fail, but for the kernel
 * stack and fd table allocated here). Returns the pid into the parent's
 * eax, or -ENOMEM into the child phase (ec released, nothing changed).
 */
long vfork_exec(struct exec_ctx *ec)
{
	struct vfork_frame *fr = current->vfork;
	struct proc *p = fr->slot;
	bool zombies;
	uint32_t f;

	p->kstack = kstack_alloc();
	p->files = kmalloc(sizeof(*p->files));
	if (!p->kstack || !p->files) {
		if (p->kstack)
			kstack_free(p->kstack);
		kfree(p->files);
		p->kstack = 0;
		p->files = NULL;
		exec_ctx_release(ec);
		return -ENOMEM;
	}
	/* Nothing below can fail. */
	futex_exec_release(current); /* the child phase leaves our memory */
	build_spawned(p, fr, ec);
	exec_ctx_release(ec);
	f = irq_save();
	zombies = hand_over_children_locked(p);
	if (zombies)
		wake_up_locked(&p->child_exit);
	irq_restore(f);

	leave(fr);
	f = irq_save();
	proc_link_child_locked(current, p);
	p->state = P_RUNNABLE;
	irq_restore(f);
	return p->pid;
}

/*
 * vfork_child_exit - the child phase ends with wait status `status`
 * (_exit, exit_group, exit, or a fatal signal): the reserved pid becomes a
 * zombie child of the parent, SIGCHLD goes to the parent, and the parent
 * resumes. Returns the pid; current's trap frame is then the parent's.
 */
long vfork_child_exit(int status)
{
	struct vfork_frame *fr = current->vfork;
	struct proc *z = fr->slot;
	bool wake_init;
	uint32_t f;

	z->exit_signal = fr->exit_signal;
	f = irq_save();
	wake_init = hand_over_children_locked(NULL);
	irq_restore(f);
	leave(fr);

	f = irq_save();
	z->exit_status = status;
	z->state = P_ZOMBIE;
	proc_link_child_locked(current, z);
	proc_zombie_notify_locked(z);
	if (wake_init)
		wake_up_locked(&initproc->child_exit);
	irq_restore(f);
	return z->pid;
}

int vfork_parent_pid(const struct proc *p)
{
	return p->vfork ? p->vfork->parent_pid : -1;
}

/*
 * vfork_find_hidden_parent_locked - signals sent to a parent's own pid
 * while it is in a child phase are held until it resumes (the contract's
 * "held" rule). Finds the process whose frame saved pid as parent_pid and
 * returns it with *held pointing at that frame's saved pending set, or
 * NULL when no child phase hides pid. Interrupts off.
 */
struct proc *vfork_find_hidden_parent_locked(int pid, uint64_t **held)
{
	for (int i = 0; i < PROC_MAX; i++) {
		struct proc *p = &proc_table[i];

		if (p->state == P_UNUSED || p->state == P_EMBRYO)
			continue;
		for (struct vfork_frame *f = p->vfork; f; f = f->outer) {
			if (f->parent_pid == pid) {
				*held = &f->sig.pending;
				return p;
			}
		}
	}
	return NULL;
}

/*
 * vfork_kill_hidden_parents_locked - the OOM killer chose p, which runs
 * on memory its hidden parents own: put SIGKILL in every saved pending
 * set, so each parent dies as soon as the child phase above it ends
 * (the child phase itself gets the SIGKILL sent to p). Interrupts off.
 */
void vfork_kill_hidden_parents_locked(struct proc *p)
{
	for (struct vfork_frame *f = p->vfork; f; f = f->outer)
		f->sig.pending |= SIGBIT(SIGKILL);
}

static bool on_list(const struct proc *list, const struct proc *p)
{
	for (; list; list = list->sibling)
		if (list == p)
			return true;
	return false;
}

/* vfork_hold_child_signal_locked - see vfork.h. */
bool vfork_hold_child_signal_locked(struct proc *parent, struct proc *child,
				    int sig)
{
	for (struct vfork_frame *f = parent->vfork; f; f = f->outer) {
		if (on_list(f->children, child)) {
			if (sig >= 1 && sig <= NSIG)
				f->sig.pending |= SIGBIT(sig);
			return true;
		}
	}
	return false;
}
