#!/usr/bin/env bash
# The statistics benchmark (docs/benchmarks.md, "Statistics: the year-on-year table"). One command:
#   bench/stats.sh [WHISTLES [RUNS]]        (default 10000000 whistles, 50 timed runs of the engine)
# Compiles the tests, starts the platform without the demo on a fresh embedded PostgreSQL under target/bench-stats/,
# writes the synthetic whistles, fills the roll-ups, checks the engine's figures against a plain GROUP BY over the raw
# rows and times both (org.fengqiao.statistics.StatisticsBenchmark). Needs about 6 GB of disk for 10 million whistles.
set -euo pipefail
rm -rf target/bench-stats
cd "$(dirname "$0")/.."
./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-stats-classpath.txt \
	-Dmdep.includeScope=test
exec java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench-stats-classpath.txt)" \
	org.fengqiao.statistics.StatisticsBenchmark "${1:-10000000}" "${2:-50}"
