/*
 * kernel/arch/x86/gdt.c - the global descriptor table and the TSS.
 *
 * Owns gdt[] and tss. Single CPU: both are written only with interrupts
 * off (at boot, on a thread switch, by set_thread_area).
 * Invariants: entries 0..5 never change after gdt_init; tss.ss0 is always
 * SEL_KDATA; the TSS descriptor stays "busy" once loaded (never reloaded).
 * Follows Intel SDM vol. 3, 3.4.5 (segment descriptors), 7.2.1-7.2.2 (TSS
 * and TSS descriptor), 3.4.3 (segment registers), 5.5-5.8 (the privilege
 * checks gdt_user_selector_ok makes before the kernel loads a selector a
 * process chose).
 */
#include "kernel.h"
#include "errno.h"
#include "arch/x86/gdt.h"

/* Access byte bits (SDM vol. 3, figure 3-8). */
#define ACC_PRESENT 0x80
#define ACC_DPL3 0x60
#define ACC_CODEDATA 0x10 /* S: code or data, not system */
#define ACC_CODE 0x0A	  /* execute/read */
#define ACC_DATA 0x02	  /* read/write */
#define ACC_TSS32 0x09	  /* available 32-bit TSS */
#define ACC_DPL_MASK 0x60
#define TYPE_CODE 0x08 /* type bit 3: code, else data */
#define TYPE_RW 0x02   /* code: readable; data: writable */
#define SEL_TI 0x04    /* selector table indicator: LDT */
/* Flags nibble: G (4 KiB granularity) and D/B (32-bit). */
#define FLG_4K_32 0xC

struct gdt_desc {
	uint16_t limit_lo;
	uint16_t base_lo;
	uint8_t base_mid;
	uint8_t access;
	uint8_t limit_hi_flags; /* limit 19:16 | flags << 4 */
	uint8_t base_hi;
} __attribute__((packed));

static struct gdt_desc gdt[GDT_ENTRIES] __attribute__((aligned(8)));
static struct tss tss __attribute__((aligned(16)));

static void set_desc(unsigned i, uint32_t base, uint32_t limit, uint8_t access,
		     uint8_t flags)
{
	gdt[i].limit_lo = limit & 0xFFFF;
	gdt[i].base_lo = base & 0xFFFF;
	gdt[i].base_mid = (base >> 16) & 0xFF;
	gdt[i].access = access;
	gdt[i].limit_hi_flags = ((limit >> 16) & 0x0F) | (flags << 4);
	gdt[i].base_hi = base >> 24;
}

/* lgdt, then reload CS with a far jump and the data segment registers,
 * so no register keeps a descriptor cached from the loader's GDT. */
static void load_gdt(void)
{
	struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) gdtr = {sizeof(gdt) - 1, (uint32_t)gdt};

	__asm__ volatile("lgdt %0\n\t"
			 "ljmp %1, $1f\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "movw %%ax, %%ss"
			 :
			 : "m"(gdtr), "i"(SEL_KCODE), "i"(SEL_KDATA)
			 : "eax", "memory");
}

void gdt_init(void)
{
	const uint8_t code = ACC_PRESENT | ACC_CODEDATA | ACC_CODE;
	const uint8_t data = ACC_PRESENT | ACC_CODEDATA | ACC_DATA;

	memset(gdt, 0, sizeof(gdt));
	set_desc(GDT_KCODE, 0, 0xFFFFF, code, FLG_4K_32);
	set_desc(GDT_KDATA, 0, 0xFFFFF, data, FLG_4K_32);
	set_desc(GDT_UCODE, 0, 0xFFFFF, code | ACC_DPL3, FLG_4K_32);
	set_desc(GDT_UDATA, 0, 0xFFFFF, data | ACC_DPL3, FLG_4K_32);

	memset(&tss, 0, sizeof(tss));
	tss.ss0 = SEL_KDATA;
	tss.iomap_base = sizeof(tss); /* no I/O bitmap: ring 3 has no ports */
	gdt_set_tss(GDT_TSS, &tss);

	load_gdt();
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
	/* No LDT: a null LDTR makes every selector with TI set fault (#GP).
	 * The reset LDTR (base 0, limit 0xFFFF; SDM vol. 3, 2.4.2 and table
	 * 10-1) would let a process write descriptors, call gates into ring
	 * 0 among them, in its own memory below 64 KiB. */
	__asm__ volatile("lldt %w0" : : "r"(0));
}

void gdt_set_tss(unsigned index, const struct tss *t)
{
	set_desc(index, (uint32_t)t, sizeof(*t) - 1, ACC_PRESENT | ACC_TSS32,
		 0);
}

const struct tss *tss_kernel(void)
{
	return &tss;
}

void tss_set_kernel_stack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

int gdt_set_tls(unsigned entry, uint32_t base, uint32_t limit_pages,
		bool present)
{
	if (entry < GDT_ENTRY_TLS_MIN || entry > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	if (limit_pages > 0xFFFFF)
		return -EINVAL;
	if (!present) {
		memset(&gdt[entry], 0, sizeof(gdt[entry]));
		return 0;
	}
	set_desc(entry, base, limit_pages,
		 ACC_PRESENT | ACC_DPL3 | ACC_CODEDATA | ACC_DATA, FLG_4K_32);
	return 0;
}

bool gdt_user_selector_ok(uint32_t sel, enum seg_use use)
{
	unsigned index = (sel & 0xFFFF) >> 3;
	uint8_t acc;

	if ((sel & 0xFFFC) == 0) /* null, any RPL */
		return use == SEG_USE_DATA;
	if ((sel & 3) != 3 || (sel & SEL_TI) || index >= GDT_ENTRIES)
		return false;
	acc = gdt[index].access;
	if (!(acc & ACC_PRESENT) || !(acc & ACC_CODEDATA) ||
	    (acc & ACC_DPL_MASK) != ACC_DPL3)
		return false;
	switch (use) {
	case SEG_USE_CODE:
		return acc & TYPE_CODE;
	case SEG_USE_STACK:
		return !(acc & TYPE_CODE) && (acc & TYPE_RW);
	case SEG_USE_DATA:
		return !(acc & TYPE_CODE) || (acc & TYPE_RW);
	}
	return false;
}
