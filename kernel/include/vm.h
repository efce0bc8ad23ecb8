/*
 * vm.h - user address spaces: a page directory plus the list of mapped
 * regions (VMAs), the program break and the mmap area.
 *
 * User map (virtual), Linux i386-like:
 *   0x00000000 .. 0x00000FFF   never mapped (NULL dereferences fault)
 *   program image, then the brk heap growing up
 *   mmap area growing down from VM_MMAP_TOP
 *   the stack, growing down from VM_STACK_TOP, with a guard gap below
 *   VM_STACK_TOP .. 0xBFFFFFFF the top of the user half
 */
#ifndef SLEIGHT_VM_H
#define SLEIGHT_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "mm.h"

struct vm_space;

struct vm_space *vm_create(void);		/* NULL: -ENOMEM */
struct vm_space *vm_clone(struct vm_space *src);	/* copy-on-write */
void vm_destroy(struct vm_space *vm);
pde_t *vm_pgdir(struct vm_space *vm);

#endif
