#!/usr/bin/env bash
# Side-by-side load test of the offline coach against a bare gin handler.
#
#   bash bench/run.sh            # 3 alternating rounds of 10 s each
#   ROUNDS=5 DURATION=20s CONNS=32 bash bench/run.sh
#
# Needs wrk (Debian: apt-get install wrk), curl and awk. It builds the coach and
# cmd/ginref, then for each round loads ginref and the coach one after the
# other with the same request mix (bench/chat.lua), and prints throughput,
# p99 latency, non-2xx counts, the coach/gin throughput ratio, the coach's
# cold start (process start to /readyz 200) and its peak resident memory.
# Not part of the tests: timings are noisy, and depend on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
COACH_PORT=${COACH_PORT:-18181}
GIN_PORT=${GIN_PORT:-18182}

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is missing: apt-get install wrk" >&2; exit 1
  fi
fi
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

echo "building..."
go build -o "$tmp/coach" ./cmd/coach
go build -o "$tmp/ginref" ./cmd/ginref

now() { date +%s.%N; }
# calc EXPR: floating-point arithmetic with awk (no bc needed).
calc() { awk "BEGIN { print $1 }"; }

wait_ready() { # url, timeout seconds
  local end=$(( $(date +%s) + $2 ))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    [ "$(date +%s)" -lt "$end" ] || { echo "not ready: $1" >&2; return 1; }
    sleep 0.005
  done
}

# Cold start: median of 5 starts, process start to /readyz 200.
starts=()
for i in 1 2 3 4 5; do
  t0=$(now)
  env -u OPENAI_API_KEY -u OPENAI_BASE_URL GIN_MODE=release COACH_LOG_FORMAT=json \
    "$tmp/coach" serve --addr "127.0.0.1:$COACH_PORT" >/dev/null 2>&1 &
  pid=$!
  wait_ready "http://127.0.0.1:$COACH_PORT/readyz" 10
  t1=$(now)
  starts+=("$(calc "$t1 - $t0")")
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
cold=$(printf '%s\n' "${starts[@]}" | sort -n | sed -n 3p)

env -u OPENAI_API_KEY -u OPENAI_BASE_URL GIN_MODE=release COACH_LOG_FORMAT=json \
  "$tmp/coach" serve --addr "127.0.0.1:$COACH_PORT" >/dev/null 2>"$tmp/coach.log" &
coach_pid=$!; pids+=("$coach_pid")
GIN_MODE=release "$tmp/ginref" --addr "127.0.0.1:$GIN_PORT" >/dev/null 2>&1 &
gin_pid=$!; pids+=("$gin_pid")
wait_ready "http://127.0.0.1:$COACH_PORT/readyz" 10
wait_ready "http://127.0.0.1:$GIN_PORT/readyz" 10

# run_wrk URL -> "rps p99_ms non2xx"
run_wrk() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/chat.lua "$1")
  local rps p99 non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $4}' <<<"$out")
  echo "$rps ${p99:-0} ${non2xx:-0}"
}

# Warm both up briefly.
wrk -t1 -c4 -d2s -s bench/chat.lua "http://127.0.0.1:$GIN_PORT" >/dev/null
wrk -t1 -c4 -d2s -s bench/chat.lua "http://127.0.0.1:$COACH_PORT" >/dev/null

printf '%-6s %-8s %12s %10s %8s\n' round server req/s p99_ms non2xx
gin_sum=0; coach_sum=0; worst_p99=0; total_non2xx=0
for r in $(seq 1 "$ROUNDS"); do
  read -r g_rps g_p99 g_bad < <(run_wrk "http://127.0.0.1:$GIN_PORT")
  printf '%-6s %-8s %12s %10s %8s\n' "$r" ginref "$g_rps" "$g_p99" "$g_bad"
  read -r c_rps c_p99 c_bad < <(run_wrk "http://127.0.0.1:$COACH_PORT")
  printf '%-6s %-8s %12s %10s %8s\n' "$r" coach "$c_rps" "$c_p99" "$c_bad"
  gin_sum=$(calc "$gin_sum + $g_rps")
  coach_sum=$(calc "$coach_sum + $c_rps")
  worst_p99=$(calc "($c_p99 > $worst_p99) ? $c_p99 : $worst_p99")
  total_non2xx=$(( total_non2xx + c_bad ))
done
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$coach_pid/status")

echo
echo "machine:        $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | awk '{print $3}')"
echo "load:           wrk -t$THREADS -c$CONNS -d$DURATION, $ROUNDS alternating rounds, bench/chat.lua"
printf 'throughput:     coach %.0f req/s, ginref %.0f req/s (means)\n' "$(calc "$coach_sum / $ROUNDS")" "$(calc "$gin_sum / $ROUNDS")"
printf 'ratio:          %.2fx of bare gin\n' "$(calc "$coach_sum / $gin_sum")"
printf 'p99 (worst):    %.2f ms\n' "$worst_p99"
echo   "non-2xx:        $total_non2xx"
printf 'cold start:     %.3f s (median of 5, start to /readyz 200)\n' "$cold"
printf 'peak RSS:       %.1f MB\n' "$(calc "$rss_kb / 1024")"
