"""The seed walkthrough end to end, embedded: MariaDB -> tributary standalone (Debezium source
with the AWS Glue Avro converter and ExtractNewRecordState; S3 sink writing Parquet) -> an S3
server that verifies signatures. pyarrow reads what we wrote."""
import io
import json
import os

import pyarrow.parquet as pq
import pytest

from conftest import require_env
import scenario

V1_FIELDS = [
    {"name": "movie_id", "type": "int"},
    {"name": "title", "type": "string"},
    {"name": "release_year", "type": "int"},
    {"name": "__op", "type": ["null", "string"], "default": None},
    {"name": "__source_ts_ms", "type": ["null", "long"], "default": None},
    {"name": "__deleted", "type": ["null", "string"], "default": None},
]
V2_FIELDS = V1_FIELDS[:3] + [{"name": "COUNTRY", "type": "string"}] + V1_FIELDS[3:]


def expected_value_schema(fields):
    return {"type": "record", "name": "Value", "namespace": "db1.sampledatabase.movies",
            "fields": fields, "connect.name": "db1.sampledatabase.movies.Value"}


@pytest.fixture
def fresh_world(tmp_path):
    require_env("TRIB_MARIADB_PORT", "TRIB_S3_ENDPOINT", "TRIB_S3_BUCKET")
    scenario.reset_world()
    yield tmp_path


def run_walkthrough_and_check(pipeline):
    """The walkthrough's steps through `pipeline`, then its acceptance checks: both registries'
    versions, the three objects and every row once."""
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        scenario.run_sql(scenario.HERE / "alter_table.sql")
        scenario.run_sql(scenario.HERE / "insert_data_with_new_column.sql")
        keys = scenario.wait_objects(3, pipeline=pipeline)

        values = scenario.schema_versions(pipeline.registry_url, scenario.VALUES_REGISTRY)
        assert sorted(values) == [1, 2]
        assert values[1] == expected_value_schema(V1_FIELDS)
        assert values[2] == expected_value_schema(V2_FIELDS)
        key_versions = scenario.schema_versions(pipeline.registry_url, scenario.KEYS_REGISTRY)
        assert key_versions[1]["type"] == "record"
        assert key_versions[1]["fields"] == [{"name": "movie_id", "type": "int"}]
    finally:
        pipeline.stop()

    prefix = "topics/db1.sampledatabase.movies/partition=0/db1.sampledatabase.movies+0+"
    assert keys == [prefix + "0000000000.snappy.parquet", prefix + "0000000010.snappy.parquet",
                    prefix + "0000000020.snappy.parquet"]
    rows = []
    for i, key in enumerate(keys):
        table = scenario.read_rows(key)
        assert table.num_rows == 10
        names = table.column_names
        assert names[:3] == ["movie_id", "title", "release_year"]
        assert names[-3:] == ["__op", "__source_ts_ms", "__deleted"]
        assert ("COUNTRY" in names) == (i == 2)
        rows += table.to_pylist()
    assert [r["movie_id"] for r in rows] == list(range(1, 31))
    assert all(r["__deleted"] == "false" for r in rows)
    assert {r["__op"] for r in rows[:20]} == {"r"}  # the snapshot
    assert {r["__op"] for r in rows[20:]} == {"c"}  # streamed inserts
    assert all(isinstance(r["__source_ts_ms"], int) for r in rows)
    assert rows[20]["COUNTRY"] == "Japan" and rows[20]["title"] == "Spirited Away"
    assert rows[4]["title"] == "12 Angry Men" and rows[4]["release_year"] == 1957


def test_walkthrough_schema_versions_objects_and_rows(fresh_world):
    run_walkthrough_and_check(scenario.Pipeline(fresh_world))


def test_walkthrough_on_kafka_with_connectors_created_through_rest(fresh_world):
    """The --kafka variant: one `tributary connect` worker on a real broker; both connector
    configs are POSTed to its REST API, as a user of MSK Connect would create them."""
    require_env("TRIB_KAFKA_BOOTSTRAP")
    scenario.reset_kafka_topics([scenario.TOPIC])
    pipeline = scenario.Pipeline(fresh_world, kafka=True,
                                 worker_overrides=scenario.unique_worker_topics())
    run_walkthrough_and_check(pipeline)


def dead_letters(pipeline, topic):
    path = pipeline.data_dir / "dead-letter" / f"{topic}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_backward_rejects_country_and_dead_letters_keep_the_rest_flowing(fresh_world):
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    pipeline = scenario.Pipeline(fresh_world, source_overrides={
        "value.converter.compatibility": "BACKWARD",
        "errors.tolerance": "all",
        "errors.deadletterqueue.topic.name": "dlq-movies",
    })
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        scenario.run_sql(scenario.HERE / "alter_table.sql")
        scenario.run_sql(scenario.HERE / "insert_data_with_new_column.sql")
        deadline = scenario.time.time() + 60
        while len(dead_letters(pipeline, "dlq-movies")) < 10:
            assert scenario.time.time() < deadline, pipeline.log()[-3000:]
            scenario.time.sleep(0.3)
        values = scenario.schema_versions(pipeline.registry_url, scenario.VALUES_REGISTRY)
    finally:
        pipeline.stop()
    assert sorted(values) == [1]  # version 2 was refused
    letters = dead_letters(pipeline, "dlq-movies")
    assert [l["value"]["movie_id"] for l in letters] == list(range(21, 31))
    message = letters[0]["headers"]["__connect.errors.exception.message"]
    assert "COUNTRY" in message and "BACKWARD" in message and "default" in message
    # Nothing else was lost: the 20 rows before the change are in storage.
    rows = [r for k in scenario.list_objects() for r in scenario.read_rows(k).to_pylist()]
    assert sorted(r["movie_id"] for r in rows) == list(range(1, 21))


def test_backward_without_tolerance_stops_with_the_reason(fresh_world):
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    pipeline = scenario.Pipeline(fresh_world, source_overrides={
        "value.converter.compatibility": "BACKWARD"})
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        scenario.run_sql(scenario.HERE / "alter_table.sql")
        scenario.run_sql(scenario.HERE / "insert_data_with_new_column.sql")
        assert pipeline.process.wait(timeout=60) != 0
    finally:
        pipeline.stop()
    log = pipeline.log()
    assert "COUNTRY" in log and "BACKWARD" in log, log[-3000:]


def test_updates_and_deletes_arrive_as_rows_and_tombstones_do_not_stop_the_sink(fresh_world):
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    pipeline = scenario.Pipeline(fresh_world)
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        statements = ["USE sampledatabase;"]
        for movie_id in range(1, 6):  # five updates and five deletes: one more object
            statements.append(f"UPDATE movies SET release_year = release_year + 1 "
                              f"WHERE movie_id = {movie_id};")
            statements.append(f"DELETE FROM movies WHERE movie_id = {movie_id + 10};")
        scenario.run_sql("\n".join(statements))
        keys = scenario.wait_objects(3, pipeline=pipeline)
        assert pipeline.process.poll() is None, pipeline.log()[-3000:]
    finally:
        pipeline.stop()
    rows = scenario.read_rows(keys[2]).to_pylist()
    assert len(rows) == 10
    updates = [r for r in rows if r["__op"] == "u"]
    deletes = [r for r in rows if r["__op"] == "d"]
    assert sorted(r["movie_id"] for r in updates) == [1, 2, 3, 4, 5]
    assert all(r["__deleted"] == "false" for r in updates)
    assert sorted(r["movie_id"] for r in deletes) == [11, 12, 13, 14, 15]
    assert all(r["__deleted"] == "true" for r in deletes)
    # The deleted row carries its last values (the "before" image).
    assert {r["movie_id"]: r["title"] for r in deletes}[14] == "Inception"


def test_walkthrough_through_a_real_kafka_broker(fresh_world):
    """The same connectors in a standalone worker with bootstrap.servers: records travel
    through Kafka in the AWS Glue wire format and the sink reads them with a consumer group."""
    require_env("TRIB_KAFKA_BOOTSTRAP")
    from confluent_kafka import Consumer

    scenario.reset_kafka_topics([scenario.TOPIC])
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    bootstrap = scenario.os.environ["TRIB_KAFKA_BOOTSTRAP"]
    pipeline = scenario.Pipeline(fresh_world, worker_overrides={"bootstrap.servers": bootstrap})
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        scenario.run_sql(scenario.HERE / "alter_table.sql")
        scenario.run_sql(scenario.HERE / "insert_data_with_new_column.sql")
        keys = scenario.wait_objects(3, pipeline=pipeline)
    finally:
        pipeline.stop()
    rows = [r for key in keys for r in scenario.read_rows(key).to_pylist()]
    assert [r["movie_id"] for r in rows] == list(range(1, 31))

    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "e2e-check",
                         "auto.offset.reset": "earliest"})
    consumer.subscribe([scenario.TOPIC])
    messages = []
    deadline = scenario.time.time() + 30
    while len(messages) < 30 and scenario.time.time() < deadline:
        m = consumer.poll(1.0)
        if m is not None and m.error() is None:
            messages.append(m)
    consumer.close()
    assert len(messages) == 30
    # AWS Glue framing: header version 3, compression 0 (none), then the 16-byte version UUID.
    assert all(m.value()[0] == 3 and m.value()[1] == 0 for m in messages)


def test_standalone_worker_serves_the_connect_rest_api(fresh_world):
    """`listeners` in a standalone worker's file: the Kafka Connect REST API shows the
    connectors given on the command line, their states and offsets, and pauses them."""
    port = scenario.free_port()
    url = f"http://127.0.0.1:{port}"
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    pipeline = scenario.Pipeline(fresh_world, worker_overrides={"listeners": url})
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        names = ["debezium-mysql-connector", "s3-sink-connector"]
        assert scenario.requests.get(url + "/connectors", timeout=10).json() == names
        status = scenario.requests.get(url + "/connectors?expand=status", timeout=10).json()
        for name in names:
            s = status[name]["status"]
            assert s["connector"]["state"] == "RUNNING"
            assert [t["state"] for t in s["tasks"]] == ["RUNNING"]
            assert s["tasks"][0]["worker_id"] == f"127.0.0.1:{port}"
        config = scenario.requests.get(url + "/connectors/debezium-mysql-connector/config",
                                       timeout=10).json()
        assert config["database.user"] == scenario.os.environ["TRIB_MARIADB_USER"]
        assert config["database.password"] != scenario.os.environ["TRIB_MARIADB_PASSWORD"]
        offsets = scenario.requests.get(url + "/connectors/debezium-mysql-connector/offsets",
                                        timeout=10).json()["offsets"]
        assert offsets[0]["partition"] == {"server": "db1"}
        metrics = scenario.requests.get(url + "/metrics", timeout=10)
        assert metrics.status_code == 200
        samples = {}
        for line in metrics.text.splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                samples[name] = float(value)
        source = '{connector="debezium-mysql-connector",task="0",type="source"}'
        sink = '{connector="s3-sink-connector",task="0",type="sink"}'
        assert samples["tributary_task_records_polled_total" + source] >= 20
        assert samples["tributary_task_records_written_total" + source] >= 20
        assert samples["tributary_task_records_written_total" + sink] >= 20
        assert samples["tributary_task_records_failed_total" + sink] == 0
        assert scenario.requests.put(url + "/connectors/debezium-mysql-connector/pause",
                                     timeout=10).status_code == 202
        deadline = scenario.time.time() + 30
        while scenario.time.time() < deadline:
            s = scenario.requests.get(url + "/connectors/debezium-mysql-connector/status",
                                      timeout=10).json()
            if s["tasks"][0]["state"] == "PAUSED":
                break
            scenario.time.sleep(0.2)
        assert s["connector"]["state"] == "PAUSED" and s["tasks"][0]["state"] == "PAUSED"
    finally:
        pipeline.stop()


@pytest.mark.parametrize("converter", ["glue", "confluent"])
def test_sink_backward_mode_follows_schema_versions(fresh_world, converter):
    """schema.compatibility=BACKWARD on the sink orders schemas by their registry version:
    each file's embedded Avro schema names the version its rows were written with, and a
    nullable column added mid-stream starts a new file (Confluent's converter gives versions
    on Kafka Connect; ours gives the Glue converter's too)."""
    scenario.run_sql(scenario.HERE / "initial_insert.sql")
    source, sink, worker = {}, {"schema.compatibility": "BACKWARD"}, None
    if converter == "confluent":
        port = scenario.free_port()
        url = f"http://127.0.0.1:{port}"
        confluent = {"key.converter": "io.confluent.connect.avro.AvroConverter",
                     "value.converter": "io.confluent.connect.avro.AvroConverter",
                     "key.converter.schema.registry.url": url,
                     "value.converter.schema.registry.url": url}
        source, sink = confluent, {**sink, **confluent}
        worker = {"registry.listeners": url}
    pipeline = scenario.Pipeline(fresh_world, source_overrides=source, sink_overrides=sink,
                                 worker_overrides=worker)
    pipeline.start()
    try:
        scenario.wait_objects(2, pipeline=pipeline)
        scenario.run_sql("USE sampledatabase; ALTER TABLE movies ADD COLUMN rating INT NULL;"
                         + "".join(f"INSERT INTO movies VALUES ({i}, 'Movie {i}', 2000, {i % 5});"
                                   for i in range(21, 31)))
        keys = scenario.wait_objects(3, pipeline=pipeline)
        assert pipeline.process.poll() is None, pipeline.log()[-3000:]
    finally:
        pipeline.stop()
    versions = []
    for key in keys:
        body = scenario.s3_client().get_object(Bucket=os.environ["TRIB_S3_BUCKET"],
                                               Key=key)["Body"].read()
        metadata = pq.read_metadata(io.BytesIO(body)).metadata
        versions.append(json.loads(metadata[b"parquet.avro.schema"]).get("connect.version"))
    assert versions == [1, 1, 2]
    rows = scenario.read_rows(keys[2]).to_pylist()
    assert [(r["movie_id"], r["rating"]) for r in rows] == [(i, i % 5) for i in range(21, 31)]
