#!/usr/bin/env bash
# test-host.sh ROOT - run every in-OS test program (ROOT/tests/t_*) on the
# host Linux, where i386 static binaries run natively. This is how each
# expectation is proven against a real kernel. The runner is the one the
# OS uses, ROOT/bin/runtests (without /dev/kstat it makes no leak check),
# so the output is the same TAP: each program's checks indented as a
# subtest, then "ok N - t_name" or "not ok N - t_name (why)", and the
# plan. Exits non-zero if a program failed.
set -uo pipefail
root=$(realpath "$1")
cd "$root/tests" || exit 2
exec "$root/bin/runtests" -t 60 "$root"/tests/t_* < /dev/null 2>&1
