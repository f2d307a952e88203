#!/usr/bin/env bash
# Run examples/spark/job.py in Spark's local mode (two worker threads) over the bundled
# fixtures, a WARC file made from them and a missing file, and check that its records equal
# a single-machine run of the same list. Needs Python 3 and Java 17 or later; installs
# pyspark with pip when it is missing. Takes about a minute (most of it starting Spark).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

python3 -c 'import pyspark' 2>/dev/null || python3 -m pip install --quiet pyspark
java -version >/dev/null 2>&1 || { echo "run_local.sh: Java 17 or later is needed for Spark" >&2; exit 2; }
cargo build --release --quiet --bin thidua
bin=$root/target/release/thidua

work=$(mktemp -d "${TMPDIR:-/tmp}/thidua-spark.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The list: every fixture article, a WARC file holding the HTML ones as responses (gzip per
# record), and a file that does not exist (it gives an error line, on both sides).
find "$root/fixtures/seeds" "$root/fixtures/articles" "$root/fixtures/html" \
    -type f \( -name '*.txt' -o -name '*.html' \) | sort > "$work/inputs.txt"
python3 - "$work/pages.warc.gz" "$root"/fixtures/html/*.html <<'EOF'
import gzip, hashlib, sys, uuid
out, pages = sys.argv[1], sys.argv[2:]
with open(out, "wb") as f:
    for i, path in enumerate(pages):
        body = open(path, "rb").read()
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
        rid = uuid.UUID(hashlib.md5(path.encode()).hexdigest())
        head = ("WARC/1.1\r\nWARC-Type: response\r\n"
                f"WARC-Record-ID: <urn:uuid:{rid}>\r\n"
                f"WARC-Target-URI: https://bao.example.vn/tin/{i}.html\r\n"
                f"WARC-Date: 2024-05-0{1 + i % 9}T07:30:00Z\r\n"
                "Content-Type: application/http;msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        f.write(gzip.compress(head + http + b"\r\n\r\n"))
EOF
echo "$work/pages.warc.gz" >> "$work/inputs.txt"
echo "$work/missing.html" >> "$work/inputs.txt"

# One machine: exit status 1, since the missing file failed.
status=0
"$bin" extract --jsonl -q --urls "$work/inputs.txt" -o "$work/single.jsonl" 2> "$work/single.log" || status=$?
[ "$status" -le 1 ] || { cat "$work/single.log" >&2; exit 1; }

# Spark, local mode, the list cut into 4 partitions over 2 worker threads. Spark listens
# on the loopback address only.
export SPARK_LOCAL_IP=127.0.0.1
spark-submit --master 'local[2]' --conf spark.ui.enabled=false \
    --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
    "$root/examples/spark/job.py" "$work/inputs.txt" "$work/records" \
    --thidua "$bin" --partitions 4 --parquet "$work/records.parquet" \
    > "$work/job.out" 2> "$work/spark.log" || { tail -n 40 "$work/spark.log" >&2; exit 1; }

cat "$work"/records/part-* > "$work/spark.jsonl"
sort "$work/single.jsonl" > "$work/single.sorted"
sort "$work/spark.jsonl" > "$work/spark.sorted"
if ! cmp -s "$work/single.sorted" "$work/spark.sorted"; then
    echo "run_local.sh: the Spark records differ from the single-machine run:" >&2
    diff "$work/single.sorted" "$work/spark.sorted" | head -n 20 >&2
    exit 1
fi
lines=$(wc -l < "$work/single.jsonl")
report=$(grep '^job.py: ' "$work/job.out")
echo "$report" | grep -q ", $lines rows in " || {
    echo "run_local.sh: the Parquet rows are not the $lines records: $report" >&2
    exit 1
}
order="in the same order"
cmp -s "$work/single.jsonl" "$work/spark.jsonl" || order="in another order"
echo "$report"
echo "run_local.sh: Spark (local[2]) gave the same $lines lines as one machine ($order)"
