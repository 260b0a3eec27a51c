#!/usr/bin/env bash
# Signs a 1 GiB file with the gateway's jar, its heap capped at 128 MB, and reports the time taken and the peak
# memory: the resident set size from /usr/bin/time and the Java heap in use before each collection from the GC log.
# Needs a built jar (mvn -B package -DskipTests), OpenSSL with the gost engine for the throwaway key, and GNU time.
# Usage: scripts/bench-sign-1g.sh [size in MiB, default 1024]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/epgu-gateway.jar"
size_mib=${1:-1024}

if [ ! -f "$jar" ]; then
    echo "No $jar: build it first with mvn -B package -DskipTests" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "GNU time is needed for the memory figure (Debian: apt-get install time)" >&2
    exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# a throwaway GOST R 34.10-2012 key in a PKCS#12 file, as an integrator would bring one
openssl genpkey -engine gost -algorithm gost2012_256 -pkeyopt paramset:A -out key.pem 2>/dev/null
openssl req -engine gost -new -x509 -key key.pem -md_gost12_256 -days 2 \
    -subj "/CN=Bench/O=Bench/C=RU/OGRN=1027700123450" -out cert.pem 2>/dev/null
printf 'bench-password' > password.txt
openssl pkcs12 -engine gost -export -inkey key.pem -in cert.pem -passout file:password.txt -out bench.p12 \
    2>/dev/null

head -c "$((size_mib * 1024 * 1024))" /dev/urandom > big.bin

/usr/bin/time -v -o time.txt java -Xmx128m -Xlog:gc:file=gc.log -jar "$jar" sign \
    --keystore bench.p12 --password-file password.txt --out big.bin.sig big.bin > sign.out
java -Xmx128m -jar "$jar" verify --signature big.bin.sig --trust-roots cert.pem big.bin > verify.out

elapsed=$(sed -n 's/^.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' time.txt)
rss_kib=$(sed -n 's/^.*Maximum resident set size (kbytes): //p' time.txt)
heap_peak=$(grep -o '[0-9]*M->' gc.log | sed 's/M->//' | sort -n | tail -1 || true)
collections=$(grep -c 'Pause' gc.log || true)

echo "file:            ${size_mib} MiB of random bytes"
echo "heap cap:        -Xmx128m"
echo "sign:            $(grep -o 'in [0-9]* ms' sign.out) (signing only), ${elapsed} wall clock for the whole JVM run"
echo "peak RSS:        $((rss_kib / 1024)) MiB (whole process: heap, JIT, classes, buffers)"
echo "peak heap used:  ${heap_peak:-unknown} MiB before a collection, over ${collections} collections"
echo "signature:       $(stat -c %s big.bin.sig) bytes; $(head -1 verify.out)"
