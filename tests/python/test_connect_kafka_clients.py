"""A `tributary connect` worker on a Kafka listener that requires SASL/PLAIN, configured only
with Kafka's Java client property names, as a Kafka Connect worker file for a secured cluster
is: MySQL -> Kafka -> S3 end to end through the authenticated listener, a wrong password
failing fast with the authentication problem named, worker-level producer.* keys reaching the
producer (zstd batches in the broker's log), a connector's producer.override.* giving it its own
producer, and client overrides refused by the connector.client.config.override.policy."""
import os
import struct
import subprocess
import time
from pathlib import Path

import pytest
import requests

from conftest import require_env
import scenario
from test_connect_distributed import (ConnectWorker, mysql_source_keys, new_group_keys, s3_rows,
                                      states, wait_for)

ROOT = Path(__file__).resolve().parents[2]
ZSTD = 4  # Kafka record batch attributes, bits 0-2


def jaas(user, password):
    return ("org.apache.kafka.common.security.plain.PlainLoginModule required "
            f'username="{user}" password="{password}";')


def sasl_keys(password=None):
    return {"bootstrap.servers": os.environ["TRIB_KAFKA_SASL_BOOTSTRAP"],
            "security.protocol": "SASL_PLAINTEXT", "sasl.mechanism": "PLAIN",
            "sasl.jaas.config": jaas(os.environ["TRIB_KAFKA_SASL_USER"],
                                     password or os.environ["TRIB_KAFKA_SASL_PASSWORD"])}


@pytest.fixture
def group_keys():
    require_env("TRIB_KAFKA_SASL_BOOTSTRAP", "TRIB_KAFKA_SASL_USER", "TRIB_KAFKA_SASL_PASSWORD",
                "TRIB_KAFKA_LOG_DIR", "TRIB_MARIADB_PORT", "TRIB_S3_ENDPOINT")
    suffix, keys = new_group_keys("sasl")
    keys["suffix"] = suffix
    return keys


def batch_compression_codecs(topic):
    """The compression codec of every record batch of partition 0 of `topic`, read from the
    broker's log segments (v2 batches: attributes at byte 21 of the batch header)."""
    codecs = []
    for segment in sorted((Path(os.environ["TRIB_KAFKA_LOG_DIR"]) / f"{topic}-0").glob("*.log")):
        data = segment.read_bytes()
        at = 0
        while at + 23 <= len(data):
            (length,) = struct.unpack_from(">i", data, at + 8)
            (attributes,) = struct.unpack_from(">h", data, at + 21)
            codecs.append(attributes & 7)
            at += 12 + length
    return codecs


def test_sasl_plain_worker_runs_mysql_to_kafka_to_s3(group_keys, tmp_path):
    suffix = group_keys.pop("suffix")
    db = f"sasl_{suffix}"
    scenario.run_sql(f"CREATE DATABASE {db}; CREATE TABLE {db}.items "
                     f"(id INT PRIMARY KEY, name VARCHAR(32));"
                     + "".join(f"INSERT INTO {db}.items VALUES ({i}, 'item {i}');"
                               for i in range(1, 13)))
    worker = ConnectWorker(tmp_path, "w1", group_keys,
                           {**sasl_keys(), "producer.compression.type": "zstd",
                            "connector.client.config.override.policy": "None"})
    try:
        # The worker's own Kafka clients never saw the plaintext listener.
        assert os.environ["TRIB_KAFKA_BOOTSTRAP"] not in worker.log()
        prefix = f"sasl{suffix}"
        topic = f"{prefix}.{db}.items"
        source = {**mysql_source_keys(db, prefix), "transforms": "unwrap",
                  "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState"}
        r = requests.post(worker.url + "/connectors", json={"name": "items", "config": source},
                          timeout=60)
        assert r.status_code == 201, r.text
        # Secrets of the worker stay out of the REST answers and the log.
        assert os.environ["TRIB_KAFKA_SASL_PASSWORD"] not in r.text
        sink = {"connector.class": "io.confluent.connect.s3.S3SinkConnector",
                "topics": topic, "s3.bucket.name": os.environ["TRIB_S3_BUCKET"],
                "s3.region": os.environ["TRIB_S3_REGION"],
                "format.class": "io.confluent.connect.s3.format.parquet.ParquetFormat",
                "flush.size": "4", "tasks.max": "1"}
        r = requests.post(worker.url + "/connectors", json={"name": "items-s3", "config": sink},
                          timeout=60)
        assert r.status_code == 201, r.text

        objects = f"topics/{topic}/"
        wait_for("twelve rows on S3", lambda: len(s3_rows(objects)) >= 12, timeout=90,
                 worker=worker)
        assert sorted(row["id"] for row in s3_rows(objects)) == list(range(1, 13))
        assert states(worker, "items") == ("RUNNING", ["RUNNING"])
        assert states(worker, "items-s3") == ("RUNNING", ["RUNNING"])

        # producer.compression.type reached the source's producer: the broker stored zstd
        # batches.
        codecs = batch_compression_codecs(topic)
        assert codecs and set(codecs) == {ZSTD}, codecs

        # Policy None: a connector's client override is refused, naming the key.
        forbidden = dict(sink, **{"consumer.override.max.poll.records": "10"})
        r = requests.post(worker.url + "/connectors",
                          json={"name": "overridden", "config": forbidden}, timeout=60)
        assert r.status_code == 400, r.text
        assert "consumer.override.max.poll.records" in r.json()["message"]
        assert "connector.client.config.override.policy" in r.json()["message"]

        assert os.environ["TRIB_KAFKA_SASL_PASSWORD"] not in worker.log_path.read_text()
    finally:
        worker.stop()


def test_wrong_password_fails_fast_naming_the_authentication_problem(group_keys, tmp_path):
    group_keys.pop("suffix")
    keys = {"listeners": "http://127.0.0.1:0",
            "config.storage.replication.factor": "1", "offset.storage.replication.factor": "1",
            "status.storage.replication.factor": "1", "data.dir": str(tmp_path / "data"),
            **group_keys, **sasl_keys(password="not-the-password")}
    (tmp_path / "worker.properties").write_text("".join(f"{k}={v}\n" for k, v in keys.items()))
    binary = os.environ.get("TRIB_BINARY", str(ROOT / "build" / "tributary"))
    started = time.time()
    run = subprocess.run([binary, "connect", str(tmp_path / "worker.properties")],
                         capture_output=True, text=True, timeout=120)
    elapsed = time.time() - started
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    # The worker's own error names the rejected credentials and the keys to check, at once
    # rather than after the admin client's 30 s timeout.
    assert "SASL authentication error" in output, output
    assert "Invalid username or password" in output, output
    assert "error: worker key 'config.storage.topic'" in output, output
    assert "rejected our credentials" in output and "sasl.jaas.config" in output, output
    assert "not-the-password" not in output
    assert elapsed < 20, f"took {elapsed:.0f} s:\n{output}"


def count_records(topic, expected, timeout=60):
    """How many records `topic` holds, read from the start until `expected` arrived or the
    timeout passed."""
    from confluent_kafka import Consumer
    consumer = Consumer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"],
                         "group.id": f"count-{topic}", "auto.offset.reset": "earliest"})
    consumer.subscribe([topic])
    seen = 0
    deadline = time.time() + timeout
    try:
        while seen < expected and time.time() < deadline:
            message = consumer.poll(1.0)
            if message is not None and not message.error():
                seen += 1
    finally:
        consumer.close()
    return seen


def test_producer_overrides_give_a_connector_its_own_producer(group_keys, tmp_path):
    """Kafka Connect's producer.override.*: one source writes through its own producer, on the
    SASL listener with its own credentials and codec, while another source on the same worker
    keeps the worker's producer (plaintext listener, the worker's codec)."""
    suffix = group_keys.pop("suffix")
    dbs = {name: f"ovr_{name}_{suffix}" for name in ("own", "shared")}
    for db in dbs.values():
        scenario.run_sql(f"CREATE DATABASE {db}; CREATE TABLE {db}.items "
                         f"(id INT PRIMARY KEY, name VARCHAR(32));"
                         + "".join(f"INSERT INTO {db}.items VALUES ({i}, 'item {i}');"
                                   for i in range(1, 13)))
    worker = ConnectWorker(tmp_path, "w1", group_keys, {"producer.compression.type": "lz4"})
    try:
        topics = {}
        for name, db in dbs.items():
            prefix = f"ovr{name}{suffix}"
            topics[name] = f"{prefix}.{db}.items"
            source = mysql_source_keys(db, prefix)
            if name == "own":
                source.update({f"producer.override.{k}": v for k, v in sasl_keys().items()})
                source["producer.override.compression.type"] = "gzip"
            r = requests.post(worker.url + "/connectors", json={"name": name, "config": source},
                              timeout=60)
            assert r.status_code == 201, r.text
            assert os.environ["TRIB_KAFKA_SASL_PASSWORD"] not in r.text
        for name, topic in topics.items():
            assert count_records(topic, 12) == 12, (name, worker.log())
            assert states(worker, name) == ("RUNNING", ["RUNNING"])
        GZIP, LZ4 = 1, 3
        assert set(batch_compression_codecs(topics["own"])) == {GZIP}
        assert set(batch_compression_codecs(topics["shared"])) == {LZ4}
        assert os.environ["TRIB_KAFKA_SASL_PASSWORD"] not in worker.log_path.read_text()
    finally:
        worker.stop()


def test_principal_policy_allows_credentials_only(group_keys, tmp_path):
    group_keys.pop("suffix")
    worker = ConnectWorker(tmp_path, "w1", group_keys,
                           {"connector.client.config.override.policy": "Principal"})
    try:
        source = mysql_source_keys("ovr_principal", "ovrprincipal")
        source.update({f"producer.override.{k}": v for k, v in sasl_keys().items()
                       if k in ("security.protocol", "sasl.mechanism", "sasl.jaas.config")})
        r = requests.put(worker.url + "/connector-plugins/MySqlConnector/config/validate",
                         json=source, timeout=60)
        assert r.status_code == 200 and r.json()["error_count"] == 0, r.text
        source["admin.override.request.timeout.ms"] = "5000"
        r = requests.post(worker.url + "/connectors", json={"name": "p", "config": source},
                          timeout=60)
        assert r.status_code == 400, r.text
        assert "admin.override.request.timeout.ms" in r.json()["message"]
        assert "Principal" in r.json()["message"]
    finally:
        worker.stop()
