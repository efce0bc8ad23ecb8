# Fuzzing (docs/security.md, "Fuzzing").
#
# Host: each tests/fuzz/fuzz_NAME.c is a libFuzzer harness, built by clang
# with AddressSanitizer and UndefinedBehaviorSanitizer around the kernel
# sources in fuzz_NAME_SRC (built for the host as the unit tests build
# them, with coverage instrumentation). tests/fuzz/corpus/NAME/ holds the
# committed seed inputs; a long run works on a copy in $(B)/fuzz/corpus/
# so what it finds never lands in the tree unasked, and crashes are
# written to $(B)/fuzz/crashes/NAME/.
#
#   make fuzz-host               every harness for FUZZ_SECONDS (600) each
#   make fuzz-host FUZZ_SECONDS=30
#   tools/test.sh fuzz-host      the short run make test does (the corpus
#                                replayed, then FUZZ_RUNS inputs, seed 1)
#
# In the OS: /tests/fuzz (user/tests/fuzz.c), a system-call fuzzer.
#
#   make fuzz                    FUZZ_CALLS (1000000) calls, FUZZ_WORKERS
#                                workers, seed FUZZ_SEED (random when 0);
#                                FUZZ_ARGS="-x selector" leaves a class out
#   tools/test.sh fuzz           the short smoke run make test does

FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -std=gnu11 -O1 -g -Wall -Wextra -Wno-unused-parameter \
                -Ikernel/include -Ikernel -Itests/unit -DHOST_TEST \
                -fno-omit-frame-pointer $(FUZZ_SAN)
ifeq ($(CI),true)
FUZZ_CFLAGS  += -Werror
endif
FUZZ_SECONDS ?= 600
FUZZ_CALLS   ?= 1000000
FUZZ_WORKERS ?= 4
FUZZ_SEED    ?= 0
FUZZ_MEM     ?= 256
FUZZ_TIMEOUT ?= 0
FUZZ_ARGS    ?=

fuzz_elf_SRC    := kernel/proc/elf.c
fuzz_script_SRC := kernel/proc/elf.c
fuzz_cmdline_SRC := kernel/lib/cmdline.c
fuzz_bootinfo_SRC := kernel/bootinfo.c
fuzz_acpi_SRC   := kernel/dev/acpi.c kernel/dev/acpi_s5.c
fuzz_acpi_s5_SRC := kernel/dev/acpi_s5.c
fuzz_cpio_SRC   := $(FS_HOST_SRC) kernel/fs/cpio.c
fuzz_path_SRC   := $(FS_HOST_SRC)

FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS  := $(addprefix $(B)/fuzz/fuzz_,$(FUZZ_NAMES))

.PHONY: fuzz fuzz-host fuzz-bins

$(B)/fuzz/obj/%.o: %.c $(wildcard kernel/include/*.h kernel/fs/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(HOST_RENAME) \
		-c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(addprefix $(B)/fuzz/obj/,$$(addsuffix .o,$$(basename $$(fuzz_$$*_SRC))))
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^

.PRECIOUS: $(B)/fuzz/obj/%.o
fuzz-bins: $(FUZZ_BINS)

# make test runs the short host runs and the in-OS smoke run.
test: fuzz-bins

fuzz-host: deps fuzz-bins
	@bash tools/fuzz-host.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz: deps all
	tools/osrun --mem $(FUZZ_MEM) --timeout $(FUZZ_TIMEOUT) -- /tests/fuzz \
		-n $(FUZZ_CALLS) -w $(FUZZ_WORKERS) -s $(FUZZ_SEED) $(FUZZ_ARGS)
