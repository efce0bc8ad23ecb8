# User programs: static i386 ELF binaries built against Debian's musl.
#
#   user/bin/NAME.c    -> /bin/NAME
#   user/sbin/NAME.c   -> /sbin/NAME
#   user/tests/NAME.c  -> /tests/NAME   (t_*.c are test programs; the rest
#                                        are helpers the tests exec)
#   user/tsh/*.c       -> /bin/tsh, also installed as /bin/sh
#   tests/sh/*         -> /tests/sh/    (shell test scripts, run by tshtest)
#   user/bench/spawnbench.c -> /bin/spawnbench (the benchmark, tools/bench.sh)
#   user/bench/dirbench.c   -> /bin/dirbench (directory sizes, tools/bench-fs.sh)
#   user/bench/linuxinit.c  -> $(B)/bench/linuxinit, outside the root: /init
#                              of the Linux initramfs tools/bench.sh boots
# Each program is one .c file, plus user/tests/testlib.h for tests; tsh
# is the one program built from a directory. fdlist is also /bin/fdlist.
# The root file system is staged in $(B)/rootfs and packed by GNU cpio
# into the "newc" initramfs $(B)/initramfs.cpio.

UCC      := $(CROSS)gcc
UCFLAGS  := -specs=/usr/lib/i386-linux-musl/musl-gcc.specs -static \
            -std=gnu11 -O2 -s -Wall -Wextra -Wno-unused-parameter -Iuser
ifeq ($(CI),true)
UCFLAGS  += -Werror
endif
ROOT     := $(B)/rootfs

USER_BIN   := $(patsubst user/bin/%.c,$(ROOT)/bin/%,$(wildcard user/bin/*.c))
USER_SBIN  := $(patsubst user/sbin/%.c,$(ROOT)/sbin/%,$(wildcard user/sbin/*.c))
USER_TESTS := $(patsubst user/tests/%.c,$(ROOT)/tests/%,$(wildcard user/tests/*.c))
TSH_SRC    := $(wildcard user/tsh/*.c)
SH_TESTS   := $(patsubst tests/sh/%,$(ROOT)/tests/sh/%,$(wildcard tests/sh/*))
USER_BENCH := $(ROOT)/bin/spawnbench $(ROOT)/bin/dirbench
USER_ALL   := $(USER_BIN) $(USER_SBIN) $(USER_TESTS) $(ROOT)/bin/tsh \
              $(ROOT)/bin/sh $(ROOT)/bin/fdlist $(SH_TESTS) $(USER_BENCH)
INITRAMFS  := $(B)/initramfs.cpio

$(ROOT)/bin/%: user/bin/%.c $(wildcard user/*.h)
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -o $@ $<

$(ROOT)/sbin/%: user/sbin/%.c $(wildcard user/*.h)
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -o $@ $<

$(ROOT)/tests/%: user/tests/%.c $(wildcard user/tests/*.h)
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -o $@ $<

$(ROOT)/bin/tsh: $(TSH_SRC) user/tsh/tsh.h
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -o $@ $(TSH_SRC)

# Copies, not links: the initramfs unpacker need not know hard links.
$(ROOT)/bin/sh: $(ROOT)/bin/tsh
	cp $< $@

$(ROOT)/bin/fdlist: $(ROOT)/tests/fdlist
	cp $< $@

$(ROOT)/tests/sh/%: tests/sh/%
	@mkdir -p $(dir $@)
	cp $< $@

$(USER_BENCH): $(ROOT)/bin/%: user/bench/%.c
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -o $@ $<

$(B)/bench/linuxinit: user/bench/linuxinit.c $(wildcard user/*.h)
	@mkdir -p $(dir $@)
	$(UCC) $(UCFLAGS) -o $@ $<

# The archive is rebuilt whenever a program changes; directories the OS
# expects to exist are created here.
# The image the ISO and make run boot holds no tests (tools/osrun adds
# them), so that a small machine has room for it.
$(INITRAMFS): $(USER_ALL) tools/mkinitramfs
	bash tools/mkinitramfs --without tests $(ROOT) $@

user: $(INITRAMFS)

test-host: $(USER_ALL)
	@bash tools/test.sh host

test-sh-host: $(USER_ALL)
	@bash tools/test.sh sh-host
