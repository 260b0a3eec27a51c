#!/usr/bin/env bash
# The fault soak: N drops (300 by default) through an emulator that fails in ordinary ways — 20 % 5xx, 5 %
# timeouts, a 429 burst, two upload resets, a 60 s ESIA outage (config/faults/soak.properties) — and prints lost,
# duplicated and stuck drops with the faults the emulator injected.
#
#   scripts/fault-soak.sh [drops] [fault-scenario]
set -euo pipefail
cd "$(dirname "$0")/.."
drops=${1:-300}
scenario=${2:-config/faults/soak.properties}

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.epgugateway.harness.CrashHarness "$drops" 0 1 h2 1 "$scenario"
