#!/usr/bin/env bash
# Measures ./warden up: time from launch to all services ready (median of N runs), and each
# service's resident memory once ready, with and without AOT caches. Needs built jars and free
# ports; prints Markdown for docs/benchmarks.md.
#   bench/warden-up.sh [runs]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
./warden down >/dev/null 2>&1 || true

measure() { # label, options...
  local label="$1"; shift
  local times=() rss_file
  rss_file="$(mktemp)"
  for _ in $(seq "$runs"); do
    out="$(./warden up --exit-when-ready "$@" 2>&1)" || { echo "$out" >&2; exit 1; }
    times+=("$(grep '^READY_SECONDS=' <<<"$out" | cut -d= -f2)")
    grep '^RSS_MB ' <<<"$out" >"$rss_file"
  done
  median="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
  echo "| $label | ${times[*]} | **$median** |"
  echo "$label" >>"$rss_file.labels"
  cp "$rss_file" "/tmp/warden-up-rss-${label// /-}.txt"
}

# A first run trains the AOT caches if the jars changed since the last one; it is not counted.
./warden up --exit-when-ready --aot >/dev/null 2>&1

echo "| mode | seconds to all ready (each run) | median |"
echo "|---|---|---|"
measure "AOT cache" --aot
measure "no AOT cache" --no-aot
echo
echo "| service | RSS with AOT (MB) | RSS without (MB) |"
echo "|---|---|---|"
join <(awk '{print $2, $3}' /tmp/warden-up-rss-AOT-cache.txt | sort) \
     <(awk '{print $2, $3}' /tmp/warden-up-rss-no-AOT-cache.txt | sort) | awk '{print "| " $1 " | " $2 " | " $3 " |"}'
