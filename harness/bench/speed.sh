#!/usr/bin/env bash
# Measures the harness's own speed against the targets of the performance
# issue, side by side on this machine, and prints medians:
#   warm `kata check` against a bare `go test -race -count=1` of the package
#   a deadlocked kata's check (the verdict comes one watchdog bound in)
#   `kata` status with every kata cached
#   warm `kata verify` over every kata
# Usage: bash harness/bench/speed.sh [runs]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
bin=$(mktemp -d)/kata
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./harness/cmd/kata
export NO_COLOR=1

# seconds runs a command and prints its wall time in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' 
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

kata=katas/01-shared-struct
"$bin" check 01-shared-struct >/dev/null 2>&1 || true # warm both caches
go test -race -count=1 "./$kata/" >/dev/null 2>&1 || true
bare=(); check=(); deadlock=(); status=()
for _ in $(seq "$runs"); do
  bare+=("$(seconds go test -race -count=1 "./$kata/")")
  check+=("$(seconds "$bin" check 01-shared-struct)")
  deadlock+=("$(seconds "$bin" check 11-missing-done)")
done
"$bin" >/dev/null 2>&1 || true # fill the status cache
for _ in $(seq "$runs"); do status+=("$(seconds "$bin")"); done

b=$(printf '%s\n' "${bare[@]}" | median)
c=$(printf '%s\n' "${check[@]}" | median)
d=$(printf '%s\n' "${deadlock[@]}" | median)
s=$(printf '%s\n' "${status[@]}" | median)
printf 'bare go test -race -count=1 %s   median %.2f s\n' "$kata" "$b"
printf 'kata check 01-shared-struct             median %.2f s  (%.2fx bare; target <= 1.15x)\n' "$c" "$(awk -v c="$c" -v b="$b" 'BEGIN { print c / b }')"
printf 'kata check 11-missing-done (deadlock)   median %.2f s  (whole check; the watchdog bound is 1.5 s)\n' "$d"
printf 'kata status, every kata cached          median %.3f s  (target <= 0.5 s)\n' "$s"
v=$(seconds "$bin" verify)
printf 'kata verify, warm, every kata           %.1f s  (target <= 90 s)\n' "$v"
