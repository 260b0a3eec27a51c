#!/usr/bin/env bash
# Builds the gateway and runs the demo: a throwaway GOST test PKI, the bundled emulator and the sample drops.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q package -DskipTests
exec java -jar target/epgu-gateway.jar demo "$@"
