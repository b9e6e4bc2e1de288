#!/usr/bin/env bash
# The intake load benchmark (docs/benchmarks.md, "Intake: POST a report"). One command:
#   bench/intake.sh
# Builds the jar, starts the service on a free port with a fresh embedded PostgreSQL under target/bench/, waits
# until it is UP with the demo county loaded, runs org.fengqiao.bench.IntakeLoad (src/jmh/java) and stops the service.
# Environment: CONCURRENCY (default 16,32), WARMUP / DURATION seconds (10 / 30), DB_PORT (54329),
# PROFILE (sequential reports after the runs, with PostgreSQL table counters per report, default 200; 0 = off), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "$0")/.."

CONCURRENCY=${CONCURRENCY:-16,32}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-30}
DB_PORT=${DB_PORT:-54329}
PROFILE=${PROFILE:-200}
OUT=target/bench
mkdir -p "$OUT"

free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$(( 20000 + RANDOM % 20000 ))
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then echo "$p"; return; fi
	done
	echo "no free port" >&2; exit 1
}
if (exec 3<>/dev/tcp/127.0.0.1/$DB_PORT) 2>/dev/null; then
	echo "DB_PORT $DB_PORT is in use; set DB_PORT" >&2; exit 1
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
	echo "== building (jar + benchmark classes)"
	./mvnw -q -B -Pbenchmarks -DskipTests package
	./mvnw -q -B -Pbenchmarks dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
fi

PORT=$(free_port)
DATA="$OUT/pg-$(date +%Y%m%d-%H%M%S)"
rm -rf "$DATA"
LOG="$OUT/service.log"
echo "== starting the service on port $PORT, embedded PostgreSQL on $DB_PORT, data in $DATA"
# The load comes from one address: lift the per-address limit on anonymous reports for the run. The readiness
# check and IntakeLoad sign in with HTTP Basic, which is off by default.
java -jar target/fengqiao.jar --server.port="$PORT" --fengqiao.database.data-dir="$DATA" \
	--fengqiao.dispatch.intake.rate-per-minute=100000000 --fengqiao.security.http-basic=true \
	--fengqiao.database.port="$DB_PORT" >"$LOG" 2>&1 &
SERVICE=$!
stop() {
	if kill -0 "$SERVICE" 2>/dev/null; then
		echo "== stopping the service (pid $SERVICE)"
		kill "$SERVICE"
		for _ in $(seq 1 60); do kill -0 "$SERVICE" 2>/dev/null || break; sleep 0.5; done
	fi
}
trap stop EXIT

for i in $(seq 1 240); do
	if curl -fsS "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"' \
		&& curl -fsS -u admin:fengqiao-demo "http://127.0.0.1:$PORT/api/v1/locate?lon=108.8&lat=37.6" >/dev/null 2>&1; then
		break
	fi
	if ! kill -0 "$SERVICE" 2>/dev/null; then echo "the service died; see $LOG" >&2; tail -30 "$LOG" >&2; exit 1; fi
	if [[ $i == 240 ]]; then echo "not UP after 120 s; see $LOG" >&2; exit 1; fi
	sleep 0.5
done
echo "== UP after $((i / 2)) s; grids: $(curl -fsS -u admin:fengqiao-demo "http://127.0.0.1:$PORT/api/v1/geo/layers/grids?level=4" | grep -o '"Feature"' | wc -l) level-4 features"

echo "== machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "== the load generator, the service and PostgreSQL share these cores; load average now: $(cut -d" " -f1-3 /proc/loadavg)"
java -Xms512m -Xmx1g -cp "target/test-classes:target/classes:$(cat "$OUT/classpath.txt")" \
	-Dbench.url="http://127.0.0.1:$PORT" \
	-Dbench.jdbc="jdbc:postgresql://127.0.0.1:$DB_PORT/postgres?user=postgres" \
	-Dbench.concurrency="$CONCURRENCY" -Dbench.warmup="$WARMUP" -Dbench.duration="$DURATION" \
	-Dbench.pids="$SERVICE" -Dbench.pgdata="$DATA" -Dbench.profile="$PROFILE" \
	org.fengqiao.bench.IntakeLoad | tee "$OUT/intake-result.txt"

echo "== load average at the end: $(cut -d" " -f1-3 /proc/loadavg) (other processes on the machine count too)"
