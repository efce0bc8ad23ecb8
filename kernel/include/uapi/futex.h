/*
 * uapi/futex.h - futex(2) operations and flags, the FUTEX_WAKE_OP
 * encoding, the robust-futex word bits and the i386 layout of the
 * robust list (Linux include/uapi/linux/futex.h).
 * Checked against Debian's linux-libc-dev:i386 by tests/unit/test_uapi.c.
 * Sources: futex(2), set_robust_list(2), Linux
 * Documentation/locking/robust-futex-ABI.rst.
 */
#ifndef SLEIGHT_UAPI_FUTEX_H
#define SLEIGHT_UAPI_FUTEX_H

#include <stdint.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_FD 2
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_LOCK_PI 6
#define FUTEX_UNLOCK_PI 7
#define FUTEX_TRYLOCK_PI 8
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_WAIT_REQUEUE_PI 11
#define FUTEX_CMP_REQUEUE_PI 12
#define FUTEX_LOCK_PI2 13

#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)

/* A wait's bitset that every wake matches (FUTEX_WAIT, FUTEX_WAKE). */
#define FUTEX_BITSET_MATCH_ANY 0xffffffff

/* FUTEX_WAKE_OP's val3: op << 28 | cmp << 24 | oparg << 12 | cmparg,
 * the two arguments 12-bit signed. */
#define FUTEX_OP_SET 0	       /* uaddr2 = oparg */
#define FUTEX_OP_ADD 1	       /* uaddr2 += oparg */
#define FUTEX_OP_OR 2	       /* uaddr2 |= oparg */
#define FUTEX_OP_ANDN 3	       /* uaddr2 &= ~oparg */
#define FUTEX_OP_XOR 4	       /* uaddr2 ^= oparg */
#define FUTEX_OP_OPARG_SHIFT 8 /* or'ed into op: use 1 << oparg */

#define FUTEX_OP_CMP_EQ 0 /* wake on uaddr2 too if oldval == cmparg */
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5

/* A robust futex word: the owner's tid and two flag bits. */
#define FUTEX_WAITERS 0x80000000
#define FUTEX_OWNER_DIED 0x40000000
#define FUTEX_TID_MASK 0x3fffffff

/* Entries of a robust list walked at exit at most (against loops). */
#define ROBUST_LIST_LIMIT 2048

/* i386 struct robust_list_head (12 bytes): user addresses as 32-bit
 * words. Bit 0 of an entry pointer marks a PI futex. */
struct robust_list_head_abi {
	uint32_t next;		  /* first entry, or &head when empty */
	int32_t futex_offset;	  /* entry + this = its futex word */
	uint32_t list_op_pending; /* entry being added or removed, or 0 */
};

#endif
