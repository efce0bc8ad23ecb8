/*
 * kernel/proc/initproc.c - create the first user process, init (pid 1).
 *
 * Owns the defaults every process inherits from init: resource limits,
 * umask, ids (root) and the console on descriptors 0, 1 and 2. Its parts
 * come from the init plan (fork.h: every one new). Runs once at boot,
 * from kmain, before the scheduler runs anything else; the idle process
 * is current then.
 */
#include "kernel.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "fork.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "tty.h"
#include "vfs.h"
#include "vm.h"

static void default_limits(struct signal_struct *l)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		l->rlim[i].cur = l->rlim[i].max = RLIM64_INFINITY;
	l->rlim[RLIMIT_STACK].cur = VM_STACK_SIZE;
	l->rlim[RLIMIT_NPROC].cur = l->rlim[RLIMIT_NPROC].max = NPROC_DEFAULT;
	l->rlim[RLIMIT_NOFILE].cur = l->rlim[RLIMIT_NOFILE].max = FD_MAX;
}

/* Open the console as descriptors 0, 1 and 2 of p. */
static int open_console(struct proc *p)
{
	struct vfs_ctx ctx;
	struct cred cr;
	struct file *f;
	int err;

	proc_vfs_ctx(p, &ctx, &cr);
	err = file_open(&ctx, "/dev/console", O_RDWR, 0, &f);
	if (err)
		return err;
	for (int fd = 0; fd < 3; fd++)
		fd_install(p->files, fd_alloc(p->files, fd), file_get(f),
			   false);
	file_put(f);
	return 0;
}

static void init_state(struct proc *p, struct inode *root)
{
	p->fs->root = root;
	p->fs->cwd = iget(root);
	p->fs->umask = 022;
	p->signal->session.pgid = p->signal->session.sid = p->pid;
	p->signal->session.ctty = -1;
	p->exit_signal = 0;
	default_limits(p->signal);
}

/*
 * proc_start_init - make pid 1 run `path` with argv; root is the root
 * directory (its reference passes to init). Its parts come from the
 * init plan (fork.h: every one new). The process is runnable when this
 * returns. Panics if init cannot be started: nothing can run then.
 */
void proc_start_init(struct inode *root, const char *path,
		     const char *const *argv)
{
	static const char *const envp[] = {"HOME=/", "PATH=/bin:/sbin",
					   "TERM=vt100", NULL};
	struct proc_plan plan;
	struct trapframe tf;
	struct exec_ctx *ec;
	const char *epath;
	uint32_t entry, esp;
	struct proc *p;
	int err;

	p = proc_alloc(0, &err);
	if (!p || p->pid != 1)
		panic("cannot allocate pid 1 (%d)", err);
	proc_plan_make(PLAN_INIT, 0, &plan);
	if (proc_parts_apply(p, NULL, &plan))
		panic("init: no memory for its parts");
	init_state(p, root);
	err = open_console(p);
	if (err)
		printk("init: cannot open /dev/console (%d)\n", err);
	else
		tty_make_controlling(&p->signal->session, p->pid);

	ec = exec_prepare_kernel(p, path, argv, envp, &err);
	if (!ec)
		panic("cannot run init %s: error %d", path, err);
	p->vm = exec_ctx_take_vm(ec, &entry, &esp, &epath);
	exec_set_name(p->name, sizeof(p->name), epath);
	exec_ctx_release(ec);
	exec_start_frame(&tf, entry, esp);
	proc_setup_kstack(p, &tf);
	fpu_init_state(&p->fpu);
	initproc = p;
	sched_make_runnable(p);
}
