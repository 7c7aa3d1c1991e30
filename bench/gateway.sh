#!/usr/bin/env bash
# Measures what a gateway adds in front of one origin, in one run and on the same machine:
#   origin          nginx answering 200 with a small JSON body (the floor: no proxy)
#   nginx           Debian's nginx as a reverse proxy (keep-alive to the origin)
#   scg-webflux     stock Spring Cloud Gateway, WebFlux flavour, one route        (bench-scg-webflux)
#   scg-mvc         stock Spring Cloud Gateway, Web MVC flavour, one route, virtual threads (bench-scg-mvc)
#   scg-features    stock Spring Cloud Gateway (WebFlux) with the same two features as Warden's, configured
#                   the documented way: Spring Security JWT resource server (auth-service's JWKS) and the
#                   stock RequestRateLimiter on Redis, keyed by the principal
#   warden          Warden's gateway-service (JWT checked at the edge against the same JWKS, the Redisson
#                   tier rate limit, request id, security headers, access log, breaker), routed to the origin
# Every target is loaded with wrk at each client count in CLIENTS (connections), after a warm-up. The
# rate limits are raised so that they are checked on every request but never refuse one.
# Needs: nginx and wrk (apt-get install nginx-light wrk), built jars (./mvnw -DskipTests package).
# Before any measured run, every target is primed for PRIME seconds at 16 connections, so that each JVM
# has compiled its hot paths (a gateway with more code needs longer to warm up; the 1-connection runs
# come first and would otherwise measure the JIT compiler).
# Settings (environment): PRIME=30 WARMUP=5 DURATION=15 CLIENTS="1 50" TARGETS="origin nginx scg-webflux scg-mvc
#   scg-features warden" BENCH_WARDEN_HOME=/tmp/warden-gw-bench BENCH_PORT_BASE=9400
# Prints Markdown for docs/benchmarks.md (with each JVM target's own CPU time per request, which a busy
# machine disturbs far less than requests/s); raw results go to bench/results/gateway-<time>/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

PRIME="${PRIME:-30}"
WARMUP="${WARMUP:-5}"
DURATION="${DURATION:-15}"
CLIENTS="${CLIENTS:-1 50}"
TARGETS="${TARGETS:-origin nginx scg-webflux scg-mvc scg-features warden}"
BASE="${BENCH_PORT_BASE:-9400}"
WARDEN_UP_OPTIONS="${WARDEN_UP_OPTIONS:---no-aot}"
BENCH_PATH="/api/v1/rules?bench=1"

export WARDEN_HOME="${BENCH_WARDEN_HOME:-/tmp/warden-gw-bench}"
export WARDEN_POSTGRES_PORT="${WARDEN_POSTGRES_PORT:-25532}"
export WARDEN_KAFKA_PORT="${WARDEN_KAFKA_PORT:-29192}"
export WARDEN_KAFKA_CONTROLLER_PORT="${WARDEN_KAFKA_CONTROLLER_PORT:-29193}"
export WARDEN_REDIS_PORT="${WARDEN_REDIS_PORT:-26479}"
export WARDEN_AUTH_SERVICE_PORT=$((BASE + 81))
export WARDEN_GATEWAY_SERVICE_PORT=$((BASE + 80))
ORIGIN_PORT=$((BASE + 1))
NGINX_PORT=$((BASE + 2))
WEBFLUX_PORT=$((BASE + 11))
MVC_PORT=$((BASE + 12))
FEATURES_PORT=$((BASE + 13))
ORIGIN="http://127.0.0.1:$ORIGIN_PORT"
AUTH="http://localhost:$WARDEN_AUTH_SERVICE_PORT"
# Every service behind Warden's gateway is the origin here: the gateway's own work is what is measured.
for service in AUTH COMMAND RULES AUDIT LLMPROXY TERMINAL; do
  export "WARDEN_GATEWAY_SERVICES_$service=$ORIGIN"
done
# ... except auth-service, which the gateway needs for its JWKS (and API keys).
export WARDEN_GATEWAY_SERVICES_AUTH="$AUTH"
RATE_LIMIT=100000000
# superuser is on the Enterprise tier: its general limit is raised so that it is checked, never hit.
export WARDEN_GATEWAY_RATELIMITS_TIERS_ENTERPRISE_GENERAL_LIMIT="$RATE_LIMIT"

JDK="$("$ROOT/scripts/find-jdk")"
JAVA="$JDK/bin/java"
# The JVM options ./warden up gives every service (ServiceCommand.jvmOptions), for the peers too.
JVM_OPTIONS=(-XX:+UseSerialGC -Xms64m -Xmx512m -Xss512k -XX:+ExitOnOutOfMemoryError)
RESULTS="$ROOT/bench/results/gateway-$(date -u +%Y%m%dT%H%M%SZ)"

say() { echo "==> $*" >&2; }
die() { echo "FAILED: $*" >&2; exit 1; }
field() { sed -n 's/.*"'"$1"'" *: *"\([^"]*\)".*/\1/p'; }
num() { sed -n 's/.*"'"$1"'":\([0-9.]*\).*/\1/p'; }

command -v nginx >/dev/null || die "nginx is missing: apt-get install nginx-light"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
for jar in launcher/target/warden-launcher.jar auth-service/target/auth-service.jar \
  gateway-service/target/gateway-service.jar bench-scg-webflux/target/bench-scg-webflux.jar \
  bench-scg-mvc/target/bench-scg-mvc.jar; do
  [ -f "$jar" ] || die "$jar is missing; build with: export JAVA_HOME=\$(./warden jdk); ./mvnw -DskipTests package"
done
mkdir -p "$RESULTS"

PIDS=()
WARDEN_PID=""
cleanup() {
  local status=$?
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
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

# Two nginx instances, so that the origin's workers and the proxy's are separate processes, as they
# would be on two machines.
nginx_conf() { # name server-block
  cat >"$RESULTS/nginx-$1.conf" <<CONF
daemon off;
worker_processes auto;
pid $RESULTS/nginx-$1.pid;
error_log $RESULTS/nginx-$1.error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $RESULTS/nginx-$1-body;
  proxy_temp_path $RESULTS/nginx-$1-proxy;
  fastcgi_temp_path $RESULTS/nginx-$1-fastcgi;
  uwsgi_temp_path $RESULTS/nginx-$1-uwsgi;
  scgi_temp_path $RESULTS/nginx-$1-scgi;
  keepalive_requests 1000000;
  $2
}
CONF
  nginx -c "$RESULTS/nginx-$1.conf" -p "$RESULTS" >"$RESULTS/nginx-$1.log" 2>&1 &
  PIDS+=($!)
}
say "Starting the origin (nginx on $ORIGIN_PORT) and nginx as a reverse proxy (on $NGINX_PORT)"
nginx_conf origin "server { listen 127.0.0.1:$ORIGIN_PORT; location / { default_type application/json; return 200 '{\"ok\":true}'; } }"
nginx_conf proxy "upstream origin { server 127.0.0.1:$ORIGIN_PORT; keepalive 128; }
  server { listen $NGINX_PORT; location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection \"\"; } }"

say "Starting auth-service and Warden's gateway (WARDEN_HOME=$WARDEN_HOME, fresh data; log in $RESULTS/warden-up.log)"
# shellcheck disable=SC2086 # WARDEN_UP_OPTIONS holds several options
./warden up --fresh --only auth,gateway $WARDEN_UP_OPTIONS >"$RESULTS/warden-up.log" 2>&1 &
WARDEN_PID=$!

say "Starting the stock gateways"
"$JAVA" "${JVM_OPTIONS[@]}" -jar bench-scg-webflux/target/bench-scg-webflux.jar --server.port="$WEBFLUX_PORT" \
  --bench.origin="$ORIGIN" >"$RESULTS/scg-webflux.log" 2>&1 &
PIDS+=($!)
"$JAVA" "${JVM_OPTIONS[@]}" -jar bench-scg-mvc/target/bench-scg-mvc.jar --server.port="$MVC_PORT" \
  --bench.origin="$ORIGIN" >"$RESULTS/scg-mvc.log" 2>&1 &
PIDS+=($!)
"$JAVA" "${JVM_OPTIONS[@]}" -jar bench-scg-webflux/target/bench-scg-webflux.jar --spring.profiles.active=features \
  --server.port="$FEATURES_PORT" --bench.origin="$ORIGIN" --bench.rate-limit="$RATE_LIMIT" \
  --spring.security.oauth2.resourceserver.jwt.jwk-set-uri="$AUTH/.well-known/jwks.json" \
  --spring.data.redis.port="$WARDEN_REDIS_PORT" >"$RESULTS/scg-features.log" 2>&1 &
PIDS+=($!)
FEATURES_PID=$!
WEBFLUX_PID="${PIDS[-3]}"
MVC_PID="${PIDS[-2]}"

for _ in $(seq 480); do
  grep -q '^Warden is running' "$RESULTS/warden-up.log" 2>/dev/null && break
  kill -0 "$WARDEN_PID" 2>/dev/null || { cat "$RESULTS/warden-up.log" >&2; die "./warden up stopped"; }
  sleep 1
done
grep -q '^Warden is running' "$RESULTS/warden-up.log" || die "Warden not ready after 8 minutes"

say "Signing in"
password="$(sed -n 's/^demo\.admin\.password=//p' "$WARDEN_HOME/data/secrets.properties")"
TOKEN="$(curl -sf -X POST "$AUTH/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"superuser\",\"password\":\"$password\"}" | field access_token)"
[ -n "$TOKEN" ] || die "could not sign in as superuser"

url() {
  case "$1" in
    origin) echo "$ORIGIN$BENCH_PATH" ;;
    nginx) echo "http://127.0.0.1:$NGINX_PORT$BENCH_PATH" ;;
    scg-webflux) echo "http://127.0.0.1:$WEBFLUX_PORT$BENCH_PATH" ;;
    scg-mvc) echo "http://127.0.0.1:$MVC_PORT$BENCH_PATH" ;;
    scg-features) echo "http://127.0.0.1:$FEATURES_PORT$BENCH_PATH" ;;
    warden) echo "http://127.0.0.1:$WARDEN_GATEWAY_SERVICE_PORT$BENCH_PATH" ;;
  esac
}
for target in $TARGETS; do
  for _ in $(seq 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$(url "$target")")" = 200 ] && break
    sleep 1
  done
  status="$(curl -s -o "$RESULTS/trial-$target.txt" -D "$RESULTS/trial-$target.headers" -w '%{http_code}' \
    -H "Authorization: Bearer $TOKEN" "$(url "$target")")"
  [ "$status" = 200 ] || { cat "$RESULTS/trial-$target.txt" >&2; die "$target answers $status"; }
done
# The features must be on: without a token the feature-bearing gateways refuse.
for target in scg-features warden; do
  case " $TARGETS " in *" $target "*)
    status="$(curl -s -o /dev/null -w '%{http_code}' "$(url "$target")")"
    [ "$status" = 401 ] || die "$target lets a request without a token through ($status)"
  esac
done

# The JVM targets' process, for the CPU time they spend (nginx runs several processes: not measured).
target_pid() {
  case "$1" in
    scg-webflux) echo "$WEBFLUX_PID" ;;
    scg-mvc) echo "$MVC_PID" ;;
    scg-features) echo "$FEATURES_PID" ;;
    warden) pgrep -f -- "-jar $ROOT/gateway-service/target/gateway-service.jar" | head -n 1 ;;
  esac
}
# User + system CPU of a process so far, in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() {
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] || { echo 0; return; }
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
TICKS_PER_SECOND="$(getconf CLK_TCK)"

run() { # target clients seconds json
  local threads=$(($2 < 2 ? 1 : 2)) pid before after
  pid="$(target_pid "$1")"
  before="$(cpu_ticks "$pid")"
  wrk -t"$threads" -c"$2" -d"$3"s --latency -s bench/wrk-report.lua -H "Authorization: Bearer $TOKEN" \
    "$(url "$1")" >"$4.txt" 2>&1 || die "wrk failed on $1: $(cat "$4.txt")"
  after="$(cpu_ticks "$pid")"
  # The target's own CPU time for the run: unlike requests/s, it hardly depends on what else the
  # machine is doing, so it compares gateways even on a busy machine.
  tail -n 1 "$4.txt" | sed "s/}\$/,\"cpu_ms\":$(( (after - before) * 1000 / TICKS_PER_SECOND ))}/" >"$4"
  grep -q '"requests"' "$4" || die "no result from wrk on $1: $(cat "$4.txt")"
}

if [ "$PRIME" -gt 0 ]; then
  for target in $TARGETS; do
    say "$target: priming for ${PRIME} s at 16 connections (not reported)"
    run "$target" 16 "$PRIME" "$RESULTS/prime-$target.json"
  done
fi
machine_load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
for clients in $CLIENTS; do
  for target in $TARGETS; do
    say "$target, $clients connection(s): ${WARMUP} s warm-up, ${DURATION} s measured"
    run "$target" "$clients" "$WARMUP" "$RESULTS/warmup-$target-$clients.json"
    run "$target" "$clients" "$DURATION" "$RESULTS/$target-$clients.json"
  done
done
machine_load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

{
  echo "Gateway benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average before/after: $machine_load_before / $machine_load_after"
  echo "Path: GET $BENCH_PATH; each target primed ${PRIME} s at 16 connections, then per run warm-up ${WARMUP} s, measured ${DURATION} s; wrk; latencies in ms."
  echo
  echo "| target | connections | requests/s | p50 | p99 | added p50 | added p99 | CPU ms/request | non-2xx | socket errors |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for clients in $CLIENTS; do
    base="$RESULTS/origin-$clients.json"
    for target in $TARGETS; do
      f="$RESULTS/$target-$clients.json"
      awk -v t="$target" -v c="$clients" -v r="$(num requests <"$f")" -v d="$(num duration_us <"$f")" \
        -v p50="$(num p50_us <"$f")" -v p99="$(num p99_us <"$f")" -v n="$(num non_2xx <"$f")" \
        -v e="$(num socket_errors <"$f")" -v b50="$( [ -f "$base" ] && num p50_us <"$base" || echo 0)" \
        -v b99="$( [ -f "$base" ] && num p99_us <"$base" || echo 0)" -v cpu="$(num cpu_ms <"$f")" \
        'BEGIN { printf "| %s | %d | %.0f | %.3f | %.3f | %.3f | %.3f | %s | %d | %d |\n", t, c, r / (d / 1e6), p50 / 1000, p99 / 1000, (p50 - b50) / 1000, (p99 - b99) / 1000, (t ~ /^(origin|nginx)$/ || r == 0) ? "—" : sprintf("%.3f", cpu / r), n, e }'
    done
  done
} | tee "$RESULTS/summary.md"
# Any refused or failed request invalidates the run.
for f in "$RESULTS"/*-*.json; do
  case "$f" in *warmup-*) continue ;; esac
  [ "$(num non_2xx <"$f")" = 0 ] && [ "$(num socket_errors <"$f")" = 0 ] || die "errors in $(basename "$f")"
done
