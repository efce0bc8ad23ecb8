# Host unit tests (cmocka). Each tests/unit/test_NAME.c is one binary,
# linked with the pure kernel sources listed in test_NAME_SRC. Kernel
# sources are built for the host with the names that clash with the host
# libc renamed (vsnprintf -> k_vsnprintf), so a test can compare the two.

HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
               -Ikernel/include -Ikernel -DHOST_TEST \
               -fsanitize=address,undefined -fno-omit-frame-pointer
HOST_RENAME := -Dvsnprintf=k_vsnprintf -Dsnprintf=k_snprintf
HOST_LIBS   := -lcmocka

test_cmdline_SRC  := kernel/lib/cmdline.c
test_ksyms_SRC    := kernel/ksyms.c
test_memmap_SRC   := kernel/mm/memmap.c
test_pmm_SRC      := kernel/mm/pmm.c
test_kmalloc_SRC  := kernel/mm/kmalloc.c
test_signal_SRC   := kernel/proc/sigset.c
test_plan_SRC     := kernel/proc/plan.c
test_kbd_SRC      := kernel/dev/kbdmap.c
test_vga_SRC      := kernel/dev/vga.c kernel/dev/vt.c kernel/dev/vt_parse.c kernel/lib/vsprintf.c
test_vt_SRC       := kernel/dev/vt.c kernel/dev/vt_parse.c kernel/lib/vsprintf.c
test_fbcon_SRC    := kernel/dev/fbcon.c kernel/dev/vt.c kernel/dev/vt_parse.c kernel/lib/vsprintf.c \
                     $(FONT_SRC)
test_console_pick_SRC := kernel/dev/console_pick.c
test_calendar_SRC := kernel/lib/calendar.c
test_vsprintf_SRC := kernel/lib/vsprintf.c
test_bootinfo_SRC := kernel/bootinfo.c

# kernel/fs core, with tests/unit/kshim.c standing in for mm and printk.
FS_HOST_SRC := kernel/fs/vfs.c kernel/fs/namei.c kernel/fs/vfs_ops.c \
               kernel/fs/tmpfs.c kernel/fs/tmpfs_dir.c kernel/fs/avl.c \
               kernel/fs/tmpfs_data.c kernel/fs/file.c \
               kernel/fs/devfs.c tests/unit/kshim.c
test_path_SRC     := $(FS_HOST_SRC)
test_tmpfs_SRC    := $(FS_HOST_SRC)
test_tmpfs_dir_SRC := $(FS_HOST_SRC)
test_cpio_SRC     := $(FS_HOST_SRC) kernel/fs/cpio.c
test_fdtable_SRC  := $(FS_HOST_SRC) kernel/fs/fdtable.c
test_vma_SRC      := kernel/mm/vma.c

UNIT_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS  := $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT_SRCS))

$(B)/unit/obj/%.o: %.c $(wildcard kernel/include/*.h kernel/include/uapi/*.h kernel/fs/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(HOST_RENAME) -c -o $@ $<

# (No '%' in the second expansion: make would replace it with the stem.)
$(B)/unit/%: tests/unit/%.c $$(addprefix $(B)/unit/obj/,$$(addsuffix .o,$$(basename $$($$*_SRC))))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

.PRECIOUS: $(B)/unit/obj/%.o
unit-bins: $(UNIT_BINS)

test_elf_SRC      := kernel/proc/elf.c
test_ustack_SRC   := kernel/proc/ustack.c kernel/proc/execargs.c
test_execargs_SRC := kernel/proc/execargs.c kernel/proc/elf.c

# Real i386 executables that test_elf plans: a static musl program, a
# static-pie one (musl's rcrt1.o relocates itself; no PT_INTERP), and a
# dynamically linked one, which must be refused for its PT_INTERP.
# They are order-only prerequisites: the test reads them at run time from
# $(B)/unit/fixtures/.
FIXDIR    := $(B)/unit/fixtures
MUSL      := /usr/lib/i386-linux-musl
MUSL_CC   := $(CROSS)gcc -specs=$(MUSL)/musl-gcc.specs -O2
FIX_SRC   := tests/unit/fixtures/exec_prog.c
PIE_START := $(MUSL)/rcrt1.o $(MUSL)/crti.o \
             $$($(CROSS)gcc -print-file-name=crtbeginS.o)
PIE_END   := $$($(CROSS)gcc -print-file-name=crtendS.o) $(MUSL)/crtn.o

$(FIXDIR)/static: $(FIX_SRC)
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static -o $@ $<

$(FIXDIR)/static-pie: $(FIX_SRC)
	@mkdir -p $(dir $@)
	$(MUSL_CC) -static-pie -nostartfiles -Wl,--no-dynamic-linker \
		-o $@ $(PIE_START) $< $(PIE_END)

$(FIXDIR)/dynamic: $(FIX_SRC)
	@mkdir -p $(dir $@)
	$(MUSL_CC) -o $@ $<

$(B)/unit/test_elf: | $(FIXDIR)/static $(FIXDIR)/static-pie $(FIXDIR)/dynamic

# Pure parts of the file system calls and the console tty.
test_pipe_SRC     := kernel/fs/pipe_ring.c
test_stat_SRC     := kernel/fs/stat.c
test_ldisc_SRC    := kernel/dev/ldisc.c

# test_uapi: kernel/include/uapi/ against Debian's linux-libc-dev:i386.
# First an i386 compile of the test with -DUAPI_I386 (static asserts
# only: a value, syscall number or layout that differs from Linux stops
# the build, naming it), then the host cmocka binary as usual.
# uapi-inc holds just the i386 Linux headers, ahead of the cross
# compiler's own copies.
UAPI_HDRS := $(sort $(wildcard kernel/include/uapi/*.h))
UAPI_INC  := $(B)/unit/uapi-inc
I386_ASM  := /usr/include/i386-linux-gnu/asm

$(B)/unit/uapi_check.h: tools/gen-uapi-check $(UAPI_HDRS) $(GEN)/syscall_nr.h
	@mkdir -p $(dir $@)
	bash tools/gen-uapi-check $(GEN)/syscall_nr.h $(UAPI_HDRS) > $@.tmp
	mv $@.tmp $@

$(UAPI_INC)/.dir:
	@test -d $(I386_ASM) || { echo "no $(I386_ASM): make deps (linux-libc-dev:i386)" >&2; exit 1; }
	@mkdir -p $(UAPI_INC)
	ln -sfn $(I386_ASM) $(UAPI_INC)/asm
	ln -sfn /usr/include/linux $(UAPI_INC)/linux
	ln -sfn /usr/include/asm-generic $(UAPI_INC)/asm-generic
	@touch $@

$(B)/unit/test_uapi.i386.ok: tests/unit/test_uapi.c $(UAPI_HDRS) \
			     $(B)/unit/uapi_check.h $(UAPI_INC)/.dir
	$(CC) -std=gnu11 -ffreestanding -fsyntax-only -Wall -Wextra -Werror \
		-DUAPI_I386 -I$(UAPI_INC) -Ikernel/include -I$(GEN) \
		-I$(B)/unit $<
	@touch $@

# The host half includes libc's <sys/wait.h>, whose <signal.h> must not
# find kernel/include/signal.h: the kernel headers are quote-only here.
$(B)/unit/test_uapi: HOST_CFLAGS := $(filter-out -Ikernel/include -Ikernel,$(HOST_CFLAGS)) \
	-iquote kernel/include -iquote $(GEN) -iquote $(B)/unit
$(B)/unit/test_uapi: | $(B)/unit/test_uapi.i386.ok

# Every kernel source through sparse with __user as an address space
# (tools/check-user-ptrs): part of unit-bins, so make test stops on a
# user pointer dereferenced or mixed with a kernel one.
$(B)/unit/user-ptrs.ok: tools/check-user-ptrs $(KSRC_C) $(wildcard kernel/include/*.h \
			kernel/include/*/*.h kernel/*/*.h kernel/arch/x86/*.h) \
			$(GEN)/syscalls.h
	@mkdir -p $(dir $@)
	bash tools/check-user-ptrs $(GEN)
	@touch $@

unit-bins: $(B)/unit/user-ptrs.ok

# The ACPI table locator, on hand-made and malformed tables.
test_acpi_SRC     := kernel/dev/acpi.c kernel/dev/acpi_s5.c
# The \_S5 AML package reader, on good and malformed AML.
test_acpi_s5_SRC  := kernel/dev/acpi_s5.c
# The screen read back (tools/osrun --screen): a framebuffer screendump
# or a VGA text buffer, decoded into text with the kernel's own fonts.
SCREEN_TEXT := $(B)/tools/screen-text
$(SCREEN_TEXT): tools/screen-text.c kernel/dev/vt.c kernel/dev/vt_parse.c kernel/lib/vsprintf.c \
		$(FONT_SRC) kernel/include/font.h kernel/include/vt.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter \
		-Ikernel/include -Ikernel -DHOST_TEST $(HOST_RENAME) -o $@ \
		tools/screen-text.c kernel/dev/vt.c kernel/dev/vt_parse.c kernel/lib/vsprintf.c \
		$(FONT_SRC)
unit-bins: $(SCREEN_TEXT)
