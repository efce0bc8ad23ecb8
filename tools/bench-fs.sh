#!/usr/bin/env bash
# tools/bench-fs.sh - `make bench-fs`: how tmpfs directories and the
# initramfs unpacker scale (docs/benchmarks.md, "File systems").
#
#  1. /bin/dirbench in Sleight under tools/osrun: create, stat, list and
#     unlink N files in one /tmp directory for N = 10,000 and 100,000
#     (after an untimed warm-up round); the 100,000 create time must be
#     at most 12 times the 10,000 one;
#  2. an initramfs holding FILES small files (a few bytes each) in one
#     directory: times packing it (tools/mkinitramfs), booting it in QEMU
#     (TCG) until /bin/true has run and the kernel halted, and the same
#     boot without the files; the boot must take under 5 s. Also times
#     the whole `tools/osrun --extra DIR -- /bin/true`, packing included.
#
# Memory: MEM MiB, enough for 100,000 inodes (tmpfs allows one per two
# frames, as Linux's nr_inodes). Environment: BENCHFS_MEM (default 1024),
# BENCHFS_FILES (default 60000), BENCHFS_TIMEOUT (seconds per QEMU run,
# default 600). Prints the figures and writes build/bench-fs/results.md;
# exits 1 when a target is missed or a run fails.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
B=${B:-build}
out=$B/bench-fs
MEM=${BENCHFS_MEM:-1024}
FILES=${BENCHFS_FILES:-60000}
TMO=${BENCHFS_TIMEOUT:-600}
status=0

say() { echo "bench-fs: $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

make -s all user >&2 || { say "build failed"; exit 1; }
mkdir -p "$out"

# ---- 1. directories -------------------------------------------------------
say "dirbench 10000 100000 in Sleight (-m $MEM)"
tools/osrun --mem "$MEM" --timeout "$TMO" -- \
	/bin/dirbench -w -r 12 10000 100000 > "$out/dirbench.log" 2>&1
rc=$?
tr -d '\r' < "$out/dirbench.log" | grep -E '^(create|stat|list|unlink|ratio|error)' >&2
ratio=$(tr -d '\r' < "$out/dirbench.log" |
	sed -n 's/^figure create_ratio_100000_10000 //p')
[ "$rc" = 0 ] && [ -n "$ratio" ] || { say "dirbench failed (exit $rc)"; status=1; }

# ---- 2. a big initramfs ---------------------------------------------------
many=$out/extra
if [ "$(find "$many/many" -type f 2>/dev/null | wc -l)" != "$FILES" ]; then
	say "making $FILES small files in $many/many"
	rm -rf "$many"
	mkdir -p "$many/many" "$many/etc"
	(cd "$many/many" && seq -f 'f%06g' 1 "$FILES" | while read -r f; do
		echo "$f" > "$f"; done)
fi
printf '/bin/true\n' > "$many/etc/osrun"
plain=$out/plain
mkdir -p "$plain/etc"
printf '/bin/true\n' > "$plain/etc/osrun"

t0=$(now)
bash tools/mkinitramfs "$B/rootfs" "$out/big.cpio" "$many" || exit 1
t1=$(now)
pack_s=$(secs "$t0" "$t1")
bash tools/mkinitramfs "$B/rootfs" "$out/plain.cpio" "$plain" || exit 1

# boot ARCHIVE LOG - QEMU as tools/osrun runs it; prints the seconds.
boot() {
	local t0 t1
	t0=$(now)
	timeout "$TMO" qemu-system-i386 -m "$MEM" -no-reboot -display none \
		-monitor none -serial stdio -accel tcg \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$B/sleight.elf" -initrd "$1" \
		-append "console=serial exit_on_halt" < /dev/null > "$2" 2>&1
	t1=$(now)
	grep -q 'sleight: halt status=0' "$2" || { say "boot of $1 failed (log $2)"; return 1; }
	secs "$t0" "$t1"
}
big_s=$(boot "$out/big.cpio" "$out/big.log") || status=1
plain_s=$(boot "$out/plain.cpio" "$out/plain.log") || status=1
grep -E '^rootfs: ' "$out/big.log" | tr -d '\r' >&2
t0=$(now)
tools/osrun --mem "$MEM" --timeout "$TMO" --extra "$many" -- /bin/true \
	> "$out/osrun.log" 2>&1 || { say "osrun with $FILES files failed"; status=1; }
t1=$(now)
osrun_s=$(secs "$t0" "$t1")

awk -v r="${ratio:-99}" 'BEGIN { exit !(r <= 12) }' || { say "ratio $ratio > 12"; status=1; }
awk -v b="${big_s:-99}" 'BEGIN { exit !(b < 5) }' || { say "boot $big_s s >= 5 s"; status=1; }

{
	echo "| figure | value |"
	echo "| --- | --- |"
	tr -d '\r' < "$out/dirbench.log" | sed -n 's/^figure \([a-z_0-9]*\) \(.*\)/| \1 | \2 |/p'
	echo "| initramfs_${FILES}_pack_s | $pack_s |"
	echo "| initramfs_${FILES}_boot_s | ${big_s:-failed} |"
	echo "| initramfs_plain_boot_s | ${plain_s:-failed} |"
	echo "| osrun_${FILES}_total_s | $osrun_s |"
} > "$out/results.md"
cat "$out/results.md"
[ "$status" = 0 ] && say "every target met" || say "a target was missed"
exit "$status"
