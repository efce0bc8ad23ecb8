#!/usr/bin/env bash
# test-host.sh ROOT - run every in-OS test program (ROOT/tests/t_*) on the
# host Linux, where i386 static binaries run natively. This is how each
# expectation is proven against a real kernel. Prints "N passed, N failed"
# counting test programs.
set -uo pipefail
root=$1
passed=0 failed=0
for t in "$root"/tests/t_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	abs=$(realpath "$t")
	out=$(cd "$root/tests" && timeout 60 "$abs" 2>&1 < /dev/null)
	rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1)); echo "PASS: $name"
	else
		failed=$((failed + 1)); echo "FAIL: $name (exit $rc)"
		echo "$out" | grep -v '^PASS' | sed 's/^/    /' | tail -20
	fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
