/*
 * kernel/dev/acpi_s5.c - find \_S5's sleep type values in AML without an
 * interpreter.
 *
 * Owns nothing: pure code over a byte range the caller has checked (the
 * DSDT's body), no locking, no allocation; host-tested on malformed AML
 * by tests/unit/test_acpi_s5.c and fuzzed by tests/fuzz/fuzz_acpi_s5.c.
 *
 * Invariants: every byte read lies inside [aml, aml + len), and inside
 * the package's own PkgLength; nothing read is trusted as an offset
 * before it is bounds-checked; a malformed candidate is passed over and
 * the scan goes on, so one bad match cannot hide a good one later.
 *
 * What is read is only the encoding firmware uses for \_S5 (ACPI 6.5,
 * 7.4.2 "\_Sx (System States)", and 20.2 "AML Grammar"):
 *   NameOp 0x08, NameString ['\' | '^'...] "_S5_", PackageOp 0x12,
 *   PkgLength (20.2.4: 1 to 4 bytes), NumElements (a byte, 2 or more),
 *   then two integers, each ZeroOp 0x00, OneOp 0x01, BytePrefix 0x0A b,
 *   WordPrefix 0x0B w, DWordPrefix 0x0C d (20.2.3). A value above 7 (a
 *   3-bit SLP_TYP field, 4.8.3.2.1) is malformed. An _S5 that is a
 *   Method, or whose elements are not constants, is not supported.
 */
#include "kernel.h"
#include "acpi.h"
#include "errno.h"

#define AML_NAME_OP 0x08
#define AML_PACKAGE_OP 0x12
#define AML_ZERO_OP 0x00
#define AML_ONE_OP 0x01
#define AML_BYTE_PREFIX 0x0A
#define AML_WORD_PREFIX 0x0B
#define AML_DWORD_PREFIX 0x0C
#define AML_ROOT_CHAR '\\'
#define AML_PARENT_CHAR '^'
#define SLP_TYP_MAX 7

/* A cursor over [p, end). */
struct aml {
	const uint8_t *p;
	const uint8_t *end;
};

/* PkgLength (20.2.4) at c: the lead byte's bits 7-6 count the bytes
 * that follow (0-3); with none, bits 5-0 are the length, else bits 3-0
 * are its low nibble. The length counts itself. Returns 0 and sets
 * c->end to the package's end, or -EINVAL. */
static int pkg_length(struct aml *c)
{
	const uint8_t *start = c->p;
	unsigned follow, lead;
	uint32_t n;

	if (c->p >= c->end)
		return -EINVAL;
	lead = *c->p++;
	follow = lead >> 6;
	if ((uint32_t)(c->end - c->p) < follow)
		return -EINVAL;
	if (follow == 0) {
		n = lead & 0x3f;
	} else {
		if (lead & 0x30)
			return -EINVAL; /* bits 5-4 must be 0 */
		n = lead & 0x0f;
		for (unsigned i = 0; i < follow; i++)
			n |= (uint32_t)*c->p++ << (4 + 8 * i);
	}
	if (n < (uint32_t)(c->p - start) || n > (uint32_t)(c->end - start))
		return -EINVAL;
	c->end = start + n;
	return 0;
}

/* One integer constant at c, 0..SLP_TYP_MAX. Returns 0 or -EINVAL. */
static int small_int(struct aml *c, uint8_t *v)
{
	uint32_t x, size;

	if (c->p >= c->end)
		return -EINVAL;
	switch (*c->p++) {
	case AML_ZERO_OP:
		*v = 0;
		return 0;
	case AML_ONE_OP:
		*v = 1;
		return 0;
	case AML_BYTE_PREFIX:
		size = 1;
		break;
	case AML_WORD_PREFIX:
		size = 2;
		break;
	case AML_DWORD_PREFIX:
		size = 4;
		break;
	default:
		return -EINVAL;
	}
	if ((uint32_t)(c->end - c->p) < size)
		return -EINVAL;
	x = 0;
	for (uint32_t i = 0; i < size; i++)
		x |= (uint32_t)*c->p++ << (8 * i);
	if (x > SLP_TYP_MAX)
		return -EINVAL;
	*v = (uint8_t)x;
	return 0;
}

/* The package after "_S5_" at c. Returns 0 or -EINVAL. */
static int s5_package(struct aml c, struct acpi_s5 *s5)
{
	struct acpi_s5 got;

	if (c.p >= c.end || *c.p++ != AML_PACKAGE_OP)
		return -EINVAL;
	if (pkg_length(&c) || c.p >= c.end || *c.p++ < 2)
		return -EINVAL;
	if (small_int(&c, &got.typ_a) || small_int(&c, &got.typ_b))
		return -EINVAL;
	*s5 = got;
	return 0;
}

/* Does a NameOp, then only root/parent prefix chars, precede at i? */
static bool after_name_op(const uint8_t *aml, uint32_t i)
{
	while (i > 0 &&
	       (aml[i - 1] == AML_ROOT_CHAR || aml[i - 1] == AML_PARENT_CHAR))
		i--;
	return i > 0 && aml[i - 1] == AML_NAME_OP;
}

/*
 * acpi_s5_parse - find Name(\_S5, Package(){a, b, ...}) in the AML
 * byte range [aml, aml + len) (a DSDT's body: the table without its
 * 36-byte header; ACPI 6.5, 7.4.2 and 20.2) and return its first two
 * elements, the SLP_TYPa and SLP_TYPb values of 4.8.3.2.1.
 * Returns 0 with *s5 set; -ENOENT when no "_S5_" follows a NameOp;
 * -EINVAL when every such candidate is malformed (*s5 untouched).
 */
int acpi_s5_parse(const uint8_t *aml, uint32_t len, struct acpi_s5 *s5)
{
	int err = -ENOENT;

	if (!aml)
		return -ENOENT;
	for (uint32_t i = 0; len >= 4 && i <= len - 4; i++) {
		struct aml c = {aml + i + 4, aml + len};

		if (memcmp(aml + i, "_S5_", 4) != 0 || !after_name_op(aml, i))
			continue;
		if (!s5_package(c, s5))
			return 0;
		err = -EINVAL;
	}
	return err;
}
