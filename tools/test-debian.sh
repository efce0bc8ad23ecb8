#!/usr/bin/env bash
# test-debian.sh SHELL - run the scripts in tests/debian/*.tsh with one of
# Debian's unmodified i386 static shells (ash: busybox-static's; bash:
# bash-static) on the host Linux and then on Sleight, and compare.
#   1. tools/debian-bins.sh fetches the programs into $B/debian/bin;
#   2. each script runs on the host with that shell, in a scratch copy of
#      the directory, stdin /dev/null, Debian's programs first on PATH:
#      its stdout and exit status become NAME.out and NAME.status - the
#      expectation is what the same binary does on Linux;
#   3. one Sleight boot runs `/bin/tshtest -s /bin/SHELL DIR` on the
#      same files (tshtest compares stdout byte for byte and the status,
#      and checks free frames, kmalloc objects and processes around each
#      script).
# Prints tshtest's TAP; exits non-zero if anything failed.
# Environment: B (build directory), DEBIAN_TIMEOUT (seconds for the boot).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
B=${B:-build}
sh=${1:?usage: test-debian.sh ash|bash-static}
case "$sh" in ash) tag=ash ;; bash-static) tag=bash ;; *) exit 2 ;; esac

if ! err=$(bash tools/debian-bins.sh "$B/debian" 2>&1); then
	echo "not ok 1 - fetch Debian's programs: $err"
	echo "1..1"
	exit 1
fi
bin=$(realpath "$B/debian/bin")
stage=$(realpath -m "$B/debian/stage-$tag")
dir=$stage/tests/debian-$tag
rm -rf "$stage" && mkdir -p "$dir" "$stage/bin"
cp "$bin/busybox" "$stage/bin/"
if [ "$sh" = ash ]; then
	ln -s busybox "$stage/bin/ash"
else
	cp "$bin/$sh" "$stage/bin/"
fi

# The expectations, from the host.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/debtest.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
for t in tests/debian/*.tsh; do
	name=${t##*/}
	name=${name%.tsh}
	cp "$t" "$dir/" && cp "$t" "$scratch/"
	(cd "$scratch" && PATH=$bin:$PATH timeout 60 "$bin/$sh" "$name.tsh" \
		< /dev/null > "$dir/$name.out" 2> /dev/null)
	echo $? > "$dir/$name.status"
done

tools/osrun --timeout "${DEBIAN_TIMEOUT:-300}" --extra "$stage" -- \
	/bin/tshtest -s "/bin/$sh" -t 60 "/tests/debian-$tag"
