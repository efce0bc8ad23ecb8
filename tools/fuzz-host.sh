#!/usr/bin/env bash
# tools/fuzz-host.sh [--smoke] SECONDS|RUNS NAME... - run the host
# libFuzzer harnesses build/fuzz/fuzz_NAME (tests/fuzz/fuzz.mk).
#
# Long run (make fuzz-host): each harness for SECONDS on a working copy
# of its corpus in $B/fuzz/corpus/NAME (seeded from tests/fuzz/corpus/
# NAME), with a random seed; crashes land in $B/fuzz/crashes/NAME/.
# Replay one with: build/fuzz/fuzz_NAME build/fuzz/crashes/NAME/crash-...
#
# --smoke (make test): each harness replays the committed corpus, then
# runs RUNS more inputs from seed 1, so the run is the same every time;
# what it finds goes to $B/fuzz/smoke/NAME and is thrown away.
# Prints TAP: "ok N - fuzz_NAME (...)" or "not ok N - fuzz_NAME (...)"
# with the sanitizer's lines as "# " comments, per harness, then the
# plan; exits non-zero if any failed.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
B=${B:-build}
smoke=0
[ "${1:-}" = --smoke ] && { smoke=1; shift; }
amount=$1
shift
failed=0 n=0
mkdir -p "$B/testlogs"
for name in "$@"; do
	n=$((n + 1))
	bin=$B/fuzz/fuzz_$name
	seeds=tests/fuzz/corpus/$name
	crashes=$B/fuzz/crashes/$name
	log=$B/testlogs/fuzz_$name.log
	[ "$smoke" = 1 ] && log=$B/testlogs/fuzz-smoke_$name.log
	mkdir -p "$crashes"
	if [ "$smoke" = 1 ]; then
		# New inputs go to the first directory, never to the seeds.
		work=$B/fuzz/smoke/$name
		rm -rf "$work" && mkdir -p "$work"
		"$bin" -seed=1 -runs="$amount" -max_len=4096 \
			-artifact_prefix="$crashes/" "$work" "$seeds" \
			> "$log" 2>&1
	else
		work=$B/fuzz/corpus/$name
		mkdir -p "$work"
		cp -n "$seeds"/* "$work"/ 2>/dev/null
		echo "fuzz-host: $name for ${amount}s (log: $log)"
		"$bin" -max_total_time="$amount" -max_len=4096 \
			-artifact_prefix="$crashes/" "$work" "$seeds" \
			> "$log" 2>&1
	fi
	rc=$?
	if [ "$rc" = 0 ]; then
		echo "ok $n - fuzz_$name ($(grep -E '^Done|^#[0-9]+.*DONE' "$log" |
			tail -1))"
	else
		failed=$((failed + 1))
		echo "not ok $n - fuzz_$name (exit $rc; log: $log)"
		grep -E 'ERROR|SUMMARY|Test unit written|runtime error' \
			"$log" | head -10 | sed 's/^/# /'
	fi
done
echo "1..$n"
[ "$failed" -eq 0 ]
