# Sleight build. `make help` lists the targets.
#
# Everything is built under build/. The kernel is a freestanding i686 ELF
# linked with linker.ld; the ISO is a GRUB hybrid (BIOS + UEFI, CD + USB).

CROSS    ?= i686-linux-gnu-
CC        = $(CROSS)gcc
LD        = $(CROSS)ld
NM        = $(CROSS)nm
OBJCOPY   = $(CROSS)objcopy
OBJDUMP   = $(CROSS)objdump
HOSTCC   ?= gcc
B         = build

KCFLAGS  := -std=gnu11 -m32 -march=i686 -O2 -g \
            -ffreestanding -nostdlib -fno-pie -fno-pic -fno-stack-protector \
            -fno-omit-frame-pointer -fno-builtin -mgeneral-regs-only \
            -Wall -Wextra -Wno-unused-parameter -Ikernel/include -Ikernel -I$(B)/gen \
            -MMD -MP
# Every non-static function is declared in a header its .c includes.
KCFLAGS  += -Wmissing-prototypes -Wstrict-prototypes
ifeq ($(CI),true)
KCFLAGS  += -Werror
endif
KASFLAGS := -m32 -g -Ikernel/include -MMD -MP
KLDFLAGS := -m elf_i386 -T linker.ld -nostdlib --build-id=none -z noexecstack
LIBGCC   := $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)

KSRC_C   := $(shell find kernel -name '*.c' | sort)
KSRC_S   := $(shell find boot kernel -name '*.S' | sort)
GEN      := $(B)/gen
KOBJ     := $(patsubst %.c,$(B)/%.o,$(KSRC_C)) $(patsubst %.S,$(B)/%.o,$(KSRC_S)) \
            $(B)/gen/syscall_table.o
KERNEL   := $(B)/sleight.elf
ISO      := $(B)/sleight.iso

QEMU     ?= qemu-system-i386
QEMU64   ?= qemu-system-x86_64
OVMF     ?= /usr/share/ovmf/OVMF.fd
MEM      ?= 128
QFLAGS   := -m $(MEM) -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04
RUN_CMDLINE ?=

.PHONY: all iso run run-uefi debug test test-unit test-boot test-os test-host test-sh-host \
        deps clean compdb format format-check help bench bench-fs unit-bins user

.DEFAULT_GOAL := all

# ---- user space (defines INITRAMFS, used below) ---------------------------

include user/user.mk

all: $(KERNEL) $(ISO) $(INITRAMFS)

help:
	@echo "make            kernel and ISO"
	@echo "make iso        the hybrid BIOS/UEFI ISO ($(ISO))"
	@echo "make run        boot the ISO in QEMU (window if a display, else serial)"
	@echo "make run-uefi   the same under OVMF (UEFI)"
	@echo "make debug      QEMU halted at reset with a gdb stub; gdb -x $(B)/gdbinit"
	@echo "make test       every test; prints 'N passed, N failed'"
	@echo "make test-unit  host unit tests (cmocka); also test-boot, test-os,"
	@echo "                test-host, test-sh-host: one suite each"
	@echo "make bench      Sleight vs Linux on the same QEMU (tools/bench.sh)"
	@echo "make bench-fs   tmpfs directories and a 60,000-file initramfs (tools/bench-fs.sh)"
	@echo "make deps       install the Debian packages (as root)"
	@echo "make compdb     compile_commands.json for editors"
	@echo "make clean      remove $(B)/"

deps:
	@bash tools/deps.sh

# ---- kernel ---------------------------------------------------------------

# The syscall numbers, prototypes and dispatch table come from one file
# (one run makes all three: a grouped target).
# The generator leaves an unchanged file alone (so nothing recompiles
# for nothing); the stamp records that it ran.
$(GEN)/syscalls.stamp: kernel/sys/syscall.tbl tools/gen-syscalls
	bash tools/gen-syscalls kernel/sys/syscall.tbl $(GEN)
	@touch $@

$(GEN)/syscall_nr.h $(GEN)/syscalls.h $(GEN)/syscall_table.c: $(GEN)/syscalls.stamp
	@test -f $@

$(B)/%.o: %.c | $(GEN)/syscall_nr.h $(GEN)/syscalls.h
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

# The CPU check runs before the kernel knows the CPU is an i686: i386
# code only, in the .boot sections (tools/check-early-obj says why).
EARLY_OBJ := $(B)/kernel/arch/x86/cpu_early.o
$(EARLY_OBJ): kernel/arch/x86/cpu_early.c tools/check-early-obj
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -march=i686,$(KCFLAGS)) -march=i386 -mtune=i386 \
		-fno-jump-tables -fno-tree-loop-distribute-patterns \
		-fno-asynchronous-unwind-tables -MF $(@:.o=.d) -MT $@ \
		-c $< -o $@.tmp
	OBJDUMP=$(OBJDUMP) NM=$(NM) bash tools/check-early-obj $@.tmp
	mv $@.tmp $@

$(GEN)/syscall_table.o: $(GEN)/syscall_table.c
	$(CC) $(KCFLAGS) -c $< -o $@

$(B)/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -c $< -o $@

# The console fonts: Terminus from console-setup-linux, converted into
# C arrays by tools/psf2c (kernel/include/font.h). The same objects go
# into the host tools that read the screen back (tools/screen-text.c).
FONT_DIR  := /usr/share/consolefonts
PSF2C     := $(B)/tools/psf2c
FONT_SRC  := $(GEN)/font_terminus16.c $(GEN)/font_terminus32.c
KOBJ      += $(FONT_SRC:.c=.o)

$(PSF2C): tools/psf2c.c
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -o $@ $<

$(GEN)/font_terminus16.c: $(FONT_DIR)/Uni2-Terminus16.psf.gz $(PSF2C)
$(GEN)/font_terminus32.c: $(FONT_DIR)/Uni2-Terminus32x16.psf.gz $(PSF2C)
$(FONT_DIR)/%.psf.gz:
	@echo "no $@: run make deps (Debian's console-setup-linux)" >&2; exit 1

$(FONT_SRC): $(GEN)/font_%.c:
	@mkdir -p $(dir $@)
	gzip -dc $< | $(PSF2C) $* > $@.tmp
	mv $@.tmp $@

$(FONT_SRC:.c=.o): %.o: %.c
	$(CC) $(KCFLAGS) -c $< -o $@

# Two-pass link for the embedded symbol table (kernel/ksyms.c). Pass 1
# links an empty table; tools/gen-ksyms turns its function symbols into
# build/ksyms.S; pass 2 links that. .ksyms lies after .text and .rodata
# (linker.ld), so no text address moves; the final image is checked by
# regenerating the table from it and comparing.
GEN_KSYMS := tools/gen-ksyms

$(B)/ksyms-empty.S: $(GEN_KSYMS)
	@mkdir -p $(B)
	$(GEN_KSYMS) --empty > $@

$(B)/sleight.pass1.elf: $(KOBJ) $(B)/ksyms-empty.o linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KOBJ) $(B)/ksyms-empty.o $(LIBGCC)

$(B)/ksyms.S: $(B)/sleight.pass1.elf $(GEN_KSYMS)
	OBJDUMP=$(OBJDUMP) $(GEN_KSYMS) $< > $@

$(B)/ksyms.o $(B)/ksyms-empty.o: $(B)/%.o: $(B)/%.S
	$(CC) $(KASFLAGS) -c $< -o $@

$(KERNEL): $(KOBJ) $(B)/ksyms.o linker.ld
	$(LD) $(KLDFLAGS) -o $@.tmp $(KOBJ) $(B)/ksyms.o $(LIBGCC)
	OBJDUMP=$(OBJDUMP) $(GEN_KSYMS) $@.tmp > $(B)/ksyms.check.S
	@cmp -s $(B)/ksyms.S $(B)/ksyms.check.S || { \
		echo "ksyms: text addresses differ between link passes:"; \
		diff $(B)/ksyms.S $(B)/ksyms.check.S | head -20; \
		rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

# ---- ISO ------------------------------------------------------------------

$(ISO): $(KERNEL) $(INITRAMFS) boot/grub.cfg
	@rm -rf $(B)/isodir && mkdir -p $(B)/isodir/boot/grub
	cp $(KERNEL) $(B)/isodir/boot/sleight.elf
	cp $(INITRAMFS) $(B)/isodir/boot/initramfs.cpio
	cp boot/grub.cfg $(B)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(B)/isodir 2>$(B)/grub-mkrescue.log || \
		{ cat $(B)/grub-mkrescue.log; exit 1; }

iso: $(ISO)

# ---- running --------------------------------------------------------------

RUN_DISPLAY = $(if $(DISPLAY)$(WAYLAND_DISPLAY),-serial stdio,-nographic)

run: deps $(ISO)
	$(QEMU) $(QFLAGS) -boot d -nic none -cdrom $(ISO) $(RUN_DISPLAY)

run-uefi: deps $(ISO)
	$(QEMU64) $(QFLAGS) -nic none -bios $(OVMF) -cdrom $(ISO) $(RUN_DISPLAY)

debug: deps $(KERNEL) $(INITRAMFS)
	@printf 'file %s\ntarget remote 127.0.0.1:1234\nbreak kmain\ncontinue\n' \
		$(abspath $(KERNEL)) > $(B)/gdbinit
	@echo "QEMU waits for gdb: in another terminal run  gdb -x $(B)/gdbinit"
	$(QEMU) $(QFLAGS) -kernel $(KERNEL) -initrd $(INITRAMFS) \
		-append "$(RUN_CMDLINE)" \
		-gdb tcp:127.0.0.1:1234 -S -nographic

# ---- tests ----------------------------------------------------------------

.SECONDEXPANSION:
include tests/unit/unit.mk
include tests/fuzz/fuzz.mk

test: deps all unit-bins user
	@bash tools/test.sh

test-unit: unit-bins
	@bash tools/test.sh unit

test-boot: all
	@bash tools/test.sh boot

test-os: all
	@bash tools/test.sh os

# Not part of `make test`: boots QEMU many times (minutes under TCG).
bench: deps
	@bash tools/bench.sh

bench-fs: deps
	@bash tools/bench-fs.sh

# The kernel's sources in the style of ../shared/style.md (.clang-format);
# format-check is part of make test (tools/test.sh, suite format).
FORMAT_SRC = $(shell find kernel -name '*.[ch]' | sort)

format:
	clang-format -i --style=file $(FORMAT_SRC)

format-check:
	@bash tools/format-check

compdb:
	@bash tools/compdb.sh $(B) "$(CC)" "$(KCFLAGS)" $(KSRC_C) > compile_commands.json
	@echo "wrote compile_commands.json"

clean:
	rm -rf $(B)

-include $(KOBJ:.o=.d)
