"""Runs the real Debezium connector (Kafka Connect standalone from scripts/peers) and
`tributary standalone` side by side against the same MariaDB and Kafka, and reads what each
wrote to Kafka. Used by test_debezium_diff.py."""
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "scripts" / "peers"

# MySqlConnector 3.6 refuses MariaDB (it sends MySQL 8.4's SHOW BINARY LOG STATUS), so a
# MariaDB server is captured by Debezium's MariaDB connector, as Debezium documents.
CONNECTOR_CLASS = "io.debezium.connector.mariadb.MariaDbConnector"


def write_properties(path, values):
    path.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return path


def new_topic_prefix():
    """Both connectors use the same topic.prefix (it is part of every schema name); a fresh one
    per run keeps earlier runs' topics out of the way."""
    return f"diff{time.time_ns() // 1000000}"


def source_properties(name, database, server_id, extra):
    env = os.environ
    props = {
        "name": name,
        "connector.class": CONNECTOR_CLASS,
        "tasks.max": "1",
        "database.hostname": env["TRIB_MARIADB_HOST"],
        "database.port": env["TRIB_MARIADB_PORT"],
        "database.user": env["TRIB_MARIADB_USER"],
        "database.password": env["TRIB_MARIADB_PASSWORD"],
        "database.server.id": str(server_id),
        "database.include.list": database,
        "snapshot.mode": "initial",
        "key.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "key.converter.schemas.enable": "true",
        "value.converter.schemas.enable": "true",
    }
    props.update(extra or {})
    return props


class Process:
    """A child process with its log in a file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, argv, log_path, env=None):
        self.log_path = log_path
        self._log = open(log_path, "ab")
        self.process = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT,
                                        env=env)

    def alive(self):
        return self.process.poll() is None

    def log(self, tail=4000):
        return self.log_path.read_text(errors="replace")[-tail:]

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


def start_debezium(work, database, bootstrap, options):
    """Kafka Connect standalone with Debezium; topics <prefix>.<db>.<table> and <prefix>.
    `options`: connector keys (topic.prefix, type-mapping modes...)."""
    work.mkdir(parents=True, exist_ok=True)
    plugin_path = subprocess.run([str(PEERS), "plugin-path"], check=True, capture_output=True,
                                 text=True).stdout.strip()
    worker = write_properties(work / "worker.properties", {
        "bootstrap.servers": bootstrap,
        "key.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "offset.storage.file.filename": work / "offsets",
        "offset.flush.interval.ms": "1000",
        "plugin.path": plugin_path,
        "plugin.discovery": "service_load",
        "listeners": "http://127.0.0.1:0",
    })
    connector = write_properties(work / "debezium.properties", source_properties(
        "debezium-diff", database, 5401, {
            "schema.history.internal": "io.debezium.storage.file.history.FileSchemaHistory",
            "schema.history.internal.file.filename": work / "schema-history.dat",
            **options,
        }))
    env = dict(os.environ, PEERS_HEAP="512m")
    return Process([str(PEERS), "connect-standalone", str(worker), str(connector)],
                   work / "connect.log", env)


def start_tributary(work, database, bootstrap, options):
    """`tributary standalone` through Kafka. The same topic.prefix as Debezium (schema names
    contain it), its topics renamed to trib.<topic> by Kafka's RegexRouter."""
    work.mkdir(parents=True, exist_ok=True)
    worker = write_properties(work / "worker.properties", {
        "bootstrap.servers": bootstrap,
        "key.converter": "org.apache.kafka.connect.json.JsonConverter",
        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
        "offset.storage.file.filename": work / "offsets",
        "offset.flush.interval.ms": "1000",
        "data.dir": work / "data",
    })
    connector = write_properties(work / "tributary.properties", source_properties(
        "tributary-diff", database, 5402, {
            "schema.history.internal.file.filename": work / "schema-history.dat",
            "transforms": "route",
            "transforms.route.type": "org.apache.kafka.connect.transforms.RegexRouter",
            "transforms.route.regex": "(.*)",
            "transforms.route.replacement": "trib.$1",
            **options,
        }))
    binary = os.environ.get("TRIB_BINARY", str(ROOT / "build" / "tributary"))
    return Process([binary, "standalone", str(worker), str(connector)],
                   work / "tributary.log")


def consume(bootstrap, topics, counts, processes, timeout=120):
    """Reads each topic from the start until it holds counts[topic] messages (or the timeout)
    -> {topic: [(key bytes, value bytes)]}. Fails early when a process died."""
    from confluent_kafka import Consumer
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"diff-{time.time_ns()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "topic.metadata.refresh.interval.ms": 500})
    consumer.subscribe(list(topics))
    got = {t: [] for t in topics}
    deadline = time.time() + timeout
    try:
        while any(len(got[t]) < counts[t] for t in topics):
            for p in processes:
                if not p.alive():
                    raise RuntimeError(f"{p.log_path.name} exited:\n{p.log()}")
            if time.time() > deadline:
                have = {t: len(v) for t, v in got.items()}
                raise TimeoutError(f"messages {have}, wanted {counts}\n"
                                   + "\n".join(p.log(2000) for p in processes))
            m = consumer.poll(0.5)
            if m is None or m.error() is not None:
                continue
            got[m.topic()].append((m.key(), m.value()))
    finally:
        consumer.close()
    return got
