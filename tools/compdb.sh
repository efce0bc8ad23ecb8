#!/usr/bin/env bash
# tools/compdb.sh BUILDDIR CC "CFLAGS" FILE.c... - print a JSON compilation
# database (clang's compile_commands.json format) on stdout: one entry per
# kernel C file, with absolute paths and the exact flags the Makefile uses.
# Called by `make compdb`.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 BUILDDIR CC CFLAGS FILE.c..." >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
build=$1 cc=$2 cflags=$3
shift 3
case "$build" in /*) ;; *) build=$top/$build ;; esac

# A JSON string: backslashes and double quotes escaped.
json_str() {
	local s=${1//\\/\\\\}
	printf '"%s"' "${s//\"/\\\"}"
}

read -r -a flags <<< "$cflags"
echo "["
sep=
for f in "$@"; do
	src=$top/$f obj=$build/${f%.c}.o
	printf '%s  {\n    "directory": %s,\n' "$sep" "$(json_str "$top")"
	printf '    "file": %s,\n    "output": %s,\n' \
		"$(json_str "$src")" "$(json_str "$obj")"
	printf '    "arguments": [%s' "$(json_str "$cc")"
	for a in "${flags[@]}"; do
		printf ', %s' "$(json_str "$a")"
	done
	printf ', "-c", %s, "-o", %s]\n  }' "$(json_str "$src")" \
		"$(json_str "$obj")"
	sep=$',\n'
done
printf '\n]\n'
