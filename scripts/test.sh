#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine with a JDK and Maven: installs what the tests need when it is
# missing (OpenSSL's gost engine, xmllint, SoftHSM2), makes sure the local PostgreSQL answers, then runs
# mvn -B verify. Extra arguments are passed to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "Need root (or sudo) to run: $*" >&2
        return 1
    fi
}

missing=()
openssl engine gost >/dev/null 2>&1 || missing+=(libengine-gost-openssl)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v softhsm2-util >/dev/null 2>&1 || missing+=(softhsm2)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing test tools: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
openssl engine gost >/dev/null 2>&1 || { echo "OpenSSL's gost engine is still not usable" >&2; exit 1; }

# the store tests run against the local PostgreSQL (trust auth, database test) as well as the embedded H2
pg_url_host=127.0.0.1
if ! pg_isready -q -h "$pg_url_host" -p 5432 2>/dev/null; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
        echo "Starting the local PostgreSQL"
        for version in /etc/postgresql/*; do
            as_root pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
        done
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h "$pg_url_host" -p 5432 2>/dev/null && break
        sleep 1
    done
fi
pg_isready -q -h "$pg_url_host" -p 5432 || { echo "PostgreSQL does not answer on $pg_url_host:5432" >&2; exit 1; }

exec mvn -B verify "$@"
