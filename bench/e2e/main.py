#!/usr/bin/env python3
"""The benchmark driver behind bench/run: generates the workload, measures Tributary and its
peers on it in one run, and writes bench/results.md.

Needs the scripts/services variables of a private MariaDB and Kafka (TRIB_MARIADB_*,
TRIB_KAFKA_BOOTSTRAP), a built tributary and bench targets (--build), and Debezium with Kafka
Connect from scripts/peers. Every phase's raw figures also go to <work>/figures.json.

Usage: main.py --work DIR [--quick] [--build BUILD_DIR] [--out bench/results.md]
"""
import argparse
import json
import math
import os
import pathlib
import platform
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import harness  # noqa: E402
from harness import REPO  # noqa: E402

PY = sys.executable
GENERATE = REPO / "bench" / "workload" / "generate.py"


def env(name):
    if name not in os.environ:
        sys.exit(f"bench: {name} is not set; source the scripts/services env file")
    return os.environ[name]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average():
    return float(pathlib.Path("/proc/loadavg").read_text().split()[0])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sql(statement):
    return subprocess.run(
        ["mariadb", "--no-defaults", f"--socket={env('TRIB_MARIADB_SOCKET')}",
         f"--user={env('TRIB_MARIADB_ADMIN_USER')}", "--batch", "--skip-column-names",
         "-e", statement],
        env=dict(os.environ, MYSQL_PWD=env("TRIB_MARIADB_ADMIN_PASSWORD")),
        check=True, capture_output=True, text=True).stdout.strip()


def insert_marker():
    """A change in bench.marker: makes a primed pipeline commit an offset, shows one streams."""
    sql("INSERT INTO bench.marker SELECT COALESCE(MAX(id), 0) + 1 FROM bench.marker")


# --- pipeline configurations ------------------------------------------------------------------
SERVER_IDS = iter(range(5401, 5500))


def source_props(name, prefix, system, extra=None):
    props = {
        "name": name,
        # Debezium 3.x reads MariaDB only through its MariaDB connector; Tributary takes the same class.
        "connector.class": "io.debezium.connector.mariadb.MariaDbConnector",
        "tasks.max": "1",
        "database.hostname": env("TRIB_MARIADB_HOST"),
        "database.port": env("TRIB_MARIADB_PORT"),
        "database.user": env("TRIB_MARIADB_USER"),
        "database.password": env("TRIB_MARIADB_PASSWORD"),
        "database.server.id": str(next(SERVER_IDS)),
        "topic.prefix": prefix,
        "database.include.list": "bench",
        "snapshot.mode": "no_data",
        # Change events only: a delete is one event on both sides.
        "tombstones.on.delete": "false",
    }
    if system == "debezium":
        props.update({
            "schema.history.internal": "io.debezium.storage.file.history.FileSchemaHistory",
            "schema.history.internal.file.filename": "{work}/schema-history.dat",
            "include.schema.changes": "false",
        })
    props.update(extra or {})
    return props


def converter_props(kind):
    if kind == "json":
        cls = "org.apache.kafka.connect.json.JsonConverter"
        return {"key.converter": cls, "value.converter": cls,
                "key.converter.schemas.enable": "true", "value.converter.schemas.enable": "true"}
    # No schema.registry.url: Tributary's Avro converter uses the registry embedded in the worker.
    cls = "io.confluent.connect.avro.AvroConverter"
    return {"key.converter": cls, "value.converter": cls}


class Pipeline:
    """One configured pipeline: its folder, worker and connector files, and how to start it."""

    def __init__(self, root, name, system, worker, connectors, binary):
        self.dir = root / name
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.name, self.system, self.binary = name, system, binary
        self.offsets = self.dir / "connect.offsets"
        worker = dict(worker, **{"offset.storage.file.filename": str(self.offsets),
                                 "offset.flush.interval.ms": "1000"})
        if system == "tributary":
            worker["data.dir"] = str(self.dir / "data")
        else:
            worker["plugin.path"] = subprocess.run(
                [str(REPO / "scripts" / "peers"), "plugin-path"],
                check=True, capture_output=True, text=True).stdout.strip()
            worker["listeners"] = f"http://127.0.0.1:{free_port()}"
        self.worker = harness.write_properties(self.dir / "worker.properties", worker)
        self.connectors = [
            harness.write_properties(self.dir / f"{c['name']}.properties",
                                     {k: v.format(work=self.dir) for k, v in c.items()})
            for c in connectors]
        self.runs = 0

    def start(self):
        self.runs += 1
        log_path = self.dir / f"run{self.runs}.log"
        if self.system == "tributary":
            argv = harness.tributary_argv(self.binary, self.worker, self.connectors)
        else:
            argv = harness.debezium_argv(self.worker, self.connectors)
        return harness.Process(argv, log_path)


def kafka_pipeline(root, binary, system, converter, name=None):
    name = name or f"{system[:4]}_{converter}"
    worker = {"bootstrap.servers": env("TRIB_KAFKA_BOOTSTRAP"), **converter_props(converter)}
    return Pipeline(root, name, system, worker,
                    [source_props(f"{name}-source", name, system)], binary), name


def parquet_pipeline(root, binary, flush_size):
    prefix = "e2e"
    objects = root / "e2e" / "objects"
    unwrap = {"transforms": "unwrap",
              "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState",
              "transforms.unwrap.delete.handling.mode": "rewrite",
              "transforms.unwrap.add.fields": "op,source.ts_ms"}
    sink = {
        "name": "parquet-sink",
        "connector.class": "io.confluent.connect.s3.S3SinkConnector",
        "tasks.max": "1",
        "topics": f"{prefix}.bench.changes,{prefix}.bench.wide",
        "s3.bucket.name": "bench",
        "s3.region": "us-east-1",
        "store.url": f"file://{objects}",
        "storage.class": "io.confluent.connect.s3.storage.S3Storage",
        "format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
        "partitioner.class": "io.confluent.connect.storage.partitioner.DefaultPartitioner",
        "schema.compatibility": "NONE",
        "flush.size": str(flush_size),
    }
    pipeline = Pipeline(root, "e2e", "tributary", converter_props("avro"),
                        [source_props("e2e-source", prefix, "tributary", unwrap), sink], binary)
    shutil.rmtree(objects, ignore_errors=True)
    return pipeline, objects


# --- phases -----------------------------------------------------------------------------------
def catch_up(pipeline, counter, topics, expected, timeout):
    load_before = load_average()
    process = pipeline.start()
    try:
        figures = harness.measure_catch_up(process, counter, topics, expected, timeout)
    finally:
        process.stop()
    figures["load_average"] = max(load_before, load_average())
    log(f"{pipeline.name}: {figures['events_per_second']:,.0f} events/s, "
        f"{figures['cpu_seconds_per_million']:.1f} CPU s/M, {figures['peak_rss_mb']:.0f} MB")
    return figures


def raw_binlog(work, events):
    """The ceiling: the server streams the whole binlog to mariadb-binlog --raw, no decoding."""
    files = [line.split("\t")[0] for line in sql("SHOW BINARY LOGS").splitlines()]
    sizes = sum(int(line.split("\t")[1]) for line in sql("SHOW BINARY LOGS").splitlines())
    out = work / "raw-binlog"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    started, cpu0 = time.monotonic(), os.times()
    subprocess.run(["mariadb-binlog", "--no-defaults", "--read-from-remote-server", "--raw",
                    f"--host={env('TRIB_MARIADB_HOST')}", f"--port={env('TRIB_MARIADB_PORT')}",
                    f"--user={env('TRIB_MARIADB_ADMIN_USER')}",
                    f"--password={env('TRIB_MARIADB_ADMIN_PASSWORD')}",
                    f"--result-file={out}/", *files], check=True)
    seconds, cpu1 = time.monotonic() - started, os.times()
    shutil.rmtree(out, ignore_errors=True)
    cpu = (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)
    figures = {"bytes": sizes, "seconds": seconds, "events_per_second": events / seconds,
               "bytes_per_second": sizes / seconds, "client_cpu_seconds": cpu}
    log(f"raw binlog: {sizes / 1e6:.0f} MB in {seconds:.2f}s, {events / seconds:,.0f} events/s")
    return figures


def latency(pipeline, counter, topic, rate, seconds):
    """Commit to delivery at a fixed rate: the paced generator stamps created_at with NOW(6);
    a consumer subtracts it from the time it receives each change event."""
    from confluent_kafka import Consumer
    from confluent_kafka.admin import NewTopic
    # The topic exists before anyone subscribes, so the consumer is assigned it at once instead
    # of discovering it at its next metadata refresh.
    for future in counter.admin.create_topics([NewTopic(topic, 1, 1)]).values():
        future.result()
    process = pipeline.start()
    try:
        # Ready once it streams: a marker row shows up in its marker topic.
        marker_topic = topic.replace(".changes", ".marker")
        before = counter.count([marker_topic])
        harness.wait_for(lambda: insert_marker() or counter.count([marker_topic]) > before, 180,
                         f"{pipeline.name} streaming", poll=1.0, process=process)
        consumer = Consumer({"bootstrap.servers": env("TRIB_KAFKA_BOOTSTRAP"),
                             "group.id": f"latency-{pipeline.name}", "auto.offset.reset": "latest",
                             "fetch.wait.max.ms": 5, "log_level": 0})
        consumer.subscribe([topic])
        expected = rate * seconds
        latencies = []
        created = re.compile(rb'"created_at":(\d+)')
        assigned = threading.Event()

        def consume():
            deadline = time.monotonic() + seconds + 180
            while len(latencies) < expected and time.monotonic() < deadline:
                for message in consumer.consume(1000, 0.1):
                    now_us = time.time() * 1e6
                    if message.error() or message.value() is None:
                        continue
                    match = created.search(message.value())
                    if match:
                        latencies.append((now_us - int(match.group(1))) / 1000)
                if not assigned.is_set() and consumer.assignment():
                    time.sleep(1)  # the position is fetched: "latest" is before the first insert
                    assigned.set()

        reader = threading.Thread(target=consume)
        reader.start()
        if not assigned.wait(60):
            raise TimeoutError(f"{pipeline.name}: the latency consumer got no partition in 60s")
        generator = subprocess.run([PY, str(GENERATE), "paced", "--rate", str(rate),
                                    "--seconds", str(seconds),
                                    "--id-base", str(Latency.next_id_base())],
                                   check=True, stdout=subprocess.PIPE, text=True)
        achieved = json.loads(generator.stdout)
        reader.join()
        consumer.close()
        process.check_alive(pipeline.name)
    finally:
        process.stop()
    latencies.sort()
    if not latencies:
        raise RuntimeError(f"{pipeline.name}: no change event arrived during the latency run")

    def pct(p):
        return latencies[min(len(latencies) - 1, int(math.ceil(p / 100 * len(latencies))) - 1)]
    figures = {"events": len(latencies), "expected": expected, "p50_ms": pct(50),
               "p99_ms": pct(99), "max_ms": latencies[-1],
               "achieved_rate": achieved["events"] / max(achieved["seconds"], 1e-3)}
    log(f"{pipeline.name} latency: p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms "
        f"({len(latencies)} events)")
    return figures


class Latency:
    base = 10 ** 12

    @classmethod
    def next_id_base(cls):
        cls.base += 10 ** 9
        return cls.base


def parquet_vs_pyarrow(build, rows):
    out = subprocess.run([PY, str(REPO / "bench" / "parquet" / "compare_pyarrow.py"),
                          "--rows", str(rows), "--codecs", "snappy", "--repeat", "2",
                          "--build", str(build)], check=True, capture_output=True, text=True).stdout
    row = json.loads(out.strip().splitlines()[-1])[0]
    log(f"parquet: ours {rows / row['ours_seconds']:,.0f} rows/s, "
        f"pyarrow {rows / row['pyarrow_seconds']:,.0f} rows/s")
    return row


def registry_vs_karapace(build, quick):
    """bench/registry/compare_karapace.sh prints its own Markdown table (same broker)."""
    script = REPO / "bench" / "registry" / "compare_karapace.sh"
    if not script.exists():
        return {"missing": f"{script.relative_to(REPO)} does not exist yet"}
    run = subprocess.run([str(script)] + (["--quick"] if quick else []), capture_output=True,
                         text=True, env=dict(os.environ, BENCH_BUILD_DIR=str(build)))
    if run.returncode != 0:
        last = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        return {"failed": f"{script.relative_to(REPO)} exited {run.returncode}: {last[0]}"}
    return {"markdown": run.stdout.strip()}


def binlog_decode(build, rows):
    """Issue 3's decode bench (decoder alone vs mariadb-binlog raw and -v) on its own table."""
    out = subprocess.run([str(build / "bench" / "binlog" / "binlog_decode_bench"),
                          "--rows", str(rows)], check=True, capture_output=True, text=True).stdout
    tools = {}
    for line in out.splitlines():
        if line.startswith("{"):
            record = json.loads(line)
            tools[record["tool"]] = record
    return tools


def versions(binary):
    def run(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"
    peers = REPO / ".cache" / "peers"
    import pyarrow
    return {
        "tributary": f"tree {run(['git', '-C', str(REPO), 'describe', '--always', '--dirty'])}, "
        f"pipelines on {binary} (built {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(binary.stat().st_mtime))})",
        "debezium": "MariaDB connector " + (peers / "debezium" / "debezium-connector-mariadb" / "VERSION").read_text().strip(),
        "kafka_connect": (peers / "connect" / "libs" / "VERSION").read_text().split()[0]
        .replace("connect-runtime-", ""),
        "kafka_broker": (REPO / ".cache" / "kafka" / "libs" / "VERSION").read_text().split()[0],
        "mariadb": sql("SELECT VERSION()"),
        "java": run(["java", "-version"]) or subprocess.run(
            ["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0],
        "pyarrow": pyarrow.__version__,
    }


def machine():
    mem_kb = int(next(line.split()[1] for line in pathlib.Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:")))
    model = next((line.split(":", 1)[1].strip() for line in
                  pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1), "cpu": model,
            "kernel": platform.release()}


# --- main -------------------------------------------------------------------------------------
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", required=True, type=pathlib.Path)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--build", type=pathlib.Path, default=REPO / "build")
    parser.add_argument("--tributary", type=pathlib.Path,
                        help="the tributary binary the pipelines run (default BUILD/tributary)")
    parser.add_argument("--out", type=pathlib.Path, default=REPO / "bench" / "results.md")
    parser.add_argument("--skip", default="", help="comma-separated phases to skip: "
                        "debezium,latency,parquet,registry,decode")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    binary = (args.tributary or args.build / "tributary").resolve()
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    changes = 100_000 if args.quick else 1_000_000
    wide = changes // 20
    flush_size = math.gcd(changes, wide)
    figures = {"quick": args.quick, "machine": machine(), "load": [load_average()]}
    counter = harness.KafkaCounter(env("TRIB_KAFKA_BOOTSTRAP"))

    log("schema")
    harness_tables = sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='bench'")
    if harness_tables != "0":
        sys.exit("bench: database `bench` exists already; use fresh services (bench/run does)")
    subprocess.run([PY, str(GENERATE), "schema"], check=True)
    figures["versions"] = versions(binary)

    pipelines = {"trib_json": kafka_pipeline(work, binary, "tributary", "json"),
                 "trib_avro": kafka_pipeline(work, binary, "tributary", "avro")}
    if "debezium" not in skip:
        pipelines["debe_json"] = kafka_pipeline(work, binary, "debezium", "json")
    e2e, objects = parquet_pipeline(work, binary, flush_size)
    for key, (pipeline, _) in pipelines.items():
        log(f"priming {key}")
        harness.prime(pipeline.start, pipeline.offsets, insert_marker, key)
    log("priming e2e")
    harness.prime(e2e.start, e2e.offsets, insert_marker, "e2e")

    log(f"generating {changes:,} changes + {wide:,} on the wide table")
    generated = json.loads(subprocess.run(
        [PY, str(GENERATE), "changes", "--changes", str(changes), "--wide", str(wide)],
        check=True, capture_output=True, text=True).stdout)
    figures["workload"] = generated
    events = generated["events"]
    log(f"generated {events:,} events in {generated['transactions']:,} transactions "
        f"({generated['seconds']}s)")

    figures["raw_binlog"] = raw_binlog(work, events)
    timeout = 900 if not args.quick else 300
    figures["catch_up"] = {}
    for key, (pipeline, prefix) in pipelines.items():
        topics = [f"{prefix}.bench.changes", f"{prefix}.bench.wide"]
        figures["catch_up"][key] = catch_up(pipeline, counter, topics, events, timeout)
        counter.delete_prefix(prefix + ".")
        figures["load"].append(load_average())
    figures["e2e_parquet"] = catch_up(e2e, harness.ParquetCounter(objects, flush_size), None,
                                      events, timeout)
    shutil.rmtree(objects, ignore_errors=True)

    if "latency" not in skip:
        rate, seconds = 10_000, (10 if args.quick else 30)
        figures["latency"] = {}
        systems = ["tributary"] + ([] if "debezium" in skip else ["debezium"])
        for system in systems:
            pipeline, prefix = kafka_pipeline(work, binary, system, "json",
                                              f"{system[:4]}_latency")
            figures["latency"][system] = latency(pipeline, counter, f"{prefix}.bench.changes",
                                                 rate, seconds)
            counter.delete_prefix(prefix + ".")
        figures["load"].append(load_average())
    side_rows = 200_000 if args.quick else 1_000_000
    for phase, measure in (("parquet", lambda: parquet_vs_pyarrow(args.build, side_rows)),
                           ("decode", lambda: binlog_decode(args.build, side_rows))):
        if phase in skip:
            continue
        try:
            figures[phase] = measure()
        except (subprocess.CalledProcessError, ValueError, KeyError, IndexError) as e:
            # One failing side bench must not cost the figures measured so far.
            figures[phase] = {"failed": f"{type(e).__name__}: {e}"}
            log(f"{phase} failed: {e}")
        figures["load"].append(load_average())
    if "registry" not in skip:
        figures["registry"] = registry_vs_karapace(args.build, args.quick)
        figures["load"].append(load_average())
    counter.close()
    figures["seconds"] = time.monotonic() - started
    (work / "figures.json").write_text(json.dumps(figures, indent=1))
    import report
    args.out.write_text(report.render(figures))
    log(f"wrote {args.out} ({figures['seconds'] / 60:.1f} min)")


if __name__ == "__main__":
    main()
