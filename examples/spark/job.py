"""Extract thidua records from more inputs than one machine can chew through, with Spark.

The inputs are a text file with one input a line: a WARC file (Common Crawl's, a national
archive's), a saved HTML or text article, or an http(s) URL of an article. The list itself
may be anywhere Spark reads (local, HDFS, S3 ...), but thidua reads the inputs in it: a path
must be a local file on the worker that runs the task (a shared mount: NFS, or HDFS or S3
mounted with FUSE), and a URL is fetched as an article page, not as a WARC file.

Spark spreads the lines over its workers; every partition is piped through one `thidua
extract --jsonl --urls -` process, which streams one record line per input (one per HTML
response of a WARC file, an error line for an input that failed) in the order of its lines.
The records are written as JSON Lines (the exact lines thidua wrote, one `part-NNNNN` file a
partition, in the order of the list), and optionally as Parquet.

    spark-submit --master local[2] examples/spark/job.py inputs.txt records/ \
        --thidua target/release/thidua [--parquet records.parquet] [--partitions N]

On a cluster, ship the binary with the job (`spark-submit --files target/release/thidua
job.py ... --thidua thidua`): it is found in the task's working directory or through
SparkFiles. thidua is a plain Linux binary (build it for the workers' platform).
"""

import argparse
import os
import shlex
import stat
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def binary(name):
    """The thidua binary on a worker: a path that exists, else the file shipped with
    --files (in the working directory or SparkFiles), else a name looked up on PATH."""
    candidates = [name, os.path.join(os.getcwd(), os.path.basename(name))]
    try:
        candidates.append(SparkFiles.get(os.path.basename(name)))
    except Exception:  # no SparkContext files here
        pass
    for path in candidates:
        if os.path.isfile(path):
            if not os.access(path, os.X_OK):  # --files may drop the executable bit
                os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR)
            return os.path.abspath(path)
    return name


def pipe(command):
    """A partition's lines through one thidua process: the same as RDD.pipe(command), except
    that exit status 1 (some input failed; its error line is in the output) is a success,
    while 2 or a crash fails the task, so that Spark retries it."""

    def run(entries):
        argv = [binary(command[0])] + command[1:]
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

        def feed():
            try:
                for entry in entries:
                    proc.stdin.write(entry.rstrip("\n").encode("utf-8") + b"\n")
            except BrokenPipeError:
                pass
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in proc.stdout:
            yield line.rstrip(b"\n").decode("utf-8")
        writer.join()
        if proc.wait() not in (0, 1):
            raise RuntimeError(f"{shlex.join(argv)} exited with status {proc.returncode}")

    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", help="a text file of inputs, one a line ('#' comments allowed)")
    ap.add_argument("output", help="a new directory for the records, as JSON Lines")
    ap.add_argument("--thidua", default="thidua", help="the thidua binary (default: on PATH)")
    ap.add_argument("--partitions", type=int, help="at least this many partitions of the list")
    ap.add_argument("--parquet", help="also write the records as Parquet to this directory")
    ap.add_argument(
        "--extract-args",
        default="",
        help="more options for thidua extract, e.g. '--with-text' or '--offline --cache DIR'",
    )
    args = ap.parse_args()

    spark = SparkSession.builder.appName("thidua extract").getOrCreate()
    sc = spark.sparkContext
    # One thidua process a task; it extracts with as many threads as a task has cores.
    cores = sc.getConf().get("spark.task.cpus", "1")
    command = ["thidua", "extract", "--jsonl", "--urls", "-", "--jobs", cores]
    command[0] = args.thidua
    command += shlex.split(args.extract_args)

    # textFile keeps the order of the list: partition i holds a run of consecutive lines,
    # and part-i of the output holds their records, in order.
    entries = sc.textFile(args.inputs, minPartitions=args.partitions or sc.defaultParallelism)
    entries = entries.filter(lambda e: e.strip() and not e.strip().startswith("#"))
    records = entries.mapPartitions(pipe(command))
    records.saveAsTextFile(args.output)
    report = f"{spark.read.text(args.output).count()} lines in {args.output}"
    report += f" ({entries.getNumPartitions()} partitions)"

    if args.parquet:
        # Read back what was written rather than run thidua again. Spark infers one schema
        # over the records and the error lines.
        spark.read.json(args.output).write.mode("overwrite").parquet(args.parquet)
        report += f", {spark.read.parquet(args.parquet).count()} rows in {args.parquet}"
    print(f"job.py: {report}")
    spark.stop()


if __name__ == "__main__":
    main()
