"""The Kafka-backed schema registry: two registry instances on one `_schemas` topic.

Needs the Kafka broker of scripts/services (TRIB_KAFKA_BOOTSTRAP). Each test uses its own topic
and leader group. Checked from outside: confluent-kafka's AdminClient names the leader (the
group member holding the topic's partition, whose client.id is the instance URL) and its
Consumer reads the topic to check Confluent's record format.
"""
import json
import os
import pathlib
import signal
import socket
import subprocess
import time
import uuid

import pytest
import requests
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient

from conftest import require_env

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TRIB_BUILD_DIR", ROOT / "build"))
# The registry command's server (RunRegistryServer, as `tributary registry` runs it) alone.
SERVER = BUILD / "src" / "registry" / "registry_server_for_tests"
CONTENT_TYPE = {"Content-Type": "application/vnd.schemaregistry.v1+json"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def schema(n):
    """Version n of a record: each adds an optional field, so all are BACKWARD compatible."""
    fields = [{"name": "id", "type": "long"}] + [
        {"name": f"f{i}", "type": ["null", "string"], "default": None} for i in range(n)]
    return json.dumps({"type": "record", "name": "Order", "namespace": "shop", "fields": fields})


class Instance:
    def __init__(self, tmp_path, name, bootstrap, topic, group):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.props = [f"listeners=http://127.0.0.1:{self.port}",
                      f"kafkastore.bootstrap.servers={bootstrap}",
                      f"kafkastore.topic={topic}",
                      f"schema.registry.group.id={group}"]
        self.log = tmp_path / f"{name}.log"
        self.proc = None

    def start(self):
        assert SERVER.exists(), f"{SERVER} is missing: build the registry_server_for_tests target"
        self.proc = subprocess.Popen([str(SERVER), *self.props],
                                     stdout=self.log.open("ab"), stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            assert self.proc.poll() is None, f"registry exited: {self.log.read_text()}"
            try:
                if requests.get(self.url + "/", timeout=1).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"registry not ready: {self.log.read_text()}")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            assert self.proc.wait(timeout=30) == 0, self.log.read_text()

    def register(self, subject, text, timeout=60):
        """Registers, retrying while no leader is known (50004) as during a takeover."""
        deadline = time.time() + timeout
        while True:
            res = requests.post(f"{self.url}/subjects/{subject}/versions", headers=CONTENT_TYPE,
                                data=json.dumps({"schema": text}), timeout=30)
            if res.status_code == 200 or time.time() > deadline:
                assert res.status_code == 200, res.text
                return res.json()["id"]
            assert res.json()["error_code"] in (50003, 50004), res.text
            time.sleep(0.2)

    def get(self, path, timeout=10):
        """GET that waits for a record another instance wrote to arrive here."""
        deadline = time.time() + timeout
        while True:
            res = requests.get(self.url + path, timeout=10)
            if res.status_code == 200 or time.time() > deadline:
                assert res.status_code == 200, f"{path}: {res.text}"
                return res.json()
            time.sleep(0.05)


@pytest.fixture
def cluster(tmp_path):
    bootstrap = require_env("TRIB_KAFKA_BOOTSTRAP") or os.environ["TRIB_KAFKA_BOOTSTRAP"]
    topic = f"_schemas_test_{uuid.uuid4().hex[:8]}"
    group = f"schema-registry-test-{uuid.uuid4().hex[:8]}"
    instances = [Instance(tmp_path, n, bootstrap, topic, group) for n in ("a", "b")]
    yield bootstrap, topic, group, instances
    for instance in instances:
        instance.stop()
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.delete_topics([topic]).values():
        future.result()


def leader_url(bootstrap, group, topic, timeout=60):
    """The client.id of the group member that holds the topic's partition."""
    admin = AdminClient({"bootstrap.servers": bootstrap})
    deadline = time.time() + timeout
    while time.time() < deadline:
        description = admin.describe_consumer_groups([group])[group].result()
        for member in description.members:
            if any(tp.topic == topic for tp in member.assignment.topic_partitions):
                return member.client_id
        time.sleep(0.2)
    raise AssertionError(f"no member of {group} holds {topic}")


def topic_records(bootstrap, topic):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"check-{uuid.uuid4()}",
                         "enable.auto.commit": False})
    _, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
    consumer.assign([TopicPartition(topic, 0, 0)])
    records = []
    while len(records) < high:
        message = consumer.poll(5)
        assert message is not None and not message.error(), message and message.error()
        records.append(message)
        if message.offset() + 1 >= high:
            break
    consumer.close()
    return records


def test_two_instances_agree_and_survive_the_leader(cluster):
    bootstrap, topic, group, (a, b) = cluster
    a.start()
    b.start()
    leader = a if leader_url(bootstrap, group, topic) == a.url else b
    follower = b if leader is a else a
    first = leader.register("orders-value", schema(0))
    second = follower.register("orders-value", schema(1))  # forwarded to the leader
    assert first != second
    # Each instance reads what the other registered, under the same ids and versions.
    assert json.loads(b.get(f"/schemas/ids/{first}")["schema"]) == json.loads(schema(0))
    assert json.loads(a.get(f"/schemas/ids/{second}")["schema"]) == json.loads(schema(1))
    assert a.get("/subjects/orders-value/versions/2")["id"] == second
    assert b.get("/subjects/orders-value/versions")[-1] == 2
    # Registering an existing schema through either returns its id; no new version.
    assert a.register("orders-value", schema(0)) == first
    assert b.register("orders-value", schema(0)) == first
    assert a.get("/subjects/orders-value/versions") == [1, 2]

    # Config writes go through the leader too and reach both.
    res = requests.put(f"{follower.url}/config/orders-value", headers=CONTENT_TYPE,
                       data=json.dumps({"compatibility": "FULL"}), timeout=30)
    assert res.status_code == 200, res.text
    assert leader.get("/config/orders-value")["compatibilityLevel"] == "FULL"
    # Incompatible under FULL: the leader's 409 reaches the follower's client unchanged.
    res = requests.post(f"{follower.url}/subjects/orders-value/versions", headers=CONTENT_TYPE,
                        data=json.dumps({"schema": schema(1).replace('"long"', '"string"')}),
                        timeout=30)
    assert res.status_code == 409 and res.json()["error_code"] == 409, res.text

    # Kill the leader without letting it leave the group; the survivor takes over.
    survivor = follower
    leader.kill()
    third = survivor.register("orders-value", schema(2), timeout=90)
    assert third not in (first, second)
    assert leader_url(bootstrap, group, topic) == survivor.url

    # The killed instance comes back, reads the topic and agrees on every id.
    leader.start()
    for id_, n in ((first, 0), (second, 1), (third, 2)):
        assert json.loads(leader.get(f"/schemas/ids/{id_}")["schema"]) == json.loads(schema(n))
    assert leader.get("/subjects/orders-value/versions") == [1, 2, 3]
    assert leader.register("orders-value", schema(1)) == second
    fourth = leader.register("payments-value", schema(3))
    assert fourth not in (first, second, third)

    # The topic holds Confluent's records.
    keys = []
    for message in topic_records(bootstrap, topic):
        key = json.loads(message.key())
        keys.append(key)
        if key["keytype"] == "SCHEMA":
            assert list(key) == ["keytype", "subject", "version", "magic"] and key["magic"] == 1
            value = json.loads(message.value())
            assert value["subject"] == key["subject"] and value["version"] == key["version"]
            assert {"id", "schema", "deleted"} <= set(value)
        elif key["keytype"] == "CONFIG":
            assert list(key) == ["keytype", "subject", "magic"] and key["magic"] == 0
            assert json.loads(message.value()) == {"compatibilityLevel": "FULL"}
    schema_keys = [(k["subject"], k["version"]) for k in keys if k["keytype"] == "SCHEMA"]
    assert schema_keys == [("orders-value", 1), ("orders-value", 2), ("orders-value", 3),
                           ("payments-value", 1)]


def test_restart_keeps_deletes_and_configs(cluster):
    bootstrap, topic, group, (a, _) = cluster
    a.start()
    kept = a.register("s", schema(0))
    dropped = a.register("s", schema(1))
    assert requests.delete(f"{a.url}/subjects/s/versions/2", timeout=30).json() == 2
    assert requests.put(f"{a.url}/mode/s", headers=CONTENT_TYPE,
                        data=json.dumps({"mode": "READONLY"}), timeout=30).status_code == 200
    a.stop()
    a.start()
    assert a.get("/subjects/s/versions") == [1]
    assert a.get("/subjects/s/versions?deleted=true") == [1, 2]
    assert a.get("/mode/s")["mode"] == "READONLY"
    assert a.get(f"/schemas/ids/{kept}")["schema"]
    assert a.get(f"/schemas/ids/{dropped}")["schema"]


def test_an_ineligible_instance_never_leads_but_forwards(cluster):
    bootstrap, topic, group, (a, b) = cluster
    b.props.append("leader.eligibility=false")
    b.start()  # first, yet it does not join the election
    a.start()
    assert leader_url(bootstrap, group, topic) == a.url
    written = b.register("s", schema(0))
    assert json.loads(a.get(f"/schemas/ids/{written}")["schema"]) == json.loads(schema(0))
    assert b.get("/subjects/s/versions") == [1]
