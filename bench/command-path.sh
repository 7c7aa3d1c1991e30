#!/usr/bin/env bash
# Measures the command path: POST /api/v1/commands on the ALLOW path with the no-op executor
# (JWT check, rules-service through Feign and its circuit breaker, the credit transactions), beside
# a floor (bench-floor: a bare Spring Boot endpoint doing one PostgreSQL insert) and a bare
# rules-service evaluation, on the same machine and in the same run. Needs built jars:
#   ./mvnw -DskipTests package      (JAVA_HOME at a JDK 25)
#   bench/command-path.sh
# Settings (environment):
#   WARMUP=5 DURATION=15 PRIME=15   seconds: warm-up and measurement of each run, and one unmeasured
#                                   run of each target first (PRIME_CLIENTS=8 clients), so that the JIT is warm
#   PRIME_WARDEN=240                seconds of priming for the Warden path: at a few dozen commands a second
#                                   it needs longer than the floor (over 1,000 requests a second) for the
#                                   JIT to compile its hot code (C2 after thousands of calls); after 60 s
#                                   C2 still used a third of command-service's CPU and p50 was about
#                                   twice its value after 4 minutes (docs/benchmarks.md, session 5)
#   MANAGEMENT_TRACING_SAMPLING_PROBABILITY=0.1   trace sampling of the services (no exporter is
#                                   configured); the platform default is 1.0, which costs CPU per request
#   CLIENTS="1 32"                  client counts; each is run for floor, Warden and rules, in turn
#   BENCH_WARDEN_HOME=/tmp/warden-bench   WARDEN_HOME of this run; its data is deleted first (--fresh)
#   BENCH_PORT_BASE=9000            auth on +81, command +82, rules +83, floor +90; PostgreSQL,
#                                   Kafka and Redis on 25432, 29092/29093, 26379 (WARDEN_*_PORT)
#   WARDEN_UP_OPTIONS=--no-aot      extra options for ./warden up
#   HOLD=1                          set up everything, then wait (no load) until interrupted, for
#                                   profiling by hand: URLs and tokens go to <results>/env
# Prints Markdown for docs/benchmarks.md; raw JSON goes to bench/results/command-path-<time>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

WARMUP="${WARMUP:-5}"
DURATION="${DURATION:-15}"
PRIME="${PRIME:-15}"
PRIME_CLIENTS="${PRIME_CLIENTS:-8}"
PRIME_WARDEN="${PRIME_WARDEN:-240}"
CLIENTS="${CLIENTS:-1 32}"
BASE="${BENCH_PORT_BASE:-9000}"
WARDEN_UP_OPTIONS="${WARDEN_UP_OPTIONS:---no-aot}"

# The launcher hands its own environment to every service it starts, so these reach them too.
export WARDEN_HOME="${BENCH_WARDEN_HOME:-/tmp/warden-bench}"
export WARDEN_POSTGRES_PORT="${WARDEN_POSTGRES_PORT:-25432}"
export WARDEN_KAFKA_PORT="${WARDEN_KAFKA_PORT:-29092}"
export WARDEN_KAFKA_CONTROLLER_PORT="${WARDEN_KAFKA_CONTROLLER_PORT:-29093}"
export WARDEN_REDIS_PORT="${WARDEN_REDIS_PORT:-26379}"
export WARDEN_AUTH_SERVICE_PORT=$((BASE + 81))
export WARDEN_COMMAND_SERVICE_PORT=$((BASE + 82))
export WARDEN_RULES_SERVICE_PORT=$((BASE + 83))
export WARDEN_POLICY_URL="http://localhost:$WARDEN_RULES_SERVICE_PORT"
export WARDEN_EXECUTORS_NOOP_ENABLED=true
export MANAGEMENT_TRACING_SAMPLING_PROBABILITY="${MANAGEMENT_TRACING_SAMPLING_PROBABILITY:-0.1}"
FLOOR_PORT=$((BASE + 90))
AUTH="http://localhost:$WARDEN_AUTH_SERVICE_PORT"
COMMAND="http://localhost:$WARDEN_COMMAND_SERVICE_PORT"
RULES="http://localhost:$WARDEN_RULES_SERVICE_PORT"
FLOOR="http://localhost:$FLOOR_PORT"

JDK="$("$ROOT/scripts/find-jdk")"
JAVA="$JDK/bin/java"
LOADGEN=("$JAVA" -cp "$ROOT/benchmarks/target/benchmarks.jar" dev.warden.benchmarks.http.LoadGenerator)
# The JVM options ./warden up gives every service (ServiceCommand.jvmOptions), for the floor too.
JVM_OPTIONS=(-XX:+UseSerialGC -Xms64m -Xmx512m -Xss512k -XX:+ExitOnOutOfMemoryError)
RESULTS="$ROOT/bench/results/command-path-$(date -u +%Y%m%dT%H%M%SZ)"
BODY='{"command":"echo bench","target":"noop"}'

say() { echo "==> $*" >&2; }
die() { echo "FAILED: $*" >&2; exit 1; }
field() { sed -n 's/.*"'"$1"'" *: *"\([^"]*\)".*/\1/p'; } # a string field of flat JSON on stdin

for jar in launcher/target/warden-launcher.jar auth-service/target/auth-service.jar \
  rules-service/target/rules-service.jar command-service/target/command-service.jar \
  bench-floor/target/bench-floor.jar benchmarks/target/benchmarks.jar; do
  [ -f "$jar" ] || die "$jar is missing; build with: export JAVA_HOME=\$(./warden jdk); ./mvnw -DskipTests package"
done
mkdir -p "$RESULTS"

WARDEN_PID=""
FLOOR_PID=""
cleanup() {
  local status=$?
  set +e
  if [ -n "$FLOOR_PID" ]; then
    kill "$FLOOR_PID" 2>/dev/null
    wait "$FLOOR_PID" 2>/dev/null
  fi
  if [ -n "$WARDEN_PID" ]; then
    say "Stopping Warden"
    ./warden down >>"$RESULTS/warden-up.log" 2>&1
    wait "$WARDEN_PID" 2>/dev/null
  fi
  [ "$status" -eq 0 ] || echo "Logs: $RESULTS/ and $WARDEN_HOME/logs/" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "Starting auth, rules and command services (WARDEN_HOME=$WARDEN_HOME, fresh data; log in $RESULTS/warden-up.log)"
# shellcheck disable=SC2086 # WARDEN_UP_OPTIONS holds several options
./warden up --fresh --only auth,rules,command $WARDEN_UP_OPTIONS >"$RESULTS/warden-up.log" 2>&1 &
WARDEN_PID=$!
for _ in $(seq 480); do
  grep -q '^Warden is running' "$RESULTS/warden-up.log" 2>/dev/null && break
  kill -0 "$WARDEN_PID" 2>/dev/null || { cat "$RESULTS/warden-up.log" >&2; die "./warden up stopped"; }
  sleep 1
done
grep -q '^Warden is running' "$RESULTS/warden-up.log" || die "Warden not ready after 8 minutes"

say "Starting the floor on port $FLOOR_PORT"
"$JAVA" "${JVM_OPTIONS[@]}" -jar bench-floor/target/bench-floor.jar --server.port="$FLOOR_PORT" \
  --spring.datasource.url="jdbc:postgresql://localhost:$WARDEN_POSTGRES_PORT/postgres" >"$RESULTS/floor.log" 2>&1 &
FLOOR_PID=$!

say "Signing in, creating the ALLOW rule and granting credits"
password="$(sed -n 's/^demo\.admin\.password=//p' "$WARDEN_HOME/data/secrets.properties")"
TOKEN="$(curl -sf -X POST "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"superuser\",\"password\":\"$password\"}" | field access_token)"
[ -n "$TOKEN" ] || die "could not sign in as superuser"
payload="$(cut -d. -f2 <<<"$TOKEN" | tr '_-' '/+')"
while [ $((${#payload} % 4)) -ne 0 ]; do payload="$payload="; done
USER_ID="$(base64 -d <<<"$payload" | field sub)"
[ -n "$USER_ID" ] || die "no sub in the token"

rule='{"name":"bench-allow","pattern":"^echo bench( |$)","action":"ALLOW","reason":"benchmark: bench/command-path.sh"}'
status="$(curl -s -o "$RESULTS/rule.json" -w '%{http_code}' -X POST "$RULES/api/v1/rules" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$rule")"
if [ "$status" = 409 ]; then
  # It overlaps the default pack (read-only-basics allows echo; BLOCK rules win on redirections), as expected.
  status="$(curl -s -o "$RESULTS/rule.json" -w '%{http_code}' -X POST "$RULES/api/v1/rules?force=true" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$rule")"
fi
[ "$status" = 201 ] || grep -q '"relation":"EQUAL"' "$RESULTS/rule.json" || { cat "$RESULTS/rule.json" >&2; die "rule not created ($status)"; }
verdict="$(curl -sf -X POST "$RULES/api/v1/rules/evaluate" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"command":"echo bench"}')"
[ "$(field decision <<<"$verdict")" = ALLOW ] && grep -q bench-allow <<<"$verdict" \
  || die "echo bench is not allowed by bench-allow: $verdict"
curl -sf -o /dev/null -X POST "$COMMAND/api/v1/credits/$USER_ID/grants" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"amount":1000000,"note":"bench"}' || die "could not grant credits"
client_secret="$(sed -n 's/^service\.command-service\.client-secret=//p' "$WARDEN_HOME/data/secrets.properties")"
SERVICE_TOKEN="$(curl -sf -X POST "$AUTH/api/v1/auth/token" -u "command-service:$client_secret" \
  -d grant_type=client_credentials | field access_token)"
[ -n "$SERVICE_TOKEN" ] || die "no service token for command-service"
answer="$(curl -s -w '\n%{http_code}' -X POST "$COMMAND/api/v1/commands" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d "$BODY")"
[ "$(tail -n1 <<<"$answer")" = 201 ] && grep -q '"status":"SUCCEEDED"' <<<"$answer" \
  || die "a trial command did not run: $answer"

for _ in $(seq 120); do
  curl -sf -o /dev/null -X POST "$FLOOR/floor" -H 'Content-Type: application/json' -d "$BODY" && break
  kill -0 "$FLOOR_PID" 2>/dev/null || { cat "$RESULTS/floor.log" >&2; die "the floor stopped"; }
  sleep 1
done

if [ "${HOLD:-0}" = 1 ]; then
  printf 'COMMAND=%s\nRULES=%s\nFLOOR=%s\nTOKEN=%s\nSERVICE_TOKEN=%s\nUSER_ID=%s\nBODY=%s\n' \
    "$COMMAND" "$RULES" "$FLOOR" "$TOKEN" "$SERVICE_TOKEN" "$USER_ID" "'$BODY'" >"$RESULTS/env"
  say "Holding (HOLD=1): settings in $RESULTS/env; interrupt to stop"
  while kill -0 "$WARDEN_PID" 2>/dev/null; do sleep 2; done
  exit 0
fi

# Runs the load generator; a run with unexpected answers is reported and remembered, and fails the
# script at the end, after the other runs.
FAILED_RUNS=()
load() { # target clients warmup duration json
  local target="$1" clients="$2" warmup="$3" duration="$4" json="$5"
  local common=(--label "$target" --clients "$clients" --warmup "$warmup" --duration "$duration" --json "$json")
  # What each process uses, half way through the measured period.
  (sleep "$(awk -v w="$warmup" -v d="$duration" 'BEGIN {print w + d / 2}')" \
    && top -b -n1 -c -w 250 | head -n 20 >"${json%.json}.top.txt") &
  local top_pid=$!
  run_load "$target" "${common[@]}" || FAILED_RUNS+=("$target with $clients clients")
  kill "$top_pid" 2>/dev/null || true
  wait "$top_pid" 2>/dev/null || true
}
run_load() {
  local target="$1"
  shift
  local common=("$@")
  case "$target" in
    floor) "${LOADGEN[@]}" "${common[@]}" --url "$FLOOR/floor" --body "$BODY" --expect 201 ;;
    warden) "${LOADGEN[@]}" "${common[@]}" --url "$COMMAND/api/v1/commands" --body "$BODY" --expect 201 \
      --header "Authorization: Bearer $TOKEN" ;;
    rules) "${LOADGEN[@]}" "${common[@]}" --url "$RULES/internal/v1/evaluate" --expect 200 \
      --header "Authorization: Bearer $SERVICE_TOKEN" \
      --body "{\"command\":\"echo bench\",\"roles\":[\"ADMIN\"],\"userId\":\"$USER_ID\"}" ;;
  esac
}

# Server-side means from Micrometer, over one run (warm-up included): command-service's time per
# request, its Feign call, rules-service's time per evaluation, and command-service's JDBC connections.
scrape() {
  {
    curl -sf "$COMMAND/actuator/prometheus" | sed 's/^/command /'
    curl -sf "$RULES/actuator/prometheus" | sed 's/^/rules /'
  } | grep -E '^(command http_server_requests_seconds_(count|sum)\{.*uri="/api/v1/commands"|command http_client_requests_seconds_(count|sum)\{.*RulesClient|rules http_server_requests_seconds_(count|sum)\{.*uri="/internal/v1/evaluate"|command hikaricp_connections_(usage|acquire)_seconds_(count|sum)\{)' \
    | sed -E 's/^(command|rules) ([a-z_]+)\{.*\} /\1_\2 /' | awk '{sum[$1] += $2} END {for (k in sum) print k, sum[k]}'
}
breakdown() { # before after clients
  awk -v clients="$3" '
    FNR == NR { before[$1] = $2; next }
    { delta[$1] = $2 - before[$1] }
    END {
      n = delta["command_http_server_requests_seconds_count"]
      if (n <= 0) exit
      printf "| %d | %.2f | %.2f | %.2f | %.1f | %.2f | %.2f |\n", clients,
        1000 * delta["command_http_server_requests_seconds_sum"] / n,
        1000 * delta["command_http_client_requests_seconds_sum"] / delta["command_http_client_requests_seconds_count"],
        1000 * delta["rules_http_server_requests_seconds_sum"] / delta["rules_http_server_requests_seconds_count"],
        delta["command_hikaricp_connections_usage_seconds_count"] / n,
        1000 * delta["command_hikaricp_connections_usage_seconds_sum"] / n,
        1000 * delta["command_hikaricp_connections_acquire_seconds_sum"] / n
    }' "$1" "$2"
}

say "Priming at $PRIME_CLIENTS clients, not measured: ${PRIME} s of the floor and rules-service, ${PRIME_WARDEN} s of Warden"
for target in floor warden rules; do
  seconds="$PRIME"
  [ "$target" = warden ] && seconds="$PRIME_WARDEN"
  load "$target" "$PRIME_CLIENTS" 0 "$seconds" "$RESULTS/prime-$target.json" >/dev/null
done

machine_load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
: >"$RESULTS/results.tsv"
: >"$RESULTS/breakdown.md"
for clients in $CLIENTS; do
  for target in floor warden rules; do
    scrape >"$RESULTS/metrics-before"
    load "$target" "$clients" "$WARMUP" "$DURATION" "$RESULTS/$target-c$clients.json" >>"$RESULTS/results.tsv"
    scrape >"$RESULTS/metrics-after"
    if [ "$target" = warden ]; then
      breakdown "$RESULTS/metrics-before" "$RESULTS/metrics-after" "$clients" >>"$RESULTS/breakdown.md"
    fi
  done
done
machine_load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "Measured $(date -u +%Y-%m-%d) with bench/command-path.sh (WARMUP=$WARMUP DURATION=$DURATION PRIME=$PRIME PRIME_WARDEN=$PRIME_WARDEN CLIENTS=\"$CLIENTS\" MANAGEMENT_TRACING_SAMPLING_PROBABILITY=$MANAGEMENT_TRACING_SAMPLING_PROBABILITY):"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $("$JAVA" -version 2>&1 | head -n1)."
  echo "Load average before and after the measured runs: $machine_load_before / $machine_load_after."
  echo
  echo "| target | clients | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | requests/s | unexpected answers | p50 ÷ floor p50 |"
  echo "|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' '
    $2 == "floor" { floor[$3] = $4 }
    { rows[NR] = $0 }
    END {
      names["floor"] = "floor (one insert)"; names["warden"] = "**Warden command path**"
      names["rules"] = "rules-service evaluate alone"
      for (i = 1; i <= NR; i++) {
        split(rows[i], f, "\t")
        ratio = (f[2] == "floor") ? "1" : sprintf("%.1f×", f[4] / floor[f[3]])
        if (f[2] == "warden") ratio = "**" ratio "**"
        printf "| %s | %s | %.2f | %.2f | %.2f | %.1f | %.0f | %s | %s |\n", names[f[2]], f[3], f[4], f[5], f[6], f[7], f[8], f[10], ratio
      }
    }' "$RESULTS/results.tsv"
  echo
  echo "Inside command-service, means per command over each Warden run (Micrometer):"
  echo
  echo "| clients | server time (ms) | Feign call to rules (ms) | rules-service time (ms) | JDBC connections per command | connection held (ms per command) | waiting for a connection (ms per command) |"
  echo "|---|---|---|---|---|---|---|"
  cat "$RESULTS/breakdown.md"
} | tee "$RESULTS/summary.md"
echo >&2
say "Raw results: $RESULTS/"
if [ ${#FAILED_RUNS[@]} -gt 0 ]; then
  die "unexpected answers (see above and the JSON files) in: ${FAILED_RUNS[*]}"
fi
