#!/usr/bin/env bash
# Install every Debian package Sleight needs to build, run and test.
# Idempotent: does nothing when all packages are present.
# Usage: tools/deps.sh   (as root; otherwise prints the command to run)
set -euo pipefail

PKGS=(make gcc gcc-i686-linux-gnu binutils-i686-linux-gnu grub-common grub-pc-bin
      grub-efi-amd64-bin grub-efi-ia32-bin xorriso mtools qemu-system-x86 ovmf
      cpio e2fsprogs libcmocka-dev musl-dev:i386 linux-libc-dev:i386 gdb gnuplot-nox
      tmux dash clang libclang-rt-14-dev sparse clang-format
      console-setup-linux ovmf-ia32)

missing=()
for p in "${PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

need_i386=0
dpkg --print-foreign-architectures | grep -qx i386 || need_i386=1

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages: ${missing[*]}" >&2
	echo "deps: run as root:" >&2
	[ $need_i386 -eq 1 ] && echo "  dpkg --add-architecture i386" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
	exit 1
fi

[ $need_i386 -eq 1 ] && dpkg --add-architecture i386
export DEBIAN_FRONTEND=noninteractive
# A mirror mid-sync can fail one index; retry, then go on with what we have.
for try in 1 2 3; do
	apt-get update -qq && break
	echo "deps: apt-get update failed (try $try), retrying" >&2
	sleep 5
done
apt-get install -y -qq --no-install-recommends "${missing[@]}"
