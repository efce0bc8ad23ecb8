/*
 * fuzz_acpi_s5.c - libFuzzer harness for the \_S5 AML package reader
 * (kernel/dev/acpi_s5.c: acpi_s5_parse).
 *
 * The input is the AML (a DSDT body), handed over as an exact-size heap
 * copy so AddressSanitizer catches any read past its end. The result
 * must be 0, -ENOENT or -EINVAL; with 0 both values are 3-bit SLP_TYP
 * values, and otherwise *s5 is untouched (a violation aborts).
 * Single-threaded.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "errno.h"

/* One run: the input as AML; see above. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct acpi_s5 s5 = {0xAA, 0xBB};
	uint32_t len = size > (1u << 20) ? 1u << 20 : (uint32_t)size;
	uint8_t *p = malloc(len ? len : 1);
	int err;

	memcpy(p, data, len);
	err = acpi_s5_parse(p, len, &s5);
	if (err != 0 && err != -ENOENT && err != -EINVAL)
		abort();
	if (!err && (s5.typ_a > 7 || s5.typ_b > 7))
		abort();
	if (err && (s5.typ_a != 0xAA || s5.typ_b != 0xBB))
		abort();
	free(p);
	return 0;
}
