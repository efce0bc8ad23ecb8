#!/usr/bin/env bash
# tools/test.sh [SUITE]... - run the Sleight test suites, in parallel, and
# report only what failed, one line per suite, and last, alone on its
# line, "N passed, N failed" (CI reads it). Exits non-zero if anything
# failed. The suites (all of them, in this order, with no argument):
#   unit:        host cmocka tests (build/unit/test_*), test by test
#   layers:      tools/check-layers --self-test (docs/layout.md)
#   fuzz-host:   the libFuzzer harnesses (tests/fuzz), a short run of each
#   boot:        the QEMU boot cases in tests/boot/cases, through tools/osrun
#   host:        the in-OS test programs run on the host Linux (runtests)
#   os:          the in-OS test programs in one boot (/bin/runtests)
#   fuzz:        a short smoke run of the in-OS system-call fuzzer
#   sh-host:     the shell scripts tests/sh/*.tsh on the host, with tsh and
#                with dash (tools/test-sh-host.sh)
#   sh:          the shell scripts in one boot (/bin/tshtest)
#   debian:      tests/debian/*.tsh with Debian's unmodified static shells
#                (busybox-static's ash, bash-static), on the host and in
#                one boot each, compared (tools/test-debian.sh)
#   interactive: make run's prompt driven through tmux
#   format:      kernel/ as clang-format writes it (tools/format-check)
#
# Every suite speaks TAP ("ok N - name", "not ok N - name", "# SKIP why";
# docs/testing.md). A suite is one or more jobs - each boot case is one,
# each other suite one - and up to TEST_JOBS jobs (default: the number of
# CPUs x 2) run at once, the long ones first; every QEMU boot is its own
# tools/osrun with its own temporary directory, so they share nothing.
# Each job leaves its log and its results in build/testlogs/SUITE/, and
# each suite its numbered TAP in build/testlogs/SUITE.tap.
#
# A failure is shown as its "not ok" line, the failing lines under it
# (a test program's own "not ok" checks, a diff) and the log's path and
# last lines. Environment: TEST_JOBS; BOOT_TIMEOUT, OS_TIMEOUT,
# SH_TIMEOUT, FUZZ_TIMEOUT (seconds a boot may take); FUZZ_RUNS,
# FUZZ_SEED, FUZZ_CALLS (the fuzzers' short runs); B (the build
# directory).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${B:-build}
L=$B/testlogs
JOBS=${TEST_JOBS:-$(($(nproc) * 2))}
all_suites=(unit layers fuzz-host boot host os fuzz sh-host sh debian interactive
	format)

# ---- TAP ------------------------------------------------------------------

# tap_fold PREFIX LOG RC - read the TAP a runner wrote to LOG (its exit
# status RC) and print its results unnumbered, each name after PREFIX:
# "ok - PREFIXname" or "not ok - PREFIXname" with "#   " lines of context
# under it: the indented "not ok" lines of its subtest (runtests), the
# "# " comments around it (tshtest's diff, cmocka's message), the last
# lines of its own output, and the log. A run that ends without as many
# results as its plan(s) said, or that exits non-zero with no failed
# result, is one more failure.
tap_fold() {
	tr -d '\r' < "$2" | awk -v pre="$1" -v logf="$2" -v rc="$3" '
	function ctx(s) { if (nctx++ < 24) print "#   " s }
	function tail_of(n,   i) {
		for (i = (nb > n ? nb - n : 0); i < nb; i++)
			if (blk[i] !~ /^([ \t]*((not )?ok [0-9]|1\.\.)|# )/)
				ctx("| " blk[i])
	}
	function flush() { if (pend) print "#   log: " logf; pend = 0 }
	function result(line,   notok, desc, i) {
		flush()
		notok = line ~ /^not /
		desc = line
		sub(/^(not )?ok [0-9]+( - )?/, "", desc)
		print (notok ? "not ok - " : "ok - ") pre desc
		results++
		after = notok
		nctx = 0
		if (notok) {
			failures++
			for (i = 0; i < nb; i++)
				if (blk[i] ~ /^[ \t]+not ok/ ||
				    (blk[i] ~ /^# / && blk[i] !~ /^# Subtest: /))
					ctx(blk[i])
			tail_of(8)
			pend = 1
		}
		nb = 0
	}
	/^(not )?ok [0-9]+/ { result($0); next }
	/^1\.\.[0-9]+$/ {
		flush(); after = 0
		plan += substr($0, 4) + 0; planned = 1
		next
	}
	after && /^# / && !/^# Subtest/ && !/^# [0-9]+ passed/ { ctx($0); next }
	{ flush(); after = 0; blk[nb++] = $0 }
	END {
		flush()
		if (!planned || results != plan) {
			nctx = 0
			print "not ok - " pre "did not finish: " results " of " \
				(planned ? plan : "?") " results (exit " rc ")"
			tail_of(12)
			print "#   log: " logf
		} else if (rc != 0 && !failures) {
			nctx = 0
			print "not ok - " pre "exited with status " rc
			tail_of(12)
			print "#   log: " logf
		}
	}'
}

# tap_from_pass_fail LOG - the TAP of a log in the older "PASS: name" /
# "FAIL: name" / "SKIP: why" form (a tool with its own output, such as a
# checker or fuzzer) into LOG.tap: the indented lines under a FAIL become
# its "# " comments, other lines stay as they are.
tap_from_pass_fail() {
	tr -d '\r' < "$1" | awk '
		/^PASS: / { print "ok " ++n " - " substr($0, 7); f = 0; next }
		/^FAIL: / { print "not ok " ++n " - " substr($0, 7); f = 1; next }
		/^SKIP: / { print "ok " ++n " - " substr($0, 7) " # SKIP"; next }
		f && /^[ \t]/ { print "# " $0; next }
		{ f = 0; print }
		END { print "1.." n + 0 }' > "$1.tap"
}

# tap_count FILE - "PASSED FAILED SKIPPED" of an unnumbered TAP file.
tap_count() {
	awk '/^ok .*# SKIP/ { s++; next } /^ok / { p++ } /^not ok / { f++ }
	     END { printf "%d %d %d\n", p, f, s }' "$1"
}

# tap_number IN OUT - the results of IN numbered, with the plan, in OUT.
tap_number() {
	awk '/^(not )?ok / { n++; sub(/ok /, "ok " n " ") } { print }
	     END { print "1.." n + 0 }' "$1" > "$2"
}

# ---- the suites' jobs -----------------------------------------------------
# A job prints unnumbered TAP on stdout; its logs go to $L/SUITE/.

# layers: the kernel's layers depend one way only (tools/check-layers,
# with planted inversions it must report; docs/layout.md).
job_layers() {
	tools/check-layers --self-test --tap "$B" > "$L/layers/layers.log" 2>&1
	tap_fold "" "$L/layers/layers.log" $?
}

# unit: every cmocka binary, with cmocka's own TAP output.
job_unit() {
	local bin name rc
	for bin in "$B"/unit/test_*; do
		[ -x "$bin" ] || continue
		name=${bin##*/}
		CMOCKA_MESSAGE_OUTPUT=TAP "$bin" > "$L/unit/$name.log" 2>&1
		rc=$?
		tap_fold "$name: " "$L/unit/$name.log" "$rc"
	done
}

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }

# boot N: case line N of tests/boot/cases ("name | osrun options |
# command | expected status | extended regex a log line must match").
job_boot() {
	local name opts cmd want re log rc why=
	IFS='|' read -r name opts cmd want re < <(sed -n "$1p" tests/boot/cases)
	name=$(trim "$name") opts=$(trim "$opts") cmd=$(trim "$cmd")
	want=$(trim "$want") re=$(trim "$re")
	log=$L/boot/$name.log
	# shellcheck disable=SC2086
	tools/osrun --timeout "${BOOT_TIMEOUT:-180}" $opts -- $cmd > "$log" 2>&1
	rc=$?
	if [ "$rc" != "$want" ]; then
		why="exit $rc, wanted $want"
	elif [ -n "$re" ] && ! tr -d '\r' < "$log" | grep -Eq -- "$re"; then
		why="no log line matches /$re/"
	fi
	if [ -z "$why" ]; then
		echo "ok - $name"
		return
	fi
	echo "not ok - $name: $why"
	echo "#   log: $log"
	tr -d '\r' < "$log" | tail -n 12 | sed 's/^/#   | /'
}

# One boot that runs an in-OS runner: usage: in_os SUITE TIMEOUT CMD...
in_os() {
	local suite=$1 timeout=$2 log=$L/$1/$1.log rc
	shift 2
	tools/osrun --timeout "$timeout" -- "$@" > "$log" 2>&1
	rc=$?
	tap_fold "" "$log" "$rc"
}

# os: the test programs, one boot, runtests' leak check around each.
job_os() { in_os os "${OS_TIMEOUT:-900}" /bin/runtests -t 120; }

# sh: the shell scripts, one boot, tshtest's leak check around each.
job_sh() { in_os sh "${SH_TIMEOUT:-600}" /bin/tshtest -t 60; }

# host: the test programs on the host Linux, each expectation proven.
job_host() {
	bash tools/test-host.sh "$B/rootfs" > "$L/host/host.log" 2>&1
	tap_fold "" "$L/host/host.log" $?
}

# sh-host: the shell scripts with tsh and dash on the host.
job_sh_host() {
	bash tools/test-sh-host.sh "$B/rootfs" > "$L/sh-host/sh-host.log" 2>&1
	tap_fold "" "$L/sh-host/sh-host.log" $?
}

# debian SHELL: Debian's SHELL (ash or bash-static) runs the scripts in
# tests/debian on the host, which gives the expected output, and then in
# Sleight.
job_debian() {
	local log=$L/debian/$1.log
	bash tools/test-debian.sh "$1" > "$log" 2>&1
	tap_fold "${1%-static}/" "$log" $?
}

# interactive: make run at a terminal, typed at through tmux.
job_interactive() {
	if ! command -v tmux >/dev/null; then
		echo "not ok - tmux is not installed"
		return
	fi
	bash tools/test-interactive.sh > "$L/interactive/interactive.log" 2>&1
	tap_fold "" "$L/interactive/interactive.log" $?
}

# fuzz-host NAME: one parser harness, its committed corpus replayed and
# then FUZZ_RUNS inputs from seed 1 (tools/fuzz-host.sh --smoke).
job_fuzz_host() {
	local log=$L/fuzz-host/$1.log
	bash tools/fuzz-host.sh --smoke "${FUZZ_RUNS:-20000}" "$1" > "$log" 2>&1
	tap_fold "" "$log" $?
}

# fuzz: the in-OS system-call fuzzer, a short run from a fixed seed
# without the classes user/tests/fuzz.c marks as not for the smoke run;
# its two checks are no hang and no leak, and a panic or a hang of the
# whole run is a failure too.
job_fuzz() {
	local log=$L/fuzz/fuzz.log
	tools/osrun --timeout "${FUZZ_TIMEOUT:-300}" --mem 256 -- \
		/tests/fuzz --smoke -s "${FUZZ_SEED:-1}" \
		-n "${FUZZ_CALLS:-200000}" -d 40 > "$log" 2>&1
	tap_fold "" "$log" $?
}

# format: every kernel source as .clang-format says (make format fixes).
job_format() {
	bash tools/format-check --tap > "$L/format/format.log" 2>&1
	tap_fold "" "$L/format/format.log" $?
}

# ---- running the jobs -----------------------------------------------------

queue=()	# "SUITE KEY FUNCTION [ARG]", longest first

# plan_jobs SUITE: queue the jobs of SUITE.
plan_jobs() {
	local n=0 line w
	case "$1" in
	boot)
		# The boots through GRUB and OVMF take longest: first.
		while IFS= read -r line; do
			n=$((n + 1))
			[[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
			w=2
			[[ "$line" =~ --(uefi|iso|disk) ]] && w=1
			printf '%s %03d job_boot %d\n' "$w" "$n" "$n"
		done < tests/boot/cases | sort | while read -r _ key fn arg; do
			echo "boot $key $fn $arg"
		done
		;;
	fuzz-host)
		for line in tests/fuzz/fuzz_*.c; do
			line=${line##*/fuzz_}
			echo "fuzz-host ${line%.c} job_fuzz_host ${line%.c}"
		done
		;;
	debian)
		echo "debian ash job_debian ash"
		echo "debian bash job_debian bash-static"
		;;
	*) echo "$1 $1 job_${1//-/_}" ;;
	esac
}

# run_job SUITE KEY FUNCTION [ARG]: one job, timed, its TAP in a file.
run_job() {
	local suite=$1 key=$2 t0=$EPOCHREALTIME
	local out=$L/$suite/$key
	"$3" ${4:+"$4"} > "$out.tap" 2> "$out.err" < /dev/null
	grep -q '^\(not \)\?ok ' "$out.tap" ||
		echo "not ok - $key gave no result ($out.err)" >> "$out.tap"
	echo "$t0 $EPOCHREALTIME" > "$out.time"
}

# run_queue: the queued jobs, at most JOBS at once. Each job is its own
# process group (set -m), so an interrupt stops the QEMUs under it too.
stop_jobs() {
	local p
	for p in $(jobs -rp); do kill -- "-$p" 2>/dev/null; done
	exit 130
}
run_queue() {
	local job
	trap stop_jobs INT TERM
	set -m
	for job in "${queue[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
		# shellcheck disable=SC2086
		run_job $job &
	done
	wait
	set +m
}

# ---- the report -----------------------------------------------------------

# report SUITE: its failures with their context, then its line, and
# add its counts to the totals.
report() {
	local s=$1 p f k
	cat "$L/$s"/*.tap > "$L/$s.all"
	tap_number "$L/$s.all" "$L/$s.tap"
	read -r p f k < <(tap_count "$L/$s.all")
	# Context for the first 10 failures; past that, their lines only.
	awk -v s="$s" '
		/^not ok / { on = ++n <= 10; print "not ok - " s ": " substr($0, 10)
			     next }
		on && /^#/ { print; next }
		{ on = 0 }' "$L/$s.all"
	rm -f "$L/$s.all"
	# The suite's time: from its first job's start to its last one's end.
	printf '%s: %d passed, %d failed%s (%.1f s)\n' "$s" "$p" "$f" \
		"$([ "$k" -gt 0 ] && echo ", $k skipped")" \
		"$(cat "$L/$s"/*.time | awk 'NR == 1 || $1 < a { a = $1 }
			$2 > b { b = $2 } END { print b - a }')"
	passed=$((passed + p)) failed=$((failed + f))
}

suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=("${all_suites[@]}")
for s in "${suites[@]}"; do
	if ! declare -F "job_${s//-/_}" >/dev/null; then
		echo "test.sh: no suite '$s' (suites: ${all_suites[*]})" >&2
		exit 2
	fi
	rm -rf "${L:?}/$s" "$L/$s.tap" && mkdir -p "$L/$s"
	mapfile -t -O ${#queue[@]} queue < <(plan_jobs "$s")
done
# Every boot would build a missing kernel or root at once: build it here.
if [ ! -f "$B/sleight.elf" ] || [ ! -d "$B/rootfs" ]; then
	make -s all user unit-bins >&2 || exit 2
fi
# Longest first: the single-boot suites, then the boot cases (their own
# order), then the host suites.
mapfile -t queue < <(printf '%s\n' "${queue[@]}" | awk '
	{ w = 2 }
	$1 == "os" || $1 == "interactive" || $1 == "fuzz" { w = 0 }
	$1 == "boot" || $1 == "sh" || $1 == "debian" { w = 1 }
	{ print w, NR, $0 }' | sort -k1,1n -k2,2n | cut -d" " -f3-)
run_queue

passed=0 failed=0
for s in "${suites[@]}"; do report "$s"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
