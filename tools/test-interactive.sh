#!/usr/bin/env bash
# test-interactive.sh [--host ROOT] [--timeout S] - drive tsh at a
# terminal the way a person would, through tmux (send-keys and
# capture-pane), and check the answers:
#   1. wait for the prompt ("tsh# " or "tsh$ ");
#   2. type "echo hi | wc -c" and read "3";
#   3. line editing: "echo abX", Backspace, "c" -> "abc"; "echo wrong",
#      ^U, "echo right" -> "right"; "echo ac", Left, "b" -> "abc" again;
#      Up arrow twice recalls "echo right";
#   4. ^C at a running "sleep 30" gives the prompt back (the shell lives);
#      a failed exec, ^D at a continuation prompt and an over-long line
#      leave the shell running too;
#   5. type "exit" and see the session end (host) or stop it (QEMU).
# Default: boot Sleight as "make run" does, with the serial line on the
# tmux pane (-nographic). --host ROOT runs ROOT/bin/tsh on the host
# instead, which checks the same mechanics without the kernel.
# Prints TAP: "ok N - step" or "not ok N - step" with the screen's last
# lines as "# " comments under it, then the plan "1..N".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
host_root= timeout_s=120
while [ $# -gt 0 ]; do
	case "$1" in
	--host) host_root=$(realpath "$2"); shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	*) echo "usage: $0 [--host ROOT] [--timeout S]" >&2; exit 2 ;;
	esac
done
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 2; }

sess=tsh-interactive-$$
n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1"
	tmux capture-pane -p -t "$sess" | sed 's/^/# | /' | tail -15
}

if [ -n "$host_root" ]; then
	cmd="env -i PATH=$host_root/bin:/usr/bin:/bin TERM=xterm $host_root/bin/tsh"
else
	cmd="make -s -C $top run RUN_DISPLAY=-nographic"
fi
tmux kill-session -t "$sess" 2>/dev/null
tmux new-session -d -s "$sess" -x 100 -y 40 "$cmd; sleep 1" || exit 2
trap 'tmux kill-session -t "$sess" 2>/dev/null' EXIT

screen() { tmux capture-pane -p -t "$sess" -S -200 2>/dev/null | tr -d '\r'; }

# wait_for REGEX SECONDS: until some screen line matches (extended regex).
wait_for() {
	local end=$((SECONDS + $2))
	while [ $SECONDS -lt $end ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.2
	done
	return 1
}

# wait_after MARK REGEX SECONDS: until a line after the last line
# containing MARK matches.
wait_after() {
	local end=$((SECONDS + $3))
	while [ $SECONDS -lt $end ]; do
		after "$1" | grep -Eq -- "$2" && return 0
		sleep 0.2
	done
	return 1
}

# Lines after the last line containing MARK.
after() { screen | awk -v m="$1" 'index($0, m) { buf = ""; next } { buf = buf $0 "\n" } END { printf "%s", buf }'; }

prompt='tsh[#$]( |$)'
keys() { tmux send-keys -t "$sess" "$@"; }

if wait_for "^$prompt" "$timeout_s"; then pass "prompt"; else fail "no prompt in ${timeout_s}s"; echo "1..$n"; exit 1; fi

keys 'echo hi | wc -c' Enter
if wait_for '^3$' 60; then pass "pipeline answers 3"; else fail "echo hi | wc -c did not print 3"; fi

keys 'echo abX' BSpace 'c' Enter
wait_for '^abc$' 60 && pass "backspace" || fail "backspace"

keys 'echo wrong' C-u 'echo right' Enter
wait_for '^right$' 60 && ! screen | grep -q '^wrong$' && pass "^U kills the line" || fail "^U"

keys 'clear_marker=1; echo mark1' Enter
wait_for '^mark1$' 60
keys 'echo ac' Left 'b' Enter
wait_after mark1 '^abc$' 60 && pass "left arrow inserts in the middle" || fail "left arrow"

keys Up Up Up Enter
wait_after mark1 '^right$' 60 && pass "history up" || fail "history up recalled nothing"

keys 'sleep 30' Enter
sleep 1
keys C-c
sleep 1
keys 'echo alive $?' Enter
wait_for '^alive 130$' 60 && pass "^C interrupts the command, not the shell" || fail "^C"

# Everything init starts is one orphaned process group: ^Z (SIGTSTP)
# must be discarded there, not stop the shell and its job for good.
keys 'sleep 2' Enter
sleep 0.5
keys C-z
keys 'echo back $?' Enter
wait_for '^back 0$' 60 && pass "^Z in an orphaned group stops nothing" ||
	fail "^Z stopped the job (the console froze)"

keys 'exec /nonexistent' Enter
keys 'echo still $?' Enter
wait_for '^still 127$' 60 && pass "a failed exec keeps an interactive shell" ||
	fail "exec of a missing program ended the shell"

keys "echo 'x" Enter
sleep 1
keys C-d
sleep 1
keys 'echo after' Enter
wait_for '^after$' 60 && pass "^D at a continuation prompt ends only that command" ||
	fail "^D at a continuation prompt ended the shell"

# Typed in pieces, as a person (or a paste with flow control) would: the
# console drops what arrives while its input queue is full, and a loaded
# machine can leave the shell too slow to drain 4 KiB typed at once.
keys "echo "
for i in 1 2 3 4 5 6 7; do
	keys "$(printf 'b%.0s' $(seq 1 600))"
	sleep 0.3
done
keys " | wc -c" Enter
wait_for 'line too long' 60 && pass "an over-long line is refused, not cut and run" ||
	fail "an over-long line was cut and run"

keys 'exit' Enter
if [ -n "$host_root" ]; then
	end=$((SECONDS + 10))
	while tmux has-session -t "$sess" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 0.2; done
	tmux has-session -t "$sess" 2>/dev/null && fail "exit left the shell running" || pass "exit"
else
	wait_for 'halt|status=' 60 && pass "exit" || fail "no halt after exit"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
