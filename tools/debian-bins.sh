#!/usr/bin/env bash
# debian-bins.sh OUT - Debian's unmodified i386 static programs, for the
# tests that run them on Sleight and on the host Linux side by side:
#   OUT/bin/busybox      busybox-static (glibc, static)
#   OUT/bin/ash          a link to it, so that argv[0] picks the shell
#   OUT/bin/bash-static  bash-static (glibc, static)
# The packages are fetched with `apt-get download PKG:i386` into
# OUT/cache once (an `apt-get update` first when the index does not know
# them and we are root) and unpacked with dpkg-deb; nothing is installed.
# OUT/versions names the packages used; a second run with the same
# packages does nothing. Exits 1, saying why, when a
# package cannot be had.
set -euo pipefail
out=${1:?usage: debian-bins.sh OUT}
pkgs=(busybox-static bash-static)
mkdir -p "$out/cache" "$out/bin"
cd "$out"
# Test jobs run at once: one fetch at a time, the others wait for it.
exec 9> lock
flock 9

have() { ls cache/"$1"_*_i386.deb >/dev/null 2>&1; }
for p in "${pkgs[@]}"; do
	have "$p" && continue
	if ! (cd cache && apt-get download -q "$p:i386") >/dev/null 2>&1; then
		[ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 || true
		(cd cache && apt-get download -q "$p:i386") >/dev/null 2>&1 || {
			echo "debian-bins: apt-get download $p:i386 failed" >&2
			exit 1
		}
	fi
done
debs=$(for p in "${pkgs[@]}"; do ls cache/"$p"_*_i386.deb | head -n 1; done)
[ -x bin/busybox ] && [ -x bin/bash-static ] &&
	[ "$(cat versions 2>/dev/null)" = "$debs" ] && exit 0
rm -rf pkg && mkdir pkg
for deb in $debs; do dpkg-deb -x "$deb" pkg; done
cp pkg/bin/busybox pkg/bin/bash-static bin/
ln -sf busybox bin/ash
rm -rf pkg
echo "$debs" > versions
