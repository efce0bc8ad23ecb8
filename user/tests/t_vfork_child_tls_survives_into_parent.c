/*
 * t_vfork_child_tls_survives_into_parent - set_thread_area in a vfork
 * child phase changes the child's TLS only; the parent keeps its own.
 *
 * Bug: Sleight's child phase ran in the parent's record and changed the
 * parent's TLS descriptor; before the vfork frame saved it, the parent
 * came back with %gs naming the child's base, and its next musl call
 * (errno, pthread_self) read the wrong memory and died of SIGSEGV
 * (issue 11). The frame's copy fixed the symptom; with the child phase
 * now a record of its own, the descriptor is per task as on Linux, and
 * this test holds the parent's base, pthread_self() and errno to what
 * they were after the child phase pointed the same slot elsewhere.
 */
#include <stdint.h>
#include <pthread.h>
#include "vforklib.h"

#define NR_EXIT 1
#define NR_SET_THREAD_AREA 243
#define NR_GET_THREAD_AREA 244
#define UD_FLAGS 0x51 /* seg_32bit, limit_in_pages, useable */

struct user_desc_abi {
	uint32_t entry_number, base_addr, limit, flags;
};

static uint32_t fake_tls[64];

static uint32_t read_gs(void)
{
	uint32_t v;

	__asm__ volatile("movl %%gs, %0" : "=r"(v));
	return v & 0xffff;
}

static int get_area(struct user_desc_abi *d)
{
	int r = NR_GET_THREAD_AREA;

	__asm__ volatile("int $0x80" : "+a"(r) : "b"(d) : "memory");
	return r;
}

/* In the child phase: point the slot %gs names at fake_tls, reload %gs,
 * exit through a bare int $0x80 (musl calls would use the fake TLS). */
static __attribute__((noreturn)) void move_tls_and_exit(void)
{
	static struct user_desc_abi d;
	uint32_t gs = read_gs();
	int r = NR_SET_THREAD_AREA;

	d = (struct user_desc_abi){ .entry_number = gs >> 3,
				    .base_addr = (uint32_t)fake_tls,
				    .limit = 0xfffff,
				    .flags = UD_FLAGS };
	__asm__ volatile("int $0x80" : "+a"(r) : "b"(&d) : "memory");
	__asm__ volatile("movl %0, %%gs" : : "r"(gs));
	__asm__ volatile("int $0x80" : : "a"(NR_EXIT), "b"(r ? 99 : 5));
	for (;;)
		;
}

int main(int argc, char **argv)
{
	struct user_desc_abi before = { 0 }, after = { 0 };
	uint32_t self_before, self_after;
	pid_t p;
	int st = -1;

	test_init(argv);
	before.entry_number = read_gs() >> 3;
	after.entry_number = before.entry_number;
	check_eq(get_area(&before), 0, "get_thread_area of musl's slot");
	self_before = (uint32_t)pthread_self();
	p = vfork();
	if (p == 0)
		move_tls_and_exit();
	self_after = (uint32_t)pthread_self();
	check_eq(get_area(&after), 0, "get_thread_area after the phase");
	check(after.base_addr == before.base_addr,
	      "the parent's TLS base is its own (%#x, was %#x, child's %#x)",
	      after.base_addr, before.base_addr, (uint32_t)fake_tls);
	check(self_after == self_before, "pthread_self() (through %%gs) "
	      "is the parent's (%#x, was %#x)", self_after, self_before);
	errno = 0;
	check(close(-1) == -1 && errno == EBADF,
	      "errno (in the TLS) still works in the parent");
	if (waitpid(p, &st, 0) != p)
		st = -1;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "the child phase moved its TLS and exited 5 (status %#x)", st);
	return test_done();
}
