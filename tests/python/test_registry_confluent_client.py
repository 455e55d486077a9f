"""Confluent's own Python client against our schema registry.

Starts build/src/registry/registry_server_for_tests (set TRIB_BUILD_DIR to use another build
folder) on a free loopback port with a private data folder, then registers, looks up and
round-trips records through confluent_kafka.schema_registry's SchemaRegistryClient,
AvroSerializer and AvroDeserializer, and decodes the payload independently with fastavro.
"""
import io
import json
import os
import pathlib
import subprocess
import struct

import fastavro
import pytest
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.serialization import MessageField, SerializationContext

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TRIB_BUILD_DIR", ROOT / "build"))
SERVER = BUILD / "src" / "registry" / "registry_server_for_tests"

MOVIES_V1 = {
    "type": "record", "name": "Value", "namespace": "db1.sampledatabase.movies",
    "fields": [
        {"name": "movie_id", "type": "int"},
        {"name": "title", "type": "string"},
        {"name": "release_year", "type": "int"},
    ],
}
MOVIES_V2 = dict(MOVIES_V1, fields=MOVIES_V1["fields"] + [{"name": "COUNTRY", "type": "string"}])


class RegistryProcess:
    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.proc = None
        self.url = None

    def start(self):
        assert SERVER.exists(), f"{SERVER} is missing: build the registry_server_for_tests target"
        self.proc = subprocess.Popen([str(SERVER), str(self.data_dir)], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        # Log lines may come first; the port line says the server is ready.
        line = self.proc.stdout.readline()
        while line and not line.startswith("PORT "):
            line = self.proc.stdout.readline()
        assert line.startswith("PORT "), f"registry did not start (exit {self.proc.poll()})"
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            assert self.proc.wait(timeout=10) == 0


@pytest.fixture
def registry(tmp_path):
    server = RegistryProcess(tmp_path / "registry-data").start()
    yield server
    server.stop()


def test_serializer_and_deserializer_round_trip_records(registry):
    client = SchemaRegistryClient({"url": registry.url})
    serializer = AvroSerializer(client, json.dumps(MOVIES_V1))
    deserializer = AvroDeserializer(SchemaRegistryClient({"url": registry.url}))
    ctx = SerializationContext("db1.sampledatabase.movies", MessageField.VALUE)
    record = {"movie_id": 1, "title": "Movie 1", "release_year": 2021}

    payload = serializer(record, ctx)
    magic, schema_id = struct.unpack(">bI", payload[:5])
    assert magic == 0
    assert deserializer(payload, ctx) == record
    # The auto-registered schema is under the topic's value subject, and fastavro decodes the
    # body with the schema our registry serves for that id.
    latest = client.get_latest_version("db1.sampledatabase.movies-value")
    assert latest.schema_id == schema_id and latest.version == 1
    served = json.loads(client.get_schema(schema_id).schema_str)
    assert served == MOVIES_V1
    decoded = fastavro.schemaless_reader(io.BytesIO(payload[5:]), fastavro.parse_schema(served))
    assert decoded == record


def test_register_lookup_versions_and_same_id_for_same_schema(registry):
    client = SchemaRegistryClient({"url": registry.url})
    schema = Schema(json.dumps(MOVIES_V1), "AVRO")
    first = client.register_schema("movies-value", schema)
    # Same schema with different whitespace and key order: same id, no new version.
    reordered = Schema(json.dumps(MOVIES_V1, indent=4, sort_keys=True), "AVRO")
    assert SchemaRegistryClient({"url": registry.url}).register_schema("movies-value", reordered) == first
    assert client.register_schema("other-value", schema) == first
    assert client.get_versions("movies-value") == [1]
    found = client.lookup_schema("movies-value", reordered)
    assert found.schema_id == first and found.version == 1
    assert sorted(client.get_subjects()) == ["movies-value", "other-value"]
    assert client.get_version("movies-value", 1).schema_id == first


def test_normalize_schemas_gives_spellings_of_one_schema_one_id(registry):
    client = SchemaRegistryClient({"url": registry.url})
    spelled = {"type": "record", "name": "Value", "namespace": "db1.sampledatabase.movies",
               "connect.name": "db1.sampledatabase.movies.Value", "connect.version": 1,
               "fields": [{"name": "movie_id", "type": {"type": "int"}}]}
    respelled = {"connect.version": 1, "connect.name": "db1.sampledatabase.movies.Value",
                 "name": "db1.sampledatabase.movies.Value", "type": "record",
                 "fields": [{"type": "int", "name": "movie_id"}]}
    first = client.register_schema("norm-value", Schema(json.dumps(spelled), "AVRO"),
                                   normalize_schemas=True)
    second = SchemaRegistryClient({"url": registry.url}).register_schema(
        "norm-value", Schema(json.dumps(respelled), "AVRO"), normalize_schemas=True)
    assert second == first and client.get_versions("norm-value") == [1]
    found = client.lookup_schema("norm-value", Schema(json.dumps(respelled), "AVRO"),
                                 normalize_schemas=True)
    assert found.schema_id == first
    # fastavro reads the stored normalized form as the same schema.
    stored = json.loads(client.get_schema(first).schema_str)
    assert fastavro.parse_schema(stored)["name"] == "db1.sampledatabase.movies.Value"


def test_other_schema_types_are_refused_with_confluents_code(registry):
    client = SchemaRegistryClient({"url": registry.url})
    with pytest.raises(SchemaRegistryError) as refused:
        client.register_schema("proto-value", Schema('syntax = "proto3"; message M {}', "PROTOBUF"))
    assert refused.value.http_status_code == 422 and refused.value.error_code == 42201
    assert "PROTOBUF" in refused.value.error_message


def test_compatibility_rules_and_errors_reach_the_client(registry):
    client = SchemaRegistryClient({"url": registry.url})
    client.register_schema("bwd-value", Schema(json.dumps(MOVIES_V1), "AVRO"))
    assert client.get_compatibility() == "BACKWARD"
    assert not client.test_compatibility("bwd-value", Schema(json.dumps(MOVIES_V2), "AVRO"))
    with pytest.raises(SchemaRegistryError) as err:
        client.register_schema("bwd-value", Schema(json.dumps(MOVIES_V2), "AVRO"))
    assert err.value.http_status_code == 409
    assert "COUNTRY" in err.value.error_message

    client.set_compatibility("fwd-value", "FORWARD")
    client.register_schema("fwd-value", Schema(json.dumps(MOVIES_V1), "AVRO"))
    assert client.test_compatibility("fwd-value", Schema(json.dumps(MOVIES_V2), "AVRO"))
    v2 = client.register_schema("fwd-value", Schema(json.dumps(MOVIES_V2), "AVRO"))
    assert client.get_latest_version("fwd-value").schema_id == v2

    with pytest.raises(SchemaRegistryError) as err:
        client.get_version("fwd-value", 7)
    assert err.value.error_code == 40402
    with pytest.raises(SchemaRegistryError) as err:
        client.get_latest_version("no-such-subject")
    assert err.value.error_code == 40401


def test_soft_then_permanent_delete(registry):
    client = SchemaRegistryClient({"url": registry.url})
    client.register_schema("gone-value", Schema('"string"', "AVRO"))
    assert client.delete_subject("gone-value") == [1]
    assert client.get_subjects() == []
    with pytest.raises(SchemaRegistryError) as err:
        client.delete_subject("gone-value")
    assert err.value.error_code == 40404
    assert client.delete_subject("gone-value", permanent=True) == [1]


def test_restart_loses_nothing(tmp_path):
    server = RegistryProcess(tmp_path / "data").start()
    client = SchemaRegistryClient({"url": server.url})
    schema_id = client.register_schema("keep-value", Schema(json.dumps(MOVIES_V1), "AVRO"))
    client.set_compatibility("keep-value", "FULL")
    server.stop()

    server = RegistryProcess(tmp_path / "data").start()
    try:
        client = SchemaRegistryClient({"url": server.url})
        assert client.get_latest_version("keep-value").schema_id == schema_id
        assert json.loads(client.get_schema(schema_id).schema_str) == MOVIES_V1
        assert client.get_compatibility("keep-value") == "FULL"
    finally:
        server.stop()


def test_sigkill_during_registrations_keeps_every_acknowledged_schema(tmp_path):
    server = RegistryProcess(tmp_path / "data").start()
    client = SchemaRegistryClient({"url": server.url})
    acknowledged = {}
    for i in range(40):
        schema = dict(MOVIES_V1, name=f"Value{i}")
        acknowledged[f"s{i}-value"] = client.register_schema(f"s{i}-value", Schema(json.dumps(schema), "AVRO"))
    # Keep writing while the process is killed, so a transaction may be cut half-way.
    proc = server.proc
    writer = subprocess.Popen(
        ["curl", "-s", "-o", "/dev/null", "-X", "POST", "-H",
         "Content-Type: application/vnd.schemaregistry.v1+json",
         "--data", json.dumps({"schema": json.dumps(MOVIES_V2)}),
         f"{server.url}/subjects/late-value/versions"])
    proc.kill()
    proc.wait(timeout=10)
    writer.wait(timeout=10)

    server = RegistryProcess(tmp_path / "data").start()
    try:
        client = SchemaRegistryClient({"url": server.url})
        for subject, schema_id in acknowledged.items():
            assert client.get_latest_version(subject).schema_id == schema_id
        # New ids continue after the highest one ever handed out.
        new_id = client.register_schema("after-value", Schema('"long"', "AVRO"))
        assert new_id > max(acknowledged.values())
    finally:
        server.stop()
