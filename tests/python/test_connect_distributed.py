"""Distributed workers (`tributary connect`) on a real Kafka broker, driven through the Kafka
Connect REST API: a connector's life cycle, two workers sharing a sink's tasks and surviving
the death of one, and a poison record landing in the dead-letter topic."""
import contextlib
import io
import json
import os
import random
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import requests

from conftest import require_env
import scenario

ROOT = Path(__file__).resolve().parents[2]


class ConnectWorker:
    """One `tributary connect` process of a group, with its REST API on a free port."""

    def __init__(self, run_dir, name, group_keys, extra=None):
        self.dir = Path(run_dir) / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = scenario.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        keys = {"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"],
                "config.storage.replication.factor": "1",
                "offset.storage.replication.factor": "1",
                "status.storage.replication.factor": "1",
                "listeners": self.url, "data.dir": str(self.dir / "data"),
                "session.timeout.ms": "6000", "heartbeat.interval.ms": "1000",
                "consumer.session.timeout.ms": "6000", "consumer.heartbeat.interval.ms": "1000"}
        keys.update(group_keys)
        keys.update(extra or {})
        (self.dir / "worker.properties").write_text(
            "".join(f"{k}={v}\n" for k, v in keys.items()))
        self.log_path = self.dir / "worker.log"
        binary = os.environ.get("TRIB_BINARY", str(ROOT / "build" / "tributary"))
        env = dict(os.environ)
        if "TRIB_S3_ENDPOINT" in os.environ:  # sinks to object storage
            env["AWS_ENDPOINT_URL_S3"] = os.environ["TRIB_S3_ENDPOINT"]
            env["AWS_ACCESS_KEY_ID"] = os.environ["TRIB_S3_ACCESS_KEY"]
            env["AWS_SECRET_ACCESS_KEY"] = os.environ["TRIB_S3_SECRET_KEY"]
        self.process = subprocess.Popen(
            [binary, "connect", str(self.dir / "worker.properties")],
            stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT, env=env)
        deadline = time.time() + 60
        while True:
            assert self.process.poll() is None, f"worker exited:\n{self.log()}"
            try:
                if requests.get(self.url + "/", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.time() < deadline, f"REST API not up:\n{self.log()}"
            time.sleep(0.2)

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self, sig=signal.SIGTERM):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def new_group_keys(label):
    """A fresh worker group: (suffix, its group.id and three internal topics named label-*)."""
    suffix = uuid.uuid4().hex[:10]
    return suffix, {"group.id": f"{label}-{suffix}",
                    "config.storage.topic": f"{label}-configs-{suffix}",
                    "offset.storage.topic": f"{label}-offsets-{suffix}",
                    "status.storage.topic": f"{label}-status-{suffix}"}


@contextlib.contextmanager
def worker_group(tmp_path, label):
    """Starts workers of one fresh group (start(name, extra_keys)); stops them all at the end.
    start.suffix makes names unique to the group."""
    suffix, keys = new_group_keys(label)
    workers = []

    def start(name, extra=None):
        workers.append(ConnectWorker(tmp_path, name, keys, extra))
        return workers[-1]

    start.suffix = suffix
    try:
        yield start
    finally:
        for w in workers:
            w.stop()


def mysql_source_keys(db, prefix):
    """A MySQL source on the test MariaDB capturing `db`.items under topic prefix `prefix`."""
    return {"connector.class": "io.debezium.connector.mysql.MySqlConnector",
            "database.hostname": os.environ["TRIB_MARIADB_HOST"],
            "database.port": os.environ["TRIB_MARIADB_PORT"],
            "database.user": os.environ["TRIB_MARIADB_USER"],
            "database.password": os.environ["TRIB_MARIADB_PASSWORD"],
            "database.server.id": str(random.randint(1000, 100000)),
            "topic.prefix": prefix, "table.include.list": f"{db}.items"}


JSON_WITHOUT_SCHEMAS = {"key.converter": "org.apache.kafka.connect.json.JsonConverter",
                        "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                        "key.converter.schemas.enable": "false",
                        "value.converter.schemas.enable": "false"}


@pytest.fixture
def cluster(tmp_path):
    require_env("TRIB_KAFKA_BOOTSTRAP", "TRIB_MARIADB_PORT", "TRIB_S3_ENDPOINT")
    with worker_group(tmp_path, "it") as start:
        yield start


def wait_for(what, check, timeout=60, worker=None):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; last: {last}"
                         + (f"\n{worker.log()}" if worker else ""))


def status(worker, name):
    r = requests.get(f"{worker.url}/connectors/{name}/status", timeout=10)
    return r.json() if r.status_code == 200 else None


def states(worker, name):
    s = status(worker, name)
    if not s:
        return None
    return (s["connector"]["state"], [t["state"] for t in s["tasks"]])


def consume_all(topic, expected, timeout=60):
    from confluent_kafka import Consumer
    consumer = Consumer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"],
                         "group.id": "check-" + uuid.uuid4().hex, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False})
    consumer.subscribe([topic])
    messages = []
    deadline = time.time() + timeout
    while len(messages) < expected and time.time() < deadline:
        m = consumer.poll(0.5)
        if m is not None and m.error() is None:
            messages.append(m)
    # Anything beyond what was expected arrives right behind it.
    end = time.time() + 2
    while time.time() < end:
        m = consumer.poll(0.2)
        if m is not None and m.error() is None:
            messages.append(m)
    consumer.close()
    return messages


def row_ids(messages):
    return sorted(json.loads(m.value())["after"]["id"] for m in messages if m.value())


def test_rest_api_drives_a_connector_through_its_life_cycle(cluster):
    db = f"life_{cluster.suffix}"
    scenario.run_sql(f"CREATE DATABASE {db}; CREATE TABLE {db}.items "
                     f"(id INT PRIMARY KEY, name VARCHAR(32));"
                     + "".join(f"INSERT INTO {db}.items VALUES ({i}, 'item {i}');"
                               for i in range(1, 6)))
    worker = cluster("w1")
    prefix = f"life{cluster.suffix}"
    topic = f"{prefix}.{db}.items"
    config = {**mysql_source_keys(db, prefix), **JSON_WITHOUT_SCHEMAS}

    r = requests.post(worker.url + "/connectors", json={"name": "items", "config": config},
                      timeout=60)
    assert r.status_code == 201, r.text
    assert r.headers["Location"].endswith("/connectors/items")
    body = r.json()
    assert body["name"] == "items" and body["type"] == "source"
    assert body["tasks"] == [{"connector": "items", "task": 0}]
    assert body["config"]["database.password"] != os.environ["TRIB_MARIADB_PASSWORD"]
    assert requests.post(worker.url + "/connectors", json={"name": "items", "config": config},
                         timeout=60).status_code == 409
    assert requests.get(worker.url + "/connectors", timeout=10).json() == ["items"]

    wait_for("RUNNING", lambda: states(worker, "items") == ("RUNNING", ["RUNNING"]),
             worker=worker)
    assert status(worker, "items")["tasks"][0]["worker_id"] == f"127.0.0.1:{worker.port}"
    assert row_ids(consume_all(topic, 5)) == [1, 2, 3, 4, 5]

    # Paused: nothing flows; resumed: what changed meanwhile arrives.
    assert requests.put(worker.url + "/connectors/items/pause", timeout=60).status_code == 202
    wait_for("PAUSED", lambda: states(worker, "items") == ("PAUSED", ["PAUSED"]), worker=worker)
    scenario.run_sql(f"INSERT INTO {db}.items VALUES (6, 'six'), (7, 'seven');")
    time.sleep(3)
    assert row_ids(consume_all(topic, 5)) == [1, 2, 3, 4, 5]
    assert requests.put(worker.url + "/connectors/items/resume", timeout=60).status_code == 202
    wait_for("RUNNING", lambda: states(worker, "items") == ("RUNNING", ["RUNNING"]),
             worker=worker)
    assert set(row_ids(consume_all(topic, 7))) == set(range(1, 8))

    # A restart resumes from the committed offsets: nothing is lost.
    r = requests.post(worker.url + "/connectors/items/restart?includeTasks=true", timeout=60)
    assert r.status_code == 202, r.text
    wait_for("RUNNING", lambda: states(worker, "items") == ("RUNNING", ["RUNNING"]),
             worker=worker)
    scenario.run_sql(f"INSERT INTO {db}.items VALUES (8, 'eight');")
    assert set(row_ids(consume_all(topic, 8))) == set(range(1, 9))

    # A new config restarts the task with it.
    updated = dict(config, **{"transforms": "tag",
                              "transforms.tag.type": "org.apache.kafka.connect.transforms.InsertField$Value",
                              "transforms.tag.static.field": "config_version",
                              "transforms.tag.static.value": "2"})
    r = requests.put(worker.url + "/connectors/items/config", json=updated, timeout=60)
    assert r.status_code == 200, r.text
    assert requests.get(worker.url + "/connectors/items/config", timeout=10).json()[
        "transforms.tag.static.value"] == "2"
    time.sleep(2)
    scenario.run_sql(f"INSERT INTO {db}.items VALUES (9, 'nine');")
    messages = consume_all(topic, 9)
    nine = [json.loads(m.value()) for m in messages
            if m.value() and json.loads(m.value())["after"]["id"] == 9]
    assert nine and nine[-1]["config_version"] == "2"

    offsets = requests.get(worker.url + "/connectors/items/offsets", timeout=10).json()
    assert offsets["offsets"][0]["partition"] == {"server": prefix}
    assert "pos" in offsets["offsets"][0]["offset"] or "gtids" in offsets["offsets"][0]["offset"]

    assert requests.put(worker.url + "/connectors/items/stop", timeout=60).status_code == 204
    wait_for("STOPPED", lambda: states(worker, "items") == ("STOPPED", ["STOPPED"]),
             worker=worker)
    assert requests.delete(worker.url + "/connectors/items", timeout=60).status_code == 204
    r = requests.get(worker.url + "/connectors/items", timeout=10)
    assert r.status_code == 404 and r.json()["message"] == "Connector items not found"
    assert requests.get(worker.url + "/connectors", timeout=10).json() == []


def json_record(i):
    schema = {"type": "struct", "optional": False, "name": "row",
              "fields": [{"field": "id", "type": "int32", "optional": False},
                         {"field": "name", "type": "string", "optional": False}]}
    return json.dumps({"schema": schema, "payload": {"id": i, "name": f"row {i}"}})


def produce(topic, ids, partitions=2):
    from confluent_kafka import Producer
    producer = Producer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
    for i in ids:
        producer.produce(topic, key=str(i), value=json_record(i), partition=i % partitions)
    assert producer.flush(30) == 0


def create_topic(topic, partitions):
    from confluent_kafka.admin import AdminClient, NewTopic
    admin = AdminClient({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
    admin.create_topics([NewTopic(topic, partitions, 1)])[topic].result()


def s3_rows(prefix):
    rows = []
    for key in scenario.list_objects(prefix=prefix):
        body = scenario.s3_client().get_object(Bucket=os.environ["TRIB_S3_BUCKET"],
                                               Key=key)["Body"].read()
        rows += pq.read_table(io.BytesIO(body)).to_pylist()
    return rows


def sink_config(topic, **extra):
    config = {"connector.class": "io.confluent.connect.s3.S3SinkConnector",
              "topics": topic, "s3.bucket.name": os.environ["TRIB_S3_BUCKET"],
              "s3.region": os.environ["TRIB_S3_REGION"],
              "format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
              "flush.size": "10", "tasks.max": "2",
              "key.converter": "org.apache.kafka.connect.storage.StringConverter",
              "value.converter": "org.apache.kafka.connect.json.JsonConverter"}
    config.update(extra)
    return config


def test_two_workers_share_a_sinks_tasks_and_one_survives_killing_the_other(cluster):
    topic = f"shared-{cluster.suffix}"
    create_topic(topic, 2)
    produce(topic, range(0, 100))  # 50 per partition: five objects each
    first, second = cluster("w1"), cluster("w2")
    r = requests.post(first.url + "/connectors",
                      json={"name": "shared", "config": sink_config(topic)}, timeout=60)
    assert r.status_code == 201, r.text

    def spread():
        s = status(second, "shared")  # any worker answers for the whole cluster
        if not s or [t["state"] for t in s["tasks"]] != ["RUNNING", "RUNNING"]:
            return None
        owners = {t["worker_id"] for t in s["tasks"]}
        # Until the second worker has joined the group, the first runs both tasks.
        return owners if len(owners) == 2 else None
    owners = wait_for("one task on each worker", spread, worker=first)
    assert owners == {f"127.0.0.1:{first.port}", f"127.0.0.1:{second.port}"}

    prefix = f"topics/{topic}/"
    wait_for("ten objects", lambda: len(scenario.list_objects(prefix=prefix)) >= 10,
             worker=first)
    # Half of the next batch reaches the sinks (leaving partial files in memory), then one
    # worker dies without a word; the survivor takes its task over.
    produce(topic, range(100, 150))
    time.sleep(2)
    first.stop(signal.SIGKILL)
    produce(topic, range(150, 200))
    wait_for("twenty objects", lambda: len(scenario.list_objects(prefix=prefix)) >= 20,
             timeout=90, worker=second)
    survivor = f"127.0.0.1:{second.port}"
    wait_for("the survivor runs both tasks",
             lambda: {t["worker_id"] for t in status(second, "shared")["tasks"]} == {survivor},
             worker=second)

    rows = s3_rows(prefix)
    ids = sorted(r["id"] for r in rows)
    assert ids == list(range(200)), "every record exactly once"
    keys = scenario.list_objects(prefix=prefix)
    assert len(keys) == 20
    for p in (0, 1):
        starts = sorted(int(k.rsplit("+", 1)[1].split(".")[0]) for k in keys
                        if f"/partition={p}/" in k)
        assert starts == list(range(0, 100, 10))


def test_sink_started_before_its_topic_exists_waits_for_it(cluster):
    """Kafka Connect's consumer waits for a subscribed topic that does not exist yet (a sink
    created before its source has written anything); the task must not fail."""
    topic = f"later-{cluster.suffix}"
    # The consumer's metadata requests must not create the topic (Java's default).
    worker = cluster("w1", {"consumer.allow.auto.create.topics": "false"})
    r = requests.post(worker.url + "/connectors",
                      json={"name": "later", "config": sink_config(topic, **{"tasks.max": "1"})},
                      timeout=60)
    assert r.status_code == 201, r.text
    wait_for("the sink task running", lambda: states(worker, "later") == ("RUNNING", ["RUNNING"]),
             worker=worker)
    time.sleep(3)  # several polls of the missing topic
    assert states(worker, "later") == ("RUNNING", ["RUNNING"]), worker.log()
    produce(topic, range(10), partitions=1)  # the broker creates the topic
    prefix = f"topics/{topic}/"
    wait_for("the object", lambda: scenario.list_objects(prefix=prefix), timeout=90,
             worker=worker)
    assert sorted(r["id"] for r in s3_rows(prefix)) == list(range(10))
    assert states(worker, "later") == ("RUNNING", ["RUNNING"])


def test_poison_record_goes_to_the_dead_letter_topic_with_context_and_the_rest_flows(cluster):
    from confluent_kafka import Producer
    topic = f"poison-{cluster.suffix}"
    dlq = f"dlq-{cluster.suffix}"
    create_topic(topic, 1)
    producer = Producer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
    for i in range(20):
        if i == 7:
            producer.produce(topic, key="7", value=b"{not json", partition=0,
                             headers=[("origin", b"test")])
        else:
            producer.produce(topic, key=str(i), value=json_record(i), partition=0)
    assert producer.flush(30) == 0
    worker = cluster("w1")
    config = sink_config(topic, **{"tasks.max": "1", "flush.size": "19",
                                   "errors.tolerance": "all", "errors.log.enable": "true",
                                   "errors.deadletterqueue.topic.name": dlq,
                                   "errors.deadletterqueue.context.headers.enable": "true"})
    r = requests.post(worker.url + "/connectors", json={"name": "poisoned", "config": config},
                      timeout=60)
    assert r.status_code == 201, r.text

    prefix = f"topics/{topic}/"
    wait_for("one object", lambda: scenario.list_objects(prefix=prefix), worker=worker)
    assert sorted(r["id"] for r in s3_rows(prefix)) == [i for i in range(20) if i != 7]
    assert states(worker, "poisoned") == ("RUNNING", ["RUNNING"])

    metrics = requests.get(worker.url + "/metrics", timeout=10).text
    labels = '{connector="poisoned",task="0",type="sink"}'
    assert f"tributary_task_records_dlq_total{labels} 1" in metrics.splitlines()
    assert f"tributary_task_records_failed_total{labels} 1" in metrics.splitlines()

    letters = consume_all(dlq, 1)
    assert len(letters) == 1
    letter = letters[0]
    assert letter.key() == b"7" and letter.value() == b"{not json"
    headers = {k: v.decode() for k, v in letter.headers()}
    assert headers["origin"] == "test"
    assert headers["__connect.errors.topic"] == topic
    assert headers["__connect.errors.partition"] == "0"
    assert headers["__connect.errors.offset"] == "7"
    assert headers["__connect.errors.connector.name"] == "poisoned"
    assert headers["__connect.errors.stage"] == "VALUE_CONVERTER"
    assert headers["__connect.errors.exception.message"]


def test_bad_connector_config_is_refused_with_the_key_named(cluster):
    worker = cluster("w1")
    r = requests.post(worker.url + "/connectors",
                      json={"name": "bad", "config": {
                          "connector.class": "io.confluent.connect.s3.S3SinkConnector",
                          "s3.bucket.name": "b", "flush.size": "10"}}, timeout=60)
    assert r.status_code == 400
    assert "'topics'" in r.json()["message"]
    r = requests.put(worker.url + "/connector-plugins/S3SinkConnector/config/validate",
                     json={"connector.class": "io.confluent.connect.s3.S3SinkConnector",
                           "topics": "t", "s3.bucket.name": "b",
                           "errors.tolerance": "sometimes"},
                     timeout=60)
    assert r.status_code == 200
    assert r.json()["error_count"] == 1
    errors = {c["value"]["name"]: c["value"]["errors"] for c in r.json()["configs"]}
    assert "none" in errors["errors.tolerance"][0], errors
    assert errors["topics"] == []
