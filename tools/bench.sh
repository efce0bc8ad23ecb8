#!/usr/bin/env bash
# tools/bench.sh - `make bench`: Sleight's process creation side by side
# with Linux, on the same QEMU, with the same memory and the same binary.
#
#  1. builds the kernel, the root file system with /bin/spawnbench, and
#     build/bench/linuxinit (the /init of the Linux initramfs);
#  2. fetches Debian's i686 kernel (linux-image-686:i386 names the real
#     package) with apt-get download into build/bench/cache and takes its
#     vmlinuz out of the package with dpkg-deb;
#  3. runs spawnbench N in Sleight (tools/osrun) and in Linux (-kernel
#     vmlinuz -initrd a cpio whose /init runs it and powers off),
#     alternating Sleight, Linux, Sleight, Linux... so that drift of the
#     host hits both; every QEMU run is under a timeout;
#  4. measures QEMU start to the first user-program output (or to the tsh
#     prompt once /bin/tsh exists), the smallest -m that gets there, the
#     kernel image sizes and the free frames at idle;
#  5. prints the table and writes build/bench/results.md, spawn.png and
#     the results part of docs/benchmarks.md (with docs/spawn.png).
#
# Environment: BENCH_N (iterations, default 100), BENCH_PAIRS (default 3),
# BENCH_MEM (guest MiB, default 512), BENCH_ACCEL (tcg or kvm),
# BENCH_TIMEOUT (seconds per QEMU run, default 600), BENCH_PROMPT_RE (the
# tsh prompt, an extended regex), BENCH_NO_DOCS=1 (leave docs/ alone).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
B=${B:-build}
out=$B/bench
N=${BENCH_N:-100}
PAIRS=${BENCH_PAIRS:-3}
MEM=${BENCH_MEM:-512}
ACCEL=${BENCH_ACCEL:-tcg}
TMO=${BENCH_TIMEOUT:-600}
PROMPT_RE=${BENCH_PROMPT_RE:-'^tsh[$#] '}
HELLO_RE='^Hello from Sleight user space!'
LABEL=(vfork_exec_wait_us fork_exec_wait_us spawn_wait_us fork_exit_wait_us
       pipe_mbps vfork_exec_wait_16m_us fork_exec_wait_16m_us
       spawn_wait_16m_us vfork_exec_wait_64m_us fork_exec_wait_64m_us
       spawn_wait_64m_us vfork_exec_wait_256m_us fork_exec_wait_256m_us
       spawn_wait_256m_us)
notes=()
extra=()

say() { echo "bench: $*" >&2; }
note() { say "$*"; notes+=("$*"); }
die() { say "$*"; exit 1; }

# ---- 1. build -------------------------------------------------------------

build() {
	say "building the kernel, the root file system and linuxinit"
	make -s all user "$B/bench/linuxinit" >&2 || die "build failed"
	[ -x "$B/rootfs/bin/spawnbench" ] || die "no $B/rootfs/bin/spawnbench"
}

# ---- 2. the Linux kernel --------------------------------------------------

# real_package - the linux-image-*-686 package the metapackage depends on.
real_package() {
	apt-cache depends linux-image-686:i386 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*-686\)\(:i386\)\{0,1\}$/\1/p' |
		head -n 1
}

fetch_linux() {
	local pkg deb
	[ -s "$out/vmlinuz" ] && return 0
	mkdir -p "$out/cache"
	pkg=$(real_package)
	if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
		apt-get update -qq >&2
		pkg=$(real_package)
	fi
	[ -n "$pkg" ] || { note "cannot resolve linux-image-686:i386 (apt-get update?)"; return 1; }
	deb=$(ls "$out"/cache/"$pkg"_*_i386.deb 2>/dev/null | head -n 1)
	if [ -z "$deb" ]; then
		say "downloading $pkg:i386"
		(cd "$out/cache" && apt-get download "$pkg:i386") >&2 2>&1 ||
			{ note "apt-get download $pkg:i386 failed"; return 1; }
		deb=$(ls "$out"/cache/"$pkg"_*_i386.deb | head -n 1)
	fi
	rm -rf "$out/pkg" && mkdir -p "$out/pkg"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -x -C "$out/pkg" --wildcards './boot/vmlinuz-*' ||
		{ note "no vmlinuz in $deb"; return 1; }
	cp "$out"/pkg/boot/vmlinuz-* "$out/vmlinuz"
	basename "$deb" > "$out/vmlinuz.from"
	rm -rf "$out/pkg"
}

# linux_initramfs OUT COMMAND... - /init is linuxinit, /etc/osrun COMMAND.
linux_initramfs() {
	local o=$1 st; shift
	st=$(mktemp -d "${TMPDIR:-/tmp}/benchfs.XXXXXX")
	mkdir -p "$st/bin" "$st/dev" "$st/etc" "$st/tmp"
	cp "$B/bench/linuxinit" "$st/init"
	cp "$B/rootfs/bin/spawnbench" "$B/rootfs/bin/true" \
	   "$B/rootfs/bin/hello" "$st/bin/"
	echo "$*" > "$st/etc/osrun"
	(cd "$st" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0) > "$o"
	rm -rf "$st"
}

# ---- 3. the runs ----------------------------------------------------------

# QEMU is reached through a wrapper first in PATH that notes the time it
# starts in $BENCH_QSTART, so osrun's own QEMU command line is measured.
qemu_wrapper() {
	local real
	real=$(command -v qemu-system-i386) || die "no qemu-system-i386"
	mkdir -p "$out/qwrap"
	printf '#!/usr/bin/env bash\necho "$EPOCHREALTIME" > "${BENCH_QSTART:-/dev/null}"\nexec %q "$@"\n' \
		"$real" > "$out/qwrap/qemu-system-i386"
	chmod +x "$out/qwrap/qemu-system-i386"
	export PATH="$top/$out/qwrap:$PATH"
	qemu_version=$("$real" --version | head -n 1)
}

accel_flag() { [ "$ACCEL" = kvm ] && echo --kvm; }

# run_linux INITRAMFS SECONDS - boot Linux on the flags osrun uses.
run_linux() {
	timeout --foreground -k 5 "$2" qemu-system-i386 -m "$MEM" -smp 1 \
		-no-reboot -display none -monitor none -serial stdio \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -accel "$ACCEL" \
		-kernel "$out/vmlinuz" -initrd "$1" \
		-append 'console=ttyS0 quiet' < /dev/null
}

# run_sleight SECONDS OSRUN-ARGS... - osrun with the bench's memory.
run_sleight() {
	local s=$1; shift
	# shellcheck disable=SC2046
	tools/osrun --timeout "$s" --mem "$MEM" $(accel_flag) "$@"
}

# stamp RE - copy stdin to stdout; print to fd 3 the seconds from QEMU's
# start to the first line (or partial line, 10 ms granularity) matching
# RE, or "-" when none does.
stamp() {
	local re=$1 cur= line rc t=-
	while :; do
		IFS= read -r -t 0.01 line; rc=$?
		cur+=${line%$'\r'}
		if [ "$t" = - ] && [ -n "$cur" ] && [[ $cur =~ $re ]]; then
			t=$(echo "$EPOCHREALTIME $(cat "$BENCH_QSTART" 2>/dev/null || echo 0)" |
			    awk '{ printf "%.3f", $1 - $2 }')
		fi
		[ $rc = 0 ] && { printf '%s\n' "$cur"; cur=; continue; }
		[ $rc -gt 128 ] && continue
		printf '%s' "$cur"; break
	done
	echo "$t" >&3
}

# probes: can each side run a user program at all?
probe() {
	local probe_s=120
	[ "$ACCEL" = kvm ] && probe_s=30
	say "probing Sleight: osrun -- /bin/hello"
	run_sleight "$probe_s" -- /bin/hello > "$out/logs/probe-sleight.log" 2>&1
	local rc=$?
	if tr -d '\r' < "$out/logs/probe-sleight.log" | grep -Eq "$HELLO_RE"; then
		sleight_ok=1
	else
		sleight_ok=0
		if [ "$ACCEL" = kvm ]; then
			note "Sleight did not run /bin/hello under KVM here (osrun exit $rc, log: $out/logs/probe-sleight.log); Sleight skipped"
		else
			note "Sleight cannot run user programs yet: osrun -- /bin/hello exited $rc without the greeting (log: $out/logs/probe-sleight.log); Sleight figures skipped"
		fi
	fi
	linux_ok=0
	[ -s "$out/vmlinuz" ] || { note "no Linux kernel; Linux figures skipped"; return; }
	say "probing Linux ($ACCEL)"
	run_linux "$out/hello.cpio" "$probe_s" > "$out/logs/probe-linux.log" 2>&1
	if tr -d '\r' < "$out/logs/probe-linux.log" | grep -Eq "$HELLO_RE"; then
		linux_ok=1
	elif [ "$ACCEL" = kvm ]; then
		note "Linux i386 does not run under KVM here (no greeting within $probe_s s); Linux skipped"
	else
		note "Linux did not run /bin/hello (log: $out/logs/probe-linux.log); Linux skipped"
	fi
}

# pairs - spawnbench N in Sleight then Linux, BENCH_PAIRS times.
pairs() {
	local i rc
	for i in $(seq 1 "$PAIRS"); do
		if [ "$sleight_ok" = 1 ]; then
			say "pair $i/$PAIRS: Sleight"
			run_sleight "$TMO" -- /bin/spawnbench "$N" \
				> "$out/logs/sleight-$i.log" 2>&1
			rc=$?
			[ $rc = 0 ] || note "Sleight run $i: osrun exited $rc (log: $out/logs/sleight-$i.log)"
		fi
		if [ "$linux_ok" = 1 ]; then
			say "pair $i/$PAIRS: Linux"
			run_linux "$out/bench.cpio" "$TMO" \
				> "$out/logs/linux-$i.log" 2>&1
			grep -q 'linuxinit: status=0' "$out/logs/linux-$i.log" ||
				note "Linux run $i did not end with status 0 (log: $out/logs/linux-$i.log)"
		fi
	done
}

# ---- 4. boot time, memory, sizes ------------------------------------------

# boot_time WHAT RE CMD... - seconds from QEMU start to RE, into times/WHAT.
boot_time() {
	local what=$1 re=$2 t; shift 2
	export BENCH_QSTART=$out/qstart
	rm -f "$BENCH_QSTART"
	t=$( { "$@" 2>&1 | stamp "$re" > "$out/logs/boot-$what.log"; } 3>&1 )
	echo "$t" >> "$out/times/$what"
}

boot_times() {
	local i target=/bin/hello re=$HELLO_RE
	rm -rf "$out/times" && mkdir -p "$out/times"
	if [ -x "$B/rootfs/bin/tsh" ]; then
		# an interactive tsh that meets end of input at once: it prints
		# its prompt, then exits, and the machine halts
		target='/bin/tsh -i </dev/null' re=$PROMPT_RE
		boot_what="the tsh prompt"
	else
		boot_what="the first output of /bin/hello (no tsh yet)"
	fi
	for i in $(seq 1 "$PAIRS"); do
		[ "$sleight_ok" = 1 ] && {
			boot_time sleight-kernel "$re" run_sleight 120 \
				--no-tests -- "$target"
			boot_time sleight-iso "$re" run_sleight 120 --iso \
				--no-tests -- "$target"
		}
		[ "$linux_ok" = 1 ] &&
			boot_time linux "$HELLO_RE" run_linux "$out/hello.cpio" 120
	done
}

# reaches M - does Sleight get to the prompt (or hello) with -m M?
reaches() {
	local target=/bin/hello re=$HELLO_RE
	[ -x "$B/rootfs/bin/tsh" ] && target='/bin/tsh -i </dev/null' re=$PROMPT_RE
	tools/osrun --timeout 60 --no-tests --mem "$1" $(accel_flag) \
		-- "$target" 2>&1 |
		tr -d '\r' | grep -Eq "$re"
}

# min_mem - bisect the smallest -m (MiB) over a ladder of sizes.
min_mem() {
	local ladder=(2 3 4 5 6 8 10 12 16 24 32 64 128) lo=0 hi mid
	hi=$((${#ladder[@]} - 1))
	min_mem_mib=-
	[ "$sleight_ok" = 1 ] || return
	reaches "${ladder[$hi]}" || return
	while [ $lo -lt $hi ]; do
		mid=$(((lo + hi) / 2))
		say "min memory: trying -m ${ladder[$mid]}"
		if reaches "${ladder[$mid]}"; then hi=$mid; else lo=$((mid + 1)); fi
	done
	min_mem_mib=${ladder[$lo]}
}

# free_frames - /dev/kstat's free_frames at idle: through /bin/cat when
# there is one, else as spawnbench echoed it before its first figure,
# else from the memory line of the boot summary.
free_frames() {
	local log=$out/logs/kstat.log v
	free_frames_text=-
	if [ "$sleight_ok" = 1 ] && [ -x "$B/rootfs/bin/cat" ]; then
		run_sleight 120 -- /bin/cat /dev/kstat > "$log" 2>&1
		v=$(tr -d '\r' < "$log" | sed -n 's/^free_frames[: ]*\([0-9]*\).*/\1/p' | head -n 1)
		[ -n "$v" ] && { free_frames_text="$v (cat /dev/kstat, -m $MEM)"; return; }
	fi
	v=$(cat "$out"/logs/sleight-[0-9]*.log 2>/dev/null | tr -d '\r' |
	    awk '$1 == "kstat" && $2 == "free_frames" { print $3 }' | median)
	[ "$v" != - ] && { free_frames_text="$v (/dev/kstat read by spawnbench before its first figure, -m $MEM, median)"; return; }
	run_sleight 60 -- hello > "$log" 2>&1
	v=$(tr -d '\r' < "$log" | sed -n 's/^memory: .* \([0-9][0-9]*\) free frames.*/\1/p' | head -n 1)
	[ -n "$v" ] && free_frames_text="$v (boot summary after kernel init, -m $MEM; no /dev/kstat)"
}

sizes() {
	local k=$B/sleight.elf
	read -r text data bss _ < <(${CROSS:-i686-linux-gnu-}size "$k" | tail -n 1)
	sleight_size="$(stat -c %s "$k") bytes ELF; text $text, data $data, bss $bss"
	linux_size=-
	[ -s "$out/vmlinuz" ] &&
		linux_size="$(stat -c %s "$out/vmlinuz") bytes compressed bzImage ($(cat "$out/vmlinuz.from"))"
}

# ref_calls - the check that fork's per-page work stays inline: the
# functions fork and every address-space teardown run once a page
# (frame_ref_get, frame_ref_put, frame_free in kernel/mm/pmm.c) may call
# only their panic path. A call into the pool code there made fork+exec
# from a 256 MiB parent 15% slower under TCG (docs/benchmarks.md).
ref_calls() {
	local o=$B/kernel/mm/pmm.o bad
	bad=$(${CROSS:-i686-linux-gnu-}objdump -dr "$o" 2>/dev/null | awk '
		/^[0-9a-f]+ <[^>]*>:$/ { f = $2; gsub(/[<>:]/, "", f) }
		f ~ /^(frame_ref_get|frame_ref_put|frame_free)$/ &&
		/R_386_(PC32|PLT32)/ && $NF !~ /^(panic|frame_misuse)$/ {
			print f "->" $NF }' | sort -u | tr '\n' ' ')
	if [ ! -s "$o" ]; then
		extra+=("per-page frame references call nothing: not checked (no $o)")
	elif [ -n "$bad" ]; then
		extra+=("per-page frame references call nothing: missed (${bad% })")
	else
		extra+=("per-page frame references (frame_ref_get, frame_ref_put, frame_free) call nothing but panic: met")
	fi
}

# ---- 5. report -------------------------------------------------------------

# median FILE... - the median of the numbers read, "-" when there are none.
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "-"; exit }
		if (NR % 2) print v[(NR + 1) / 2];
		else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# fig SIDE NAME - the median of a figure over a side's runs; "skipped".
fig() {
	local logs=("$out"/logs/"$1"-[0-9]*.log) v
	[ -e "${logs[0]}" ] || { echo -; return; }
	v=$(cat "${logs[@]}" | tr -d '\r' | awk -v n="$2" '$1 == "figure" && $2 == n { print $3 }' | median)
	if [ "$v" = - ] && cat "${logs[@]}" | tr -d '\r' | grep -q "^skipped $2 "; then
		v=skipped
	fi
	echo "$v"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'
}

target_of() {
	case "$1" in
	vfork_exec_wait_us|spawn_wait_us) echo "<= 0.10" ;;
	fork_exec_wait_us|fork_exit_wait_us) echo "<= 0.25" ;;
	pipe_mbps) echo ">= 1.5" ;;
	*) echo "" ;;
	esac
}

met() {
	local r=$1 t=$2
	[ "$r" = - ] || [ -z "$t" ] && return
	awk -v r="$r" -v op="${t% *}" -v lim="${t#* }" 'BEGIN {
		ok = (op == "<=") ? r <= lim : r >= lim; print ok ? " (met)" : " (missed)" }'
}

median_time() { [ -s "$out/times/$1" ] && grep -v '^-$' "$out/times/$1" | median || echo -; }

table() {
	local f s l r t
	echo "| figure | Sleight median | Linux median | Sleight/Linux | target |"
	echo "| --- | ---: | ---: | ---: | --- |"
	for f in "${LABEL[@]}"; do
		s=$(fig sleight "$f") l=$(fig linux "$f")
		r=$(ratio "$s" "$l") t=$(target_of "$f")
		echo "| $f | $s | $l | $r | ${t:+$t$(met "$r" "$t")} |"
	done
	for side in sleight linux; do
		r=$(ratio "$(fig $side vfork_exec_wait_256m_us)" "$(fig $side vfork_exec_wait_us)")
		extra+=("vfork+exec+wait, 256 MiB parent / small parent, ${side^}: $r$( [ "$side" = sleight ] && met "$r" "<= 1.10")")
	done
}

plot() {
	local dat=$out/spawn.dat size series=() cols=(
		"sleight vfork_exec_wait Sleight vfork+exec"
		"sleight fork_exec_wait Sleight fork+exec"
		"linux vfork_exec_wait Linux vfork+exec"
		"linux fork_exec_wait Linux fork+exec") c i
	: > "$dat"
	for size in 0 16 64 256; do
		local row=$size sfx=; [ $size = 0 ] || sfx=_${size}m
		for c in "${cols[@]}"; do
			set -- $c
			v=$(fig "$1" "$2${sfx}_us"); [[ $v =~ ^[0-9.]+$ ]] || v='?'
			row+=" $v"
		done
		echo "$row" >> "$dat"
	done
	for i in 0 1 2 3; do
		awk -v c=$((i + 2)) '$c != "?" { f = 1 } END { exit !f }' "$dat" || continue
		set -- ${cols[$i]}; shift 2
		series+=("'$dat' using 1:$((i + 2)) with linespoints title '$*'")
	done
	[ ${#series[@]} -gt 0 ] || { note "no spawn figures to plot"; return; }
	gnuplot <<-EOT 2>"$out/gnuplot.log" || note "gnuplot failed: $(head -3 "$out/gnuplot.log")"
	set terminal pngcairo size 800,500
	set output '$out/spawn.png'
	set datafile missing '?'
	set title 'Spawn latency against parent size (QEMU $ACCEL, -m $MEM)'
	set xlabel 'parent size (MiB touched; 0 = a small parent)'
	set ylabel 'µs per spawn+wait'
	set logscale y
	set key top left
	set grid
	plot $(IFS=,; echo "${series[*]}")
	EOT
}

results() {
	local cpu when
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	when=$(date -u '+%Y-%m-%d %H:%M UTC')
	echo "Run of $when: $qemu_version, accel $ACCEL, -m $MEM, host CPU $cpu,"
	echo "spawnbench N=$N, $PAIRS alternating pairs (Sleight, Linux), medians."
	echo "Linux: $(cat "$out/vmlinuz.from" 2>/dev/null || echo none), console=ttyS0 quiet."
	echo "Host load average at the start: $load_at_start (a busy host adds noise to both sides)."
	echo "Times are µs per operation (spawn figures) and MB/s (pipe)."
	echo
	table
	echo
	for e in "${extra[@]}"; do echo "- $e"; done
	echo "- QEMU start to $boot_what: Sleight -kernel $(median_time sleight-kernel) s, Sleight ISO $(median_time sleight-iso) s, Linux -kernel $(median_time linux) s"
	echo "- smallest -m at which Sleight gets there: $min_mem_mib MiB"
	echo "- kernel image: Sleight $sleight_size; Linux $linux_size"
	echo "- free frames at idle (Sleight): $free_frames_text"
	for n in "${notes[@]}"; do echo "- note: $n"; done
}

update_docs() {
	local doc=docs/benchmarks.md
	[ "${BENCH_NO_DOCS:-0}" = 1 ] && return
	[ -f "$doc" ] || die "no $doc"
	[ -s "$out/spawn.png" ] && cp "$out/spawn.png" docs/spawn.png
	awk -v res="$out/results.md" '
		/^<!-- bench:begin -->$/ { print; while ((getline l < res) > 0) print l
			if (png) print "\n![spawn latency against parent size](spawn.png)"
			skip = 1; next }
		/^<!-- bench:end -->$/ { skip = 0 }
		!skip' png="$([ -s "$out/spawn.png" ] && echo 1)" "$doc" > "$doc.tmp" &&
		mv "$doc.tmp" "$doc"
	say "updated $doc"
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$out/logs"
rm -f "$out"/logs/sleight-[0-9]*.log "$out"/logs/linux-[0-9]*.log
build
fetch_linux || true
qemu_wrapper
if [ -s "$out/vmlinuz" ]; then
	linux_initramfs "$out/bench.cpio" /bin/spawnbench "$N"
	linux_initramfs "$out/hello.cpio" /bin/hello
fi
if [ "$ACCEL" = kvm ] && [ ! -w /dev/kvm ]; then
	note "BENCH_ACCEL=kvm but /dev/kvm is not usable here: TCG for both"
	ACCEL=tcg
fi
probe
pairs
say "boot times"
boot_times
say "smallest memory"
min_mem
free_frames
sizes
ref_calls
plot
results > "$out/results.md"
cat "$out/results.md"
update_docs
