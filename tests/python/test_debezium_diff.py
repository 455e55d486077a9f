"""Differential test against the real Debezium MariaDB connector (on Kafka Connect standalone,
JsonConverter with schemas): both capture the same MariaDB database (every column type, a
table without a primary key, a composite key, inserts/updates/deletes, a 500-row transaction,
DDL mid-stream, zero dates) into the same Kafka; every key, value and schema is compared
field by field, and the JsonConverter bytes too (see debezium_compare.py for the few fields
that legitimately differ)."""
import os
import subprocess
import time

import pytest

from conftest import require_env
import debezium_compare
import debezium_peer
import debezium_scenario as scenario

MARKER_TABLE = "zz_marker"


def run_sql(statements):
    done = subprocess.run(
        ["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "--protocol=TCP", "-h", os.environ["TRIB_MARIADB_HOST"],
         "-P", os.environ["TRIB_MARIADB_PORT"], "-u", os.environ["TRIB_MARIADB_ADMIN_USER"],
         "-p" + os.environ["TRIB_MARIADB_ADMIN_PASSWORD"]],
        input=(";\n".join(statements) + ";\n").encode(), capture_output=True)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]


def data_topics(prefix, topic_prefix, tables):
    return [f"{prefix}{topic_prefix}.{scenario.DATABASE}.{t}" for t in tables]


def wait_for_topics(bootstrap, topics, processes, timeout=120):
    """Waits until each topic exists and holds at least the given number of messages."""
    from confluent_kafka import Consumer, TopicPartition
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "diff-watermarks"})
    deadline = time.time() + timeout
    try:
        while True:
            for p in processes:
                if not p.alive():
                    raise RuntimeError(f"{p.log_path.name} exited:\n{p.log()}")
            known = consumer.list_topics(timeout=5).topics
            counts = {t: (consumer.get_watermark_offsets(TopicPartition(t, 0), timeout=5)[1]
                          if t in known else 0) for t in topics}
            if all(counts[t] >= n for t, n in topics.items()):
                return
            if time.time() > deadline:
                raise TimeoutError(f"messages {counts}, wanted {topics}\n"
                                   + "\n".join(p.log(3000) for p in processes))
            time.sleep(0.5)
    finally:
        consumer.close()


def high_watermarks(bootstrap, prefix, topic_prefix):
    """Message counts of the data topics, the schema-change topic <topic.prefix>, the
    transaction topic and the heartbeat topic."""
    from confluent_kafka import Consumer, TopicPartition
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "diff-watermarks"})
    others = {f"{prefix}{topic_prefix}", f"{prefix}{topic_prefix}.transaction",
              f"{prefix}__debezium-heartbeat.{topic_prefix}"}
    try:
        names = [t for t in consumer.list_topics(timeout=5).topics
                 if t.startswith(f"{prefix}{topic_prefix}.{scenario.DATABASE}.") or t in others]
        return {t: consumer.get_watermark_offsets(TopicPartition(t, 0), timeout=5)[1]
                for t in names}
    finally:
        consumer.close()


# The defaults, and every type-mapping mode set to its other value with the record-shaping
# options (queries, no tombstones, column filters, masks, truncation, key columns).
MODES = {
    "default-modes": {},
    "other-modes": {"decimal.handling.mode": "string", "time.precision.mode": "connect",
                    "bigint.unsigned.handling.mode": "precise", "binary.handling.mode": "base64",
                    "include.query": "true", "tombstones.on.delete": "false",
                    "column.exclude.list": f"{scenario.DATABASE}.all_types.c_longblob",
                    "column.mask.with.5.chars": f"{scenario.DATABASE}.charsets.u8",
                    "column.truncate.to.3.chars": f"{scenario.DATABASE}.all_types.c_text",
                    "message.key.columns": f"{scenario.DATABASE}.composite_pk:region",
                    "provide.transaction.metadata": "true", "heartbeat.interval.ms": "1000"},
}


@pytest.mark.parametrize("modes", MODES.values(), ids=MODES.keys())
def test_records_match_debezium_field_by_field(tmp_path, modes):
    require_env("TRIB_MARIADB_PORT", "TRIB_MARIADB_USER", "TRIB_KAFKA_BOOTSTRAP")
    bootstrap = os.environ["TRIB_KAFKA_BOOTSTRAP"]
    run_sql(scenario.SNAPSHOT_SQL + [f"CREATE TABLE {MARKER_TABLE} (id INT PRIMARY KEY)"])
    topic_prefix = debezium_peer.new_topic_prefix()
    options = {"topic.prefix": topic_prefix, **modes}
    topics = lambda prefix, tables: data_topics(prefix, topic_prefix, tables)

    snapshot_counts = {"all_types": 4, "no_pk": 3, "composite_pk": 2, "charsets": 2,
                       "gen_cols": 2}
    processes = []
    try:
        # One after the other, so that both snapshots see the same binlog position.
        debezium = debezium_peer.start_debezium(tmp_path / "debezium", scenario.DATABASE,
                                                bootstrap, options)
        processes.append(debezium)
        wait_for_topics(bootstrap, dict(zip(topics("", snapshot_counts),
                                            snapshot_counts.values())), processes)
        tributary = debezium_peer.start_tributary(tmp_path / "tributary", scenario.DATABASE,
                                                  bootstrap, options)
        processes.append(tributary)
        wait_for_topics(bootstrap, dict(zip(topics("trib.", snapshot_counts),
                                            snapshot_counts.values())), processes)

        run_sql(scenario.STREAM_SQL + [f"INSERT INTO {MARKER_TABLE} VALUES (1)"])
        wait_for_topics(bootstrap, {t: 1 for t in topics("", [MARKER_TABLE])
                                    + topics("trib.", [MARKER_TABLE])}, processes)
        time.sleep(2)  # the producers' last batches
        debezium_topics = high_watermarks(bootstrap, "", topic_prefix)
        tributary_topics = high_watermarks(bootstrap, "trib.", topic_prefix)
        counts = {**debezium_topics, **tributary_topics}
        messages = debezium_peer.consume(bootstrap, list(counts), counts, processes)
    finally:
        for p in processes:
            p.stop()

    comparison = debezium_compare.Comparison()
    heartbeats = f"__debezium-heartbeat.{topic_prefix}"
    for topic in sorted(debezium_topics):
        ours = messages.get("trib." + topic, [])
        if topic == heartbeats:  # how many depends on timing: the first of each is compared
            comparison.compare_topic(topic, messages[topic][:1], ours[:1])
        else:
            comparison.compare_topic(topic, messages[topic], ours)
    missing = sorted(set(tributary_topics) - {"trib." + t for t in debezium_topics})
    if missing:
        comparison.differences.append(f"topics only Tributary wrote: {missing}")
    print(f"compared {comparison.messages} messages in {len(debezium_topics)} topics "
          f"({comparison.leaves} payload and schema leaves); "
          f"{comparison.byte_equal} byte-identical after normalization")
    assert not comparison.differences, comparison.summary()
    assert comparison.messages > 900  # every table of the scenario
