"""The MySQL source's schema history in Kafka mode: a Kafka topic (one partition, infinite
retention) that follows a task to another worker, so that after the worker that ran it dies
with its data.dir, the task resumes with the tables as of its committed offset, not as the
catalog has them now."""
import json
import os
import re
import shutil
import signal

import requests

from conftest import require_env
import scenario
from test_connect_distributed import (consume_all, mysql_source_keys, states, status,
                                      wait_for, worker_group)

JSON_WITH_SCHEMAS = {"key.converter": "org.apache.kafka.connect.json.JsonConverter",
                     "value.converter": "org.apache.kafka.connect.json.JsonConverter",
                     "key.converter.schemas.enable": "true",
                     "value.converter.schemas.enable": "true"}


def after_fields(message):
    """The `after` struct's fields of a change event: {name: field schema}."""
    envelope = json.loads(message.value())["schema"]
    after = next(f for f in envelope["fields"] if f["field"] == "after")
    return {f["field"]: f for f in after["fields"]}


def holding(worker):
    """(held, total): the group's work partitions the worker last said it holds."""
    found = re.findall(r"this worker now holds (\d+) of (\d+)", worker.log())
    return tuple(map(int, found[-1])) if found else (0, 0)


def test_schema_history_follows_a_moved_task_through_its_kafka_topic(tmp_path):
    require_env("TRIB_KAFKA_BOOTSTRAP", "TRIB_MARIADB_PORT")
    with worker_group(tmp_path, "hist") as start:
        db = f"hist_{start.suffix}"
        prefix = f"hist{start.suffix}"
        topic = f"{prefix}.{db}.items"
        history_topic = f"history-{start.suffix}"
        scenario.run_sql(f"CREATE DATABASE {db}; CREATE TABLE {db}.items (id INT PRIMARY KEY, "
                         f"name VARCHAR(32) DEFAULT 'before');"
                         f"INSERT INTO {db}.items VALUES (1, 'one'), (2, 'two');")
        workers = [start("w1"), start("w2")]
        # The group settles first: a rebalance during the snapshot would read it twice.
        wait_for("both workers in the group",
                 lambda: all(0 < holding(w)[0] < holding(w)[1] for w in workers), worker=workers[1])
        config = {**mysql_source_keys(db, prefix), **JSON_WITH_SCHEMAS,
                  "schema.history.internal.kafka.topic": history_topic,
                  "schema.history.internal.kafka.bootstrap.servers":
                      os.environ["TRIB_KAFKA_BOOTSTRAP"]}
        r = requests.post(workers[0].url + "/connectors",
                          json={"name": "items", "config": config}, timeout=60)
        assert r.status_code == 201, r.text
        wait_for("RUNNING", lambda: states(workers[0], "items") == ("RUNNING", ["RUNNING"]),
                 worker=workers[0])
        assert len(consume_all(topic, 2)) == 2
        owner_id = status(workers[0], "items")["tasks"][0]["worker_id"]
        owner = next(w for w in workers if owner_id == f"127.0.0.1:{w.port}")
        survivor = next(w for w in workers if w is not owner)

        # While the task is stopped: rows, then DDL the task has not seen, then more rows.
        assert requests.put(survivor.url + "/connectors/items/stop",
                            timeout=60).status_code == 204
        wait_for("STOPPED", lambda: states(survivor, "items") == ("STOPPED", ["STOPPED"]),
                 worker=survivor)
        scenario.run_sql(f"INSERT INTO {db}.items VALUES (3, 'three'), (4, 'four');"
                         f"ALTER TABLE {db}.items ADD COLUMN qty INT DEFAULT 7, "
                         f"ALTER COLUMN name SET DEFAULT 'after';"
                         f"INSERT INTO {db}.items VALUES (5, 'five', 5), (6, 'six', 6);")
        # The worker that ran the task dies, and its data.dir with it.
        owner.stop(signal.SIGKILL)
        shutil.rmtree(owner.dir / "data")

        assert requests.put(survivor.url + "/connectors/items/resume",
                            timeout=60).status_code == 202
        # (The task's state, not the connector's: the dead worker held the connector.)
        survivor_id = f"127.0.0.1:{survivor.port}"
        wait_for("the task RUNNING on the survivor",
                 lambda: [(t["state"], t.get("worker_id"))
                          for t in status(survivor, "items")["tasks"]]
                 == [("RUNNING", survivor_id)],
                 timeout=90, worker=survivor)
        messages = [m for m in consume_all(topic, 6, timeout=90) if m.value()]
        rows = {}
        for m in messages:
            rows.setdefault(json.loads(m.value())["payload"]["after"]["id"], []).append(m)
        assert sorted(rows) == [1, 2, 3, 4, 5, 6], survivor.log()
        assert all(len(ms) == 1 for ms in rows.values()), "no row twice"

        # Rows before the DDL carry the table as it was then, rows after it the new one.
        for i in (3, 4):
            fields = after_fields(rows[i][0])
            assert list(fields) == ["id", "name"], (i, fields)
            assert fields["name"].get("default") == "before", (i, fields)
        for i in (5, 6):
            fields = after_fields(rows[i][0])
            assert list(fields) == ["id", "name", "qty"], (i, fields)
            assert fields["name"].get("default") == "after", (i, fields)
            assert fields["qty"].get("default") == 7, (i, fields)
            assert json.loads(rows[i][0].value())["payload"]["after"]["qty"] == i

        # The history topic is made as Debezium makes its own.
        from confluent_kafka.admin import AdminClient, ConfigResource
        admin = AdminClient({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
        metadata = admin.list_topics(timeout=30).topics[history_topic]
        assert len(metadata.partitions) == 1
        resource = ConfigResource(ConfigResource.Type.TOPIC, history_topic)
        configs = admin.describe_configs([resource])[resource].result(timeout=30)
        assert configs["cleanup.policy"].value == "delete"
        assert configs["retention.ms"].value == "-1"
        assert configs["retention.bytes"].value == "-1"
        entries = [json.loads(m.value()) for m in consume_all(history_topic, 2)]
        assert {e["table"] for e in entries} == {f"{db}.items"}
        assert any(e.get("snapshot") for e in entries)
        assert any(c["name"] == "qty" for e in entries for c in e.get("columns", []))


def test_a_history_topic_that_is_not_ours_fails_the_task_naming_the_topic_and_the_fix(tmp_path):
    """Debezium's history records are refused before anything is appended to the topic, and a
    topic whose partitions would lose the entries' order is refused too."""
    require_env("TRIB_KAFKA_BOOTSTRAP", "TRIB_MARIADB_PORT")
    from confluent_kafka import Producer
    from confluent_kafka.admin import AdminClient, NewTopic
    with worker_group(tmp_path, "histbad") as start:
        suffix = start.suffix
        db = f"histbad_{suffix}"
        scenario.run_sql(f"CREATE DATABASE {db}; CREATE TABLE {db}.items (id INT PRIMARY KEY);")
        debezium_topic, split_topic = f"dbz-history-{suffix}", f"split-history-{suffix}"
        admin = AdminClient({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
        for name, partitions in ((debezium_topic, 1), (split_topic, 2)):
            admin.create_topics([NewTopic(name, partitions, 1)])[name].result()
        debezium_record = {
            "source": {"server": "inventory"},
            "position": {"ts_sec": 1700000000, "file": "binlog.000001", "pos": 4,
                         "snapshot": True},
            "ts_ms": 1700000000000, "databaseName": db, "ddl": "CREATE TABLE items (id INT)",
            "tableChanges": []}
        producer = Producer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
        producer.produce(debezium_topic, value=json.dumps(debezium_record))
        assert producer.flush(30) == 0

        worker = start("w1")
        for name, topic in (("dbz", debezium_topic), ("split", split_topic)):
            config = {**mysql_source_keys(db, f"{name}{suffix}"),
                      "schema.history.internal.kafka.topic": topic}
            r = requests.post(worker.url + "/connectors",
                              json={"name": name, "config": config}, timeout=60)
            assert r.status_code == 201, r.text
        wait_for("both tasks FAILED",
                 lambda: all(states(worker, n) and states(worker, n)[1] == ["FAILED"]
                             for n in ("dbz", "split")), worker=worker)
        trace = status(worker, "dbz")["tasks"][0]["trace"]
        assert f"Kafka topic '{debezium_topic}'" in trace and "Debezium" in trace, trace
        assert "schema.history.internal.kafka.topic" in trace, trace
        trace = status(worker, "split")["tasks"][0]["trace"]
        assert f"'{split_topic}' has 2 partitions" in trace, trace
        # Nothing was appended to Debezium's topic.
        assert len(consume_all(debezium_topic, 1, timeout=10)) == 1
