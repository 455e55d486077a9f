"""Exactly-once source delivery (worker key exactly.once.source.support=enabled, Kafka Connect's
KIP-618) on a real Kafka broker: a MySQL source whose worker is SIGKILLed several times while
rows stream in still delivers every row exactly once to a read_committed consumer; an aborted
transaction's records never reach one; the same kills without transactions may duplicate.
Figures (throughput with and without transactions, duplicates) are printed (pytest -s)."""
import json
import os
import random
import signal
import threading
import time
import uuid
from collections import Counter

import pytest
import requests

from conftest import require_env
import scenario
from test_connect_distributed import (JSON_WITHOUT_SCHEMAS, ConnectWorker, mysql_source_keys,
                                      states, status, wait_for, worker_group)


@pytest.fixture
def group(tmp_path):
    """Starts workers of one fresh group; each test names its worker keys."""
    require_env("TRIB_KAFKA_BOOTSTRAP", "TRIB_MARIADB_PORT")
    with worker_group(tmp_path, "eos") as start:
        yield start


EOS = {"exactly.once.source.support": "enabled"}


def source_config(db, prefix, **extra):
    return {**mysql_source_keys(db, prefix), **JSON_WITHOUT_SCHEMAS, **extra}


def create_table(db):
    scenario.run_sql(f"DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db}; "
                     f"CREATE TABLE {db}.items (id INT PRIMARY KEY, v VARCHAR(32));")


def insert_range(db, first, last):
    scenario.run_sql(f"USE {db}; INSERT INTO items SELECT seq, CONCAT('row ', seq) "
                     f"FROM seq_{first}_to_{last};")


def read_topic(topic, isolation, expected=None, timeout=120, quiet=3.0):
    """Every message of `topic` as a consumer with `isolation` sees it: until `expected`
    distinct row ids arrived (or the timeout), then until nothing came for `quiet` seconds."""
    from confluent_kafka import Consumer
    consumer = Consumer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"],
                         "group.id": "check-" + uuid.uuid4().hex,
                         "auto.offset.reset": "earliest", "enable.auto.commit": False,
                         "isolation.level": isolation})
    consumer.subscribe([topic])
    ids, seen = [], set()
    deadline = time.time() + timeout
    last = time.time()
    while time.time() < deadline:
        m = consumer.poll(0.2)
        if m is not None and m.error() is None and m.value():
            value = json.loads(m.value())
            row = value["after"]["id"] if "after" in value else value["id"]
            ids.append(row)
            seen.add(row)
            last = time.time()
        done = expected is None or len(seen) >= expected
        if done and time.time() - last > quiet:
            break
    consumer.close()
    return ids


def runs_task_here(worker, name):
    """The task is RUNNING on `worker` itself (a killed worker's last status says RUNNING too)."""
    s = status(worker, name)
    return bool(s) and [(t["state"], t["worker_id"]) for t in s["tasks"]] == [
        ("RUNNING", f"127.0.0.1:{worker.port}")]


def run_with_kills(group, name, worker_keys, connector_extra, kills):
    """Rows stream into a table while the only worker is SIGKILLed `kills` times, each time
    1-3 s after its task started, and restarted; returns the topic, the last worker and how
    many rows were inserted."""
    db = f"{name}_{group.suffix}"
    prefix = f"{name}{group.suffix}"
    create_table(db)
    worker = group(f"{name}-0", worker_keys)
    r = requests.post(worker.url + "/connectors",
                      json={"name": name, "config": source_config(db, prefix, **connector_extra)},
                      timeout=60)
    assert r.status_code == 201, r.text
    wait_for("RUNNING", lambda: runs_task_here(worker, name), worker=worker)

    step = 200
    inserted = [0]
    stop = threading.Event()
    def writer():
        while not stop.is_set():
            insert_range(db, inserted[0] + 1, inserted[0] + step)
            inserted[0] += step
            time.sleep(0.05)
    thread = threading.Thread(target=writer)
    thread.start()
    rng = random.Random(5)
    try:
        for k in range(kills):
            time.sleep(rng.uniform(1.0, 3.0))
            worker.stop(signal.SIGKILL)
            worker = group(f"{name}-{k + 1}", worker_keys)
            wait_for("the task running on the new worker", lambda: runs_task_here(worker, name),
                     timeout=90, worker=worker)
        time.sleep(2)
    finally:
        stop.set()
        thread.join()
    return f"{prefix}.{db}.items", worker, inserted[0]


def test_sigkill_mid_stream_delivers_every_row_exactly_once_to_read_committed(group):
    # Transactions of 1.5 s while rows stream in: every kill leaves an open transaction with
    # records on the broker, which the next instance's producer aborts when it fences the old.
    topic, worker, rows = run_with_kills(
        group, "eos", EOS, {"exactly.once.support": "required",
                            "transaction.boundary": "interval",
                            "transaction.boundary.interval.ms": "1500"}, kills=3)
    committed = read_topic(topic, "read_committed", expected=rows, timeout=180)
    counts = Counter(committed)
    duplicated = sum(1 for c in counts.values() if c > 1)
    assert sorted(counts) == list(range(1, rows + 1)), worker.log()
    assert duplicated == 0, f"{duplicated} rows twice"
    everything = read_topic(topic, "read_uncommitted", expected=rows)
    assert len(everything) > rows, "the kills left aborted transactions behind"
    print(f"\nEOS, 3 SIGKILLs, {rows} rows: read_committed saw {len(committed)} messages; "
          f"read_uncommitted saw {len(everything)} ({len(everything) - rows} from aborted "
          f"transactions)")
    # The task's transactional.id is <group.id>-<connector>-<task>; the source's offsets are
    # those the last committed transaction wrote.
    offsets = requests.get(worker.url + "/connectors/eos/offsets", timeout=10).json()
    assert offsets["offsets"], offsets


def test_at_least_once_under_the_same_kills_loses_nothing_but_may_duplicate(group):
    topic, _, rows = run_with_kills(group, "alo", {}, {}, kills=3)
    ids = read_topic(topic, "read_committed", expected=rows, timeout=180)
    counts = Counter(ids)
    assert sorted(counts) == list(range(1, rows + 1))
    print(f"\nat least once, 3 SIGKILLs, {rows} rows: {len(ids) - rows} duplicates "
          f"({sum(1 for c in counts.values() if c > 1)} rows more than once)")


def test_an_aborted_transaction_is_invisible_to_read_committed(group):
    db = f"abort_{group.suffix}"
    prefix = f"abort{group.suffix}"
    create_table(db)
    worker = group("w1", EOS)
    # One transaction for everything until the interval: the bad row fails the Cast and the
    # whole transaction, with the good rows already sent to the broker, is aborted.
    config = source_config(db, prefix, **{
        "transaction.boundary": "interval", "transaction.boundary.interval.ms": "600000",
        "transforms": "unwrap,cast",
        "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState",
        "transforms.cast.type": "org.apache.kafka.connect.transforms.Cast$Value",
        "transforms.cast.spec": "v:int32"})
    r = requests.post(worker.url + "/connectors", json={"name": "abort", "config": config},
                      timeout=60)
    assert r.status_code == 201, r.text
    wait_for("RUNNING", lambda: states(worker, "abort") == ("RUNNING", ["RUNNING"]),
             worker=worker)
    scenario.run_sql(f"USE {db}; INSERT INTO items SELECT seq, CAST(seq AS CHAR) FROM seq_1_to_5000;")
    time.sleep(3)  # the good rows reach the broker inside the open transaction
    scenario.run_sql(f"INSERT INTO {db}.items VALUES (5001, 'not a number');")
    wait_for("FAILED", lambda: states(worker, "abort") == ("RUNNING", ["FAILED"]),
             worker=worker)
    trace = status(worker, "abort")["tasks"][0]["trace"]
    assert "Cast" in trace and "not a number" in trace, trace

    topic = f"{prefix}.{db}.items"
    from confluent_kafka import Consumer
    from confluent_kafka import TopicPartition
    probe = Consumer({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"],
                      "group.id": "probe-" + uuid.uuid4().hex})
    low, high = probe.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
    probe.close()
    uncommitted = read_topic(topic, "read_uncommitted", expected=None, timeout=20)
    committed = read_topic(topic, "read_committed", expected=None, timeout=20)
    print(f"\naborted transaction: {high - low} offsets in the topic, read_uncommitted saw "
          f"{len(uncommitted)} records, read_committed {len(committed)}")
    assert len(uncommitted) == 5000, "the aborted records had reached the broker"
    assert high - low == 5001, "5000 records and the abort marker"
    assert committed == []


def test_required_exactly_once_on_a_worker_without_it_is_refused_naming_the_key(group):
    worker = group("w1")
    config = source_config("nodb", "noprefix", **{"exactly.once.support": "required"})
    r = requests.post(worker.url + "/connectors", json={"name": "req", "config": config},
                      timeout=60)
    assert r.status_code == 400, r.text
    assert "'exactly.once.support'" in r.json()["message"]
    assert "exactly.once.source.support=enabled" in r.json()["message"]
    config = source_config("nodb", "noprefix", **{"transaction.boundary": "connector"})
    r = requests.post(worker.url + "/connectors", json={"name": "tb", "config": config},
                      timeout=60)
    assert r.status_code == 400, r.text
    assert "'transaction.boundary=connector'" in r.json()["message"]


def test_throughput_with_and_without_transactions(group):
    """The same 50,000 streamed rows through a transactional and a plain source on one
    worker; the time from the first insert until a read_committed consumer has every row."""
    rows = 50_000
    figures = {}
    # One worker at a time: every worker of a group must agree on exactly.once.source.support.
    for name, keys in (("txn", EOS), ("plain", {})):
        db = f"tp{name}_{group.suffix}"
        prefix = f"tp{name}{group.suffix}"
        create_table(db)
        target = group(f"w-{name}", keys)
        r = requests.post(target.url + "/connectors",
                          json={"name": name, "config": source_config(db, prefix)}, timeout=60)
        assert r.status_code == 201, r.text
        wait_for("RUNNING", lambda: states(target, name) == ("RUNNING", ["RUNNING"]),
                 worker=target)
        started = time.time()
        for first in range(1, rows + 1, 5000):
            insert_range(db, first, first + 4999)
        ids = read_topic(f"{prefix}.{db}.items", "read_committed", expected=rows, timeout=300,
                         quiet=0.0)
        figures[name] = rows / (time.time() - started)
        assert len(set(ids)) == rows
        assert requests.delete(target.url + f"/connectors/{name}", timeout=60).status_code == 204
        target.stop()
    print(f"\nthroughput, {rows} streamed rows to a read_committed consumer: "
          f"exactly once {figures['txn']:.0f} rows/s, at least once {figures['plain']:.0f} rows/s")
