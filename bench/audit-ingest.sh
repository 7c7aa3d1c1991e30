#!/usr/bin/env bash
# Measures audit-service's ingest from Kafka into PostgreSQL with the hash chain, beside a plain
# consumer that batch-inserts the same events without a chain, and the end-to-end lag from an
# outbox commit in a producing service to the record's commit in the trail, in one run, on embedded
# PostgreSQL and Kafka (dev.warden.benchaudit.AuditIngestBenchmark; see docs/benchmarks.md).
# Needs audit-service and bench-audit compiled:
#   export JAVA_HOME=$(./warden jdk)
#   ./mvnw -DskipTests package -pl audit-service,bench-audit -am
#   bench/audit-ingest.sh
# Settings (environment), with their defaults:
#   EVENTS=20000 ROUNDS=3        events per round; each round both consumers drain the same events,
#                                alternating which goes first; WARMUP_EVENTS=EVENTS/2 in a first,
#                                unreported round
#   PIPELINE_SECONDS=20 PIPELINE_WARMUP_SECONDS=5 PIPELINE_BACKLOG=2000
#                                the end-to-end maximum: producer, relay and audit-service together,
#                                writers as fast as they can with at most PIPELINE_BACKLOG events
#                                written and not yet stored; PIPELINE_SECONDS=0 skips it
#   LAG_SECONDS=30 LAG_WARMUP_SECONDS=5 LAG_BASIS=both LAG_RATE=0
#                                one lag phase at half of each maximum LAG_BASIS names (pipeline:
#                                the end-to-end maximum; ingest: the chained drain's median; both);
#                                LAG_RATE>0: one phase at that rate instead
#   PRODUCER_THREADS=16 LAG_TRANSACTION_SIZE=1 LOAD_TRANSACTION_SIZE=50   events per transaction: lag phase, loading
#   BENCH_DATA=/tmp/warden-audit-bench   PostgreSQL's and Kafka's data; deleted first
#   BENCH_JAVA_OPTS                      JVM options of the benchmark JVM
# Prints Markdown for docs/benchmarks.md; the output goes to bench/results/audit-ingest-<time>/ too.
# Exits non-zero if any event is missing or duplicated, or the chain does not verify.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

JDK="$("$ROOT/scripts/find-jdk")"
JAVA="$JDK/bin/java"
RESULTS="$ROOT/bench/results/audit-ingest-$(date -u +%Y%m%dT%H%M%SZ)"
say() { echo "==> $*" >&2; }
die() { echo "FAILED: $*" >&2; exit 1; }

[ -d audit-service/target/classes/dev/warden/audit ] && [ -d bench-audit/target/classes/dev/warden/benchaudit ] \
  || die "audit-service or bench-audit is not compiled; run: export JAVA_HOME=\$(./warden jdk); ./mvnw -DskipTests package -pl audit-service,bench-audit -am"
mkdir -p "$RESULTS"
if [ ! -s bench-audit/target/classpath.txt ] || [ bench-audit/pom.xml -nt bench-audit/target/classpath.txt ]; then
  say "Resolving bench-audit's class path"
  JAVA_HOME="$JDK" ./mvnw -q -B -o dependency:build-classpath -pl bench-audit \
    -Dmdep.outputFile="$ROOT/bench-audit/target/classpath.txt" >&2 \
    || JAVA_HOME="$JDK" ./mvnw -q -B dependency:build-classpath -pl bench-audit \
      -Dmdep.outputFile="$ROOT/bench-audit/target/classpath.txt" >&2
fi
# audit-service's own classes and resources (application.yml, migrations) come first, as in its jar;
# its dependencies are the platform starter's, which bench-audit has too.
CLASSPATH="$ROOT/audit-service/target/classes:$ROOT/bench-audit/target/classes:$(cat bench-audit/target/classpath.txt)"

# One JVM holds audit-service, the producing service, the plain consumer and Kafka; PostgreSQL is its
# own processes. Serial GC as ./warden up gives every service.
# shellcheck disable=SC2206 # BENCH_JAVA_OPTS holds several options
JVM_OPTIONS=(-XX:+UseSerialGC -Xms256m -Xmx1536m -XX:+ExitOnOutOfMemoryError ${BENCH_JAVA_OPTS:-})

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
started=$(date +%s)
set +e
"$JAVA" "${JVM_OPTIONS[@]}" -cp "$CLASSPATH" dev.warden.benchaudit.AuditIngestBenchmark \
  >"$RESULTS/summary.md" 2> >(tee "$RESULTS/benchmark.log" >&2)
status=$?
set -e
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  echo "Measured $(date -u +%Y-%m-%d) with bench/audit-ingest.sh in $(( $(date +%s) - started )) s:"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $("$JAVA" -version 2>&1 | head -n1)."
  echo "Load average before and after: $load_before / $load_after."
  echo
  cat "$RESULTS/summary.md"
} | tee "$RESULTS/report.md"
say "Raw output: $RESULTS/"
[ "$status" -eq 0 ] || die "the benchmark reported missing or duplicated events, or a broken chain (status $status)"
