/*
 * kernel/proc/exec.c - execve(2): load a static ELF32 program (or a #!
 * script's interpreter) into a new address space and start it.
 *
 * Owns struct exec_ctx, everything exec builds before its point of no
 * return. exec runs in two halves, so that the vfork child phase can turn
 * it into a spawn:
 *   exec_prepare  - copy path, argv and envp into the kernel (the caller's
 *                   memory may be reused at once), resolve and check the
 *                   file, build the complete new address space with the
 *                   initial stack. Everything that can fail is here; the
 *                   caller is untouched on failure.
 *   (proc_execve then ends the caller's other threads, thread_de_thread)
 *   exec_install  - exec's plan (fork.h), which can fail only for want
 *                   of memory for an unshared part; then nothing can fail:
 *                   swap the address space in, close close-on-exec
 *                   descriptors, reset caught signals. proc_execve then
 *                   points the trap frame at the entry point; in a vfork
 *                   child phase vfork_exec gives the program a stack.
 * Locking: runs in process context; the file system and vm calls take
 * what they need.
 * Sources: execve(2), System V ABI i386 supplement ("Process
 * Initialization"), Linux fs/binfmt_script.c for #!, and fs/exec.c
 * exec_binprm for its depth: five interpreter rewrites, ELOOP at the
 * sixth.
 */
#include "kernel.h"
#include "errno.h"
#include "exec.h"
#include "file.h"
#include "fork.h"
#include "futex.h"
#include "mm.h"
#include "proc.h"
#include "sched.h"
#include "thread.h"
#include "signal.h"
#include "uaccess.h"
#include "vfs.h"
#include "vfork.h"
#include "vm.h"
#include "arch/x86/cpu.h"
#include "arch/x86/eflags.h"
#include "arch/x86/gdt.h"

#define EXEC_SCRIPT_DEPTH 5   /* #! interpreters nested at most */
#define EXEC_STACK_SLACK 2048 /* bytes for pointers, auxv, padding */

struct exec_ctx {
	const struct proc *owner; /* whose files and ids apply */
	char *path;		  /* the path given (AT_EXECFN) */
	char *load_path;	  /* the file actually loaded */
	struct exec_args args;
	struct elf_plan *plan;
	struct vm_space *vm; /* the new address space */
	uint32_t entry, esp;
};

/* ---- argument copying through the uaccess layer ---- */

static long ea_strncpy(char *dst, uint32_t src, long max, void *ctx)
{
	long n = strncpy_from_user(dst, (const char __user *)(uintptr_t)src,
				   max);

	return n == -ENAMETOOLONG ? max : n;
}

static int ea_get_ptr(uint32_t *val, uint32_t src, void *ctx)
{
	return get_user_u32(val, (const void __user *)(uintptr_t)src);
}

static const struct exec_uaccess exec_ua = {
	.strncpy_from_user = ea_strncpy,
	.get_user_ptr = ea_get_ptr,
};

static void *ea_alloc(size_t n, void *ctx)
{
	return vmalloc(n);
}

static void ea_free(void *p, size_t n, void *ctx)
{
	vfree(p, n);
}

static const struct exec_alloc exec_al = {
	.alloc = ea_alloc,
	.free = ea_free,
};

/* ---- the file ---- */

/* proc_vfs_ctx - the vfs context of p: its root, cwd and effective ids
 * (cr is filled and pointed to by ctx). */
void proc_vfs_ctx(const struct proc *p, struct vfs_ctx *ctx, struct cred *cr)
{
	cr->uid = p->ids.euid;
	cr->gid = p->ids.egid;
	ctx->root = p->fs->root;
	ctx->cwd = p->fs->cwd;
	ctx->cred = cr;
}

/* Open path for execution by p: a regular file with execute permission. */
static int open_exec(const struct proc *p, const char *path, struct file **out)
{
	struct vfs_ctx ctx;
	struct cred cr;
	struct inode *ip;
	int err;

	proc_vfs_ctx(p, &ctx, &cr);
	err = vfs_lookup(&ctx, path, LOOKUP_FOLLOW, &ip);
	if (err)
		return err;
	if (!S_ISREG(ip->mode))
		err = -EACCES;
	else
		err = vfs_permission(ip, MAY_EXEC, &cr);
	if (!err)
		err = file_open_inode(ip, O_RDONLY, out);
	iput(ip);
	return err;
}

/* Read exactly n bytes at off, or fail with -ENOEXEC (short file) or the
 * read error. */
static int read_exact(struct file *f, void *buf, uint32_t n, uint32_t off)
{
	long got = file_pread(f, buf, n, off);

	if (got < 0)
		return (int)got;
	return (uint32_t)got == n ? 0 : -ENOEXEC;
}

/* ---- building the address space ---- */

static uint32_t seg_prot(uint32_t pflags)
{
	return (pflags & PF_R ? VM_PROT_READ : 0) |
	       (pflags & PF_W ? VM_PROT_WRITE : 0) |
	       (pflags & PF_X ? VM_PROT_EXEC : 0);
}

/*
 * Fill page va of a segment from the file. A page whose bytes all come
 * from the file is mapped from the file's own page (shared, copy-on-write:
 * no copy, and every exec of a program runs the same physical text); a
 * page that the file ends in, followed by bss, or a hole, is copied.
 */
static int load_page(struct vm_space *vm, struct file *f,
		     const struct elf_seg *s, uint32_t va, void *buf)
{
	uint32_t foff = s->offset - (s->vaddr - va); /* page-aligned */
	uint32_t fend = s->offset + s->filesz;
	uint32_t from = MAX(va, s->vaddr);
	uint32_t to = MIN(va + PAGE_SIZE, s->vaddr + s->filesz);
	bool whole = foff + PAGE_SIZE <= fend ||
		     (s->memsz == s->filesz &&
		      foff + PAGE_SIZE <= ALIGN_UP(fend, PAGE_SIZE));
	void *page = whole ? vfs_get_page(f->inode, foff / PAGE_SIZE) : NULL;
	int err;

	if (page)
		return vm_map_frame(vm, va, V2P(page));
	err = read_exact(f, buf, to - from, s->offset + (from - s->vaddr));
	return err ? err : vm_copy_in(vm, from, buf, to - from);
}

/* Map one PT_LOAD segment and fill its file bytes in; the rest of memsz
 * stays zero (the bss). */
static int load_segment(struct vm_space *vm, struct file *f,
			const struct elf_seg *s, void *buf)
{
	uint32_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
	uint32_t end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
	uint32_t fill_end = s->vaddr + s->filesz;
	int err = vm_map_anon(vm, start, end - start, seg_prot(s->flags), 0);

	for (uint32_t va = start; !err && va < fill_end; va += PAGE_SIZE)
		err = load_page(vm, f, s, va, buf);
	return err;
}

/* Map the stack and write argc, argv, envp, auxv and the strings. */
static int build_stack(struct exec_ctx *ec)
{
	uint8_t random[USTACK_RANDOM_BYTES];
	struct ustack_info in = {
		.args = &ec->args,
		.execfn = ec->path,
		.random = random,
		.plan = ec->plan,
		.uid = ec->owner->ids.uid,
		.euid = ec->owner->ids.euid,
		.gid = ec->owner->ids.gid,
		.egid = ec->owner->ids.egid,
		.hwcap = cpu_features_edx(),
	};
	uint32_t len = ALIGN_UP(ec->args.len + strlen(ec->path) +
					4 * (ec->args.argc + ec->args.envc) +
					EXEC_STACK_SLACK,
				PAGE_SIZE);
	void *buf;
	int err;

	err = vm_map_anon(ec->vm, VM_STACK_TOP - VM_STACK_SIZE, VM_STACK_SIZE,
			  VM_PROT_READ | VM_PROT_WRITE, 0);
	if (err)
		return err;
	if (len > VM_STACK_SIZE / 4)
		return -E2BIG;
	buf = vmalloc(len);
	if (!buf)
		return -ENOMEM;
	get_random_bytes(random, sizeof(random));
	err = ustack_build(&in, buf, len, VM_STACK_TOP, &ec->esp);
	if (!err)
		err = vm_copy_in(ec->vm, VM_STACK_TOP - len, buf, len);
	vfree(buf, len);
	return err;
}

/*
 * Does a segment of plan lie in the stack area [VM_STACK_TOP -
 * VM_STACK_SIZE, VM_STACK_TOP)? build_stack would map the stack over it,
 * and the program would run on zeroed pages. Linux places its stack
 * first and fails such a program's MAP_FIXED_NOREPLACE mapping after
 * the point of no return; here it is refused before anything is built.
 */
static bool plan_hits_stack(const struct elf_plan *plan)
{
	for (uint32_t i = 0; i < plan->nseg; i++) {
		const struct elf_seg *s = &plan->seg[i];
		uint64_t start = ALIGN_DOWN(s->vaddr, PAGE_SIZE);
		uint64_t end =
			ALIGN_UP((uint64_t)s->vaddr + s->memsz, PAGE_SIZE);

		if (start < VM_STACK_TOP && end > VM_STACK_TOP - VM_STACK_SIZE)
			return true;
	}
	return false;
}

/* Build ec->vm from the plan: -ENOEXEC (a segment in the stack area),
 * -ENOMEM, -E2BIG or a read error. */
static int load_elf(struct exec_ctx *ec, struct file *f)
{
	void *page;
	int err = 0;

	if (plan_hits_stack(ec->plan))
		return -ENOEXEC;
	page = kmalloc(PAGE_SIZE);
	if (!page)
		return -ENOMEM;
	ec->vm = vm_create();
	if (!ec->vm)
		err = -ENOMEM;
	for (uint32_t i = 0; !err && i < ec->plan->nseg; i++)
		err = load_segment(ec->vm, f, &ec->plan->seg[i], page);
	kfree(page);
	if (err)
		return err;
	vm_set_brk_base(ec->vm, ec->plan->hi);
	ec->entry = ec->plan->entry;
	return build_stack(ec);
}

/*
 * Identify the file at ec->load_path: an ELF plan (returns 0 with
 * ec->plan filled and *fp open) or a script (returns 1 after rewriting the
 * arguments and load_path for its interpreter).
 */
static int identify(struct exec_ctx *ec, struct file **fp,
		    struct exec_image *img, void *head)
{
	uint32_t size, n;
	int err;

	err = open_exec(ec->owner, ec->load_path, fp);
	if (err)
		return err;
	size = (uint32_t)MIN((*fp)->inode->size, (int64_t)0xFFFFFFFF);
	n = MIN(size, PAGE_SIZE);
	err = read_exact(*fp, head, n, 0);
	if (!err)
		err = exec_identify(head, n, size, img);
	if (err == EXEC_SCRIPT) { /* > 0: the kind, not an error */
		err = exec_args_script(&ec->args, &img->script, ec->load_path);
		if (!err)
			err = strlcpy(ec->load_path, img->script.interp,
				      PATH_MAX) >= PATH_MAX
				      ? -ENAMETOOLONG
				      : 1;
	}
	if (err) {
		file_put(*fp);
		*fp = NULL;
	}
	return err;
}

static int resolve_and_load(struct exec_ctx *ec)
{
	struct exec_image *img = kmalloc(sizeof(*img));
	void *head = kmalloc(PAGE_SIZE);
	struct file *f = NULL;
	int err = -ENOMEM, depth;

	if (!img || !head)
		goto out;
	for (depth = 0; depth <= EXEC_SCRIPT_DEPTH; depth++) {
		err = identify(ec, &f, img, head);
		if (err != 1)
			break;
	}
	if (err == 1)
		err = -ELOOP;
	if (!err) {
		ec->plan = &img->elf;
		err = load_elf(ec, f);
		ec->plan = NULL;
		file_put(f);
	}
out:
	kfree(head);
	kfree(img);
	return err;
}

/* ---- the two halves ---- */

/* exec_ctx_release - free whatever exec_prepare built and commit did not
 * take. */
void exec_ctx_release(struct exec_ctx *ec)
{
	if (ec->vm)
		vm_destroy(ec->vm);
	exec_args_free(&ec->args);
	kfree(ec->load_path);
	kfree(ec->path);
	kfree(ec);
}

static struct exec_ctx *exec_ctx_new(const struct proc *owner)
{
	struct exec_ctx *ec = kzalloc(sizeof(*ec));

	if (!ec)
		return NULL;
	if (exec_args_init(&ec->args, &exec_al)) {
		kfree(ec);
		return NULL;
	}
	ec->owner = owner;
	ec->path = kmalloc(PATH_MAX);
	ec->load_path = kmalloc(PATH_MAX);
	if (!ec->path || !ec->load_path) {
		exec_ctx_release(ec);
		return NULL;
	}
	return ec;
}

/* The common tail of both prepares: resolve and build, or release. */
static struct exec_ctx *finish_prepare(struct exec_ctx *ec, int *err)
{
	if (!*err) {
		strlcpy(ec->load_path, ec->path, PATH_MAX);
		*err = resolve_and_load(ec);
	}
	if (*err) {
		exec_ctx_release(ec);
		return NULL;
	}
	return ec;
}

/*
 * exec_prepare - do every part of execve that can fail, for current.
 * Returns a context for exec_install, or NULL with
 * *err set to -ENOENT, -ENOTDIR, -EACCES, -ENOEXEC, -E2BIG, -EFAULT,
 * -ENOMEM, -ENAMETOOLONG or -ELOOP. Current's state is not changed.
 */
struct exec_ctx *exec_prepare(const char __user *upath, uint32_t uargv,
			      uint32_t uenvp, int *err)
{
	struct exec_ctx *ec = exec_ctx_new(current);
	long n;

	if (!ec) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(ec->path, upath, PATH_MAX);
	*err = n < 0 ? (int)n : n == 0 ? -ENOENT : 0;
	if (!*err)
		*err = exec_args_copy_user(&ec->args, uargv, false, &exec_ua);
	if (!*err)
		*err = exec_args_copy_user(&ec->args, uenvp, true, &exec_ua);
	return finish_prepare(ec, err);
}

/*
 * exec_prepare_kernel - as exec_prepare, for a program the kernel starts
 * (init) in process p, with kernel strings: argv and envp are
 * NULL-terminated arrays.
 */
struct exec_ctx *exec_prepare_kernel(const struct proc *p, const char *path,
				     const char *const *argv,
				     const char *const *envp, int *err)
{
	struct exec_ctx *ec = exec_ctx_new(p);

	if (!ec) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = strlcpy(ec->path, path, PATH_MAX) >= PATH_MAX ? -ENAMETOOLONG
							     : 0;
	for (; !*err && *argv; argv++)
		*err = exec_args_add(&ec->args, *argv, false);
	for (; !*err && *envp; envp++)
		*err = exec_args_add(&ec->args, *envp, true);
	return finish_prepare(ec, err);
}

/* exec_start_frame - registers for a new program: all zero but the
 * entry point, the stack and flat user segments, interrupts on. */
void exec_start_frame(struct trapframe *tf, uint32_t entry, uint32_t esp)
{
	memset(tf, 0, sizeof(*tf));
	tf->eip = entry;
	tf->esp = esp;
	tf->cs = SEL_UCODE;
	tf->ds = tf->es = tf->fs = tf->gs = tf->ss = SEL_UDATA;
	tf->eflags = EFLAGS_IF | EFLAGS_FIXED;
}

/* Base name of path into name (for ps and messages). */
void exec_set_name(char *name, size_t size, const char *path)
{
	const char *base = path;

	for (const char *p = path; *p; p++)
		if (*p == '/' && p[1])
			base = p + 1;
	strlcpy(name, base, size);
}

/* exec_ctx_take_vm - hand the new address space to its owner; returns
 * it with entry, esp and the path (ec's, valid until it is released). */
struct vm_space *exec_ctx_take_vm(struct exec_ctx *ec, uint32_t *entry,
				  uint32_t *esp, const char **path)
{
	struct vm_space *vm = ec->vm;

	ec->vm = NULL;
	*entry = ec->entry;
	*esp = ec->esp;
	*path = ec->path;
	return vm;
}

/*
 * exec_install - the point of no return of execve for p (current, or a
 * vfork child phase about to get its own stack): carry out exec's plan
 * (fork.h: an fd table and dispositions of its own if shared, close-on-
 * exec slots closed, caught handlers reset), then give p the new address
 * space, name, FPU state and an empty TLS. Sets *entry and *esp for the
 * first registers. Consumes ec. 0, or -ENOMEM with p unchanged.
 */
int exec_install(struct proc *p, struct exec_ctx *ec, uint32_t *entry,
		 uint32_t *esp)
{
	struct vm_space *old = p->vm;
	struct proc_plan plan;
	const char *path;
	int err;

	proc_plan_make(PLAN_EXEC, 0, &plan);
	err = proc_parts_apply(p, p, &plan);
	if (err) {
		exec_ctx_release(ec);
		return err;
	}
	futex_exec_release(p); /* it leaves its memory */
	p->vm = exec_ctx_take_vm(ec, entry, esp, &path);
	if (!p->vfork_parent) /* else old is the parent's, still loaded */
		pgdir_switch(vm_pgdir(p->vm));
	vm_put(old);
	exec_set_name(p->name, sizeof(p->name), path);
	fpu_init_state(&p->fpu);
	p->tls_base = 0;
	p->tls_limit = 0;
	p->tls_present = false;
	exec_ctx_release(ec);
	return 0;
}

/*
 * proc_execve - execve(2) for current (see exec.h). On success the new
 * program starts with eax 0 and this returns 0 into its trap frame; in a vfork
 * child phase the program is spawned as a new process instead (see vfork.c).
 * Errors are those of exec_prepare, with current unchanged; on -ENOMEM the OOM
 * killer runs once (waiting for its victim) and exec_prepare, which left
 * nothing behind, is tried again. In a thread group, every other thread
 * is ended once the program is ready, and a caller that is not the
 * leader takes the leader's pid (thread_de_thread).
 */
long proc_execve(const char __user *upath, uint32_t uargv, uint32_t uenvp)
{
	uint32_t entry, esp;
	int err;
	struct exec_ctx *ec = exec_prepare(upath, uargv, uenvp, &err);

	if (!ec && err == -ENOMEM && !mm_out_of_memory("exec", true))
		ec = exec_prepare(upath, uargv, uenvp, &err);
	if (!ec)
		return err;
	if (current->vfork_parent)
		return vfork_exec(ec);
	err = thread_de_thread(); /* the other threads end first */
	if (err) {
		exec_ctx_release(ec);
		return err;
	}
	err = exec_install(current, ec, &entry, &esp);
	if (err)
		return err;
	fpu_restore(&current->fpu);
	exec_start_frame(current->tf, entry, esp);
	return 0;
}
