^KERNEL PANIC: deliberate panic from ktest_panic$
\] ktest_panic\+0x
^Sleight [0-9.]+ \(i686\) booted by GRUB
