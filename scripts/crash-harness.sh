#!/usr/bin/env bash
# Exactly-once under crashes: drops N applications, runs gateway processes on them, kills a gateway with SIGKILL
# at random moments M times (restarting it each time), lets everything finish, and prints lost, duplicated and
# stuck drops counted against the emulator's own record of submissions.
#
#   scripts/crash-harness.sh [drops] [kills] [instances] [h2|postgres] [seed]
#   scripts/crash-harness.sh 200 20 1 h2          # the embedded store
#   scripts/crash-harness.sh 200 20 1 postgres    # the local PostgreSQL (127.0.0.1:5432, database test)
#   scripts/crash-harness.sh 500 0 2 postgres     # two instances sharing one inbox and one store
set -euo pipefail
cd "$(dirname "$0")/.."
drops=${1:-200}
kills=${2:-20}
instances=${3:-1}
store=${4:-h2}
seed=${5:-1}

mvn -B -q package -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
    org.epgugateway.harness.CrashHarness "$drops" "$kills" "$instances" "$store" "$seed"
