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

UNIT_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS  := $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT_SRCS))

$(B)/unit/obj/%.o: %.c $(wildcard kernel/include/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(HOST_RENAME) -c -o $@ $<

$(B)/unit/%: tests/unit/%.c $$(patsubst %.c,$(B)/unit/obj/%.o,$$($$*_SRC))
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $^ $(HOST_LIBS)

unit-bins: $(UNIT_BINS)
