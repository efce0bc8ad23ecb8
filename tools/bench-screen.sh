#!/usr/bin/env bash
# bench-screen.sh - how fast the screen consoles take text, side by side
# in one run: "seq 1 N" (the tree's own /bin/seq, timed in the guest by
# /tests/screenbench with CLOCK_MONOTONIC) under TCG, with the console on
#   serial only                        (the baseline every run pays),
#   VGA text 80x25 and serial          (BIOS, GRUB ISO),
#   a 1920x1080x32 framebuffer and serial (UEFI/OVMF, GRUB gfxpayload,
#                                       Terminus 16x32: 120x33 cells).
# usage: tools/bench-screen.sh [N]   (default 100000); docs/benchmarks.md
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-100000}
run() {
	local name=$1 line
	shift
	line=$("$top/tools/osrun" --timeout 900 "$@" -- "/tests/screenbench $n" 2>&1 |
		tr -d '\r' | grep -a '^screenbench:')
	printf '%-34s %s\n' "$name" "${line:-failed}"
}
echo "# seq 1 $n, TCG, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
run "serial only" --append console=serial
run "VGA text 80x25 + serial" --iso --append console=both
run "framebuffer 1920x1080x32 + serial" --uefi --gfx 1920x1080 --append console=both
