"""Pieces the benchmark driver (bench/e2e/main.py) is made of: running a pipeline process
(Tributary or Kafka Connect with Debezium) from properties files, sampling its CPU time and
peak memory from /proc, counting what reached Kafka topics or Parquet objects, and priming a
connector so that a later run starts streaming exactly where the workload begins."""
import os
import pathlib
import signal
import subprocess
import time

from confluent_kafka import Consumer, KafkaException, TopicPartition
from confluent_kafka.admin import AdminClient

REPO = pathlib.Path(__file__).resolve().parents[2]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def write_properties(path, props):
    path.write_text("".join(f"{k}={v}\n" for k, v in props.items()))
    return path


class Process:
    """A pipeline process with its log; CPU seconds and peak RSS read from /proc/<pid>."""

    def __init__(self, argv, log_path, env=None):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=dict(os.environ, **(env or {})), cwd=log_path.parent)

    @property
    def pid(self):
        return self.proc.pid

    def alive(self):
        return self.proc.poll() is None

    def cpu_seconds(self):
        # /proc/<pid>/stat: utime and stime are fields 14 and 15, after the parenthesised name.
        fields = pathlib.Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def peak_rss_mb(self):
        for line in pathlib.Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def check_alive(self, what):
        if not self.alive():
            tail = self.log_path.read_text()[-3000:]
            raise RuntimeError(f"{what} exited (code {self.proc.returncode}) while {what} was "
                               f"expected to run; end of {self.log_path}:\n{tail}")

    def stop(self, timeout=30):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def tributary_argv(binary, worker, connectors):
    return [str(binary), "standalone", str(worker), *map(str, connectors)]


def debezium_argv(worker, connectors):
    return [str(REPO / "scripts" / "peers"), "connect-standalone", str(worker), *map(str, connectors)]


class KafkaCounter:
    """Sums the end offsets (high watermarks) of topics: the number of records they hold."""

    def __init__(self, bootstrap):
        self.bootstrap = bootstrap
        self.consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "bench-counter",
                                  "enable.auto.commit": False, "log_level": 0})
        self.admin = AdminClient({"bootstrap.servers": bootstrap, "log_level": 0})

    def count(self, topics):
        total = 0
        metadata = self.consumer.list_topics(timeout=5)
        for topic in topics:
            meta = metadata.topics.get(topic)
            if meta is None or meta.error is not None:
                continue
            for partition in meta.partitions:
                try:
                    total += self.consumer.get_watermark_offsets(
                        TopicPartition(topic, partition), timeout=5, cached=False)[1]
                except KafkaException:
                    pass
        return total

    def delete_prefix(self, prefix):
        topics = [t for t in self.admin.list_topics(timeout=5).topics if t.startswith(prefix)]
        if topics:
            for future in self.admin.delete_topics(topics, operation_timeout=30).values():
                try:
                    future.result()
                except KafkaException:
                    pass

    def close(self):
        self.consumer.close()


class ParquetCounter:
    """Counts the records a Parquet sink made durable: every object holds exactly flush.size
    records when the workload's per-topic counts are multiples of it (main.py sees to that)."""

    def __init__(self, folder, flush_size):
        self.folder = folder
        self.flush_size = flush_size

    def count(self, _topics=None):
        if not self.folder.exists():
            return 0
        return sum(1 for _ in self.folder.rglob("*.parquet")) * self.flush_size


def wait_for(predicate, timeout, what, poll=0.2, process=None):
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if process is not None:
            process.check_alive(what)
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not done after {timeout}s")
        time.sleep(poll)


def prime(start, offsets_file, insert_marker, log, timeout=180):
    """Runs a freshly configured pipeline (snapshot.mode=no_data) until it has committed a
    source offset past a marker row, then stops it: the next start streams from there, which is
    where the workload begins."""
    process = start()
    deadline = time.monotonic() + timeout
    try:
        while not (offsets_file.exists() and offsets_file.stat().st_size > 0):
            process.check_alive("priming " + log)
            if time.monotonic() > deadline:
                raise TimeoutError(f"priming {log}: no source offset in {offsets_file} after {timeout}s")
            insert_marker()
            time.sleep(1.0)
        time.sleep(2.0)  # one more offset flush interval, so the marker's offset is the last one
    finally:
        process.stop()


def measure_catch_up(process, counter, topics, expected, timeout, poll=0.05):
    """Watches the pipeline until `expected` records arrived. Returns the figures of the run:
    throughput between the first and the last record (start-up excluded), CPU seconds over the
    same span, the whole run's wall time and CPU, and the peak RSS."""
    first_at = first_cpu = None
    deadline = time.monotonic() + timeout
    count = 0
    while True:
        now = time.monotonic()
        count = counter.count(topics)
        if count and first_at is None:
            first_at, first_cpu, first_count = now, process.cpu_seconds(), count
        if count >= expected:
            break
        process.check_alive("the pipeline")
        if now > deadline:
            raise TimeoutError(f"only {count} of {expected} records after {timeout}s")
        time.sleep(poll)
    done_at, done_cpu = time.monotonic(), process.cpu_seconds()
    peak = process.peak_rss_mb()
    span = max(done_at - first_at, 1e-3)
    return {
        "events": count,
        "seconds": span,
        "events_per_second": (count - first_count) / span,
        "cpu_seconds": done_cpu - first_cpu,
        "cpu_seconds_per_million": (done_cpu - first_cpu) / (count - first_count) * 1e6
        if count > first_count else float("nan"),
        "total_seconds": done_at - process.started,
        "total_cpu_seconds": done_cpu,
        "peak_rss_mb": peak,
    }
