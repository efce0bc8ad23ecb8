/*
 * uapi/ldt.h - struct user_desc of set_thread_area(2) and
 * get_thread_area(2) (asm/ldt.h: four words, the flags as bit-fields
 * in the last, lowest first).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Source: set_thread_area(2).
 */
#ifndef SLEIGHT_UAPI_LDT_H
#define SLEIGHT_UAPI_LDT_H

#include <stdint.h>

struct user_desc {
	uint32_t entry_number;
	uint32_t base_addr;
	uint32_t limit;
	uint32_t flags; /* seg_32bit:1 contents:2 read_exec_only:1
			   limit_in_pages:1 seg_not_present:1 useable:1 */
};

#define UD_LIMIT_IN_PAGES (1u << 4)
#define UD_NOT_PRESENT (1u << 5)

#endif
