"""Our Avro converters against independent implementations.

avro_converter_tool (built beside the registry) serializes records with our
io.confluent.connect.avro.AvroConverter / AWSKafkaAvroConverter through our registry over HTTP;
confluent-kafka's AvroDeserializer and fastavro must read those bytes, and our converter must
read what confluent-kafka's AvroSerializer writes.
"""
import io
import json
import subprocess
import uuid

import fastavro
import requests
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from test_registry_confluent_client import BUILD, registry  # noqa: F401 (fixture)

TOOL = BUILD / "src" / "registry" / "avro_converter_tool"
TOPIC = "db1.sampledatabase.movies"

EXPECTED = [
    {"movie_id": 1, "title": "Movie 1", "release_year": 2001, "rating": 1.5, "seen": False, "views": 1 << 31},
    {"movie_id": 2, "title": None, "release_year": None, "rating": 3.0, "seen": True, "views": 1 << 32},
    {"movie_id": 3, "title": "Ünïcødé ✓", "release_year": 2003, "rating": 4.5, "seen": False, "views": 1 << 33},
]


def run_tool(mode, url, kind, stdin=""):
    assert TOOL.exists(), f"{TOOL} is missing: build the avro_converter_tool target"
    out = subprocess.run([str(TOOL), mode, url, kind, TOPIC], input=stdin, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_confluent_deserializer_reads_our_avro_converter(registry):  # noqa: F811
    payloads = [bytes.fromhex(line) for line in run_tool("encode", registry.url, "confluent")]
    deserializer = AvroDeserializer(SchemaRegistryClient({"url": registry.url}))
    ctx = SerializationContext(TOPIC, MessageField.VALUE)
    assert [deserializer(p, ctx) for p in payloads] == EXPECTED
    # The registered schema is Confluent AvroData's: optional fields as ["null", T] with null
    # defaults, the record named after the Connect schema.
    latest = SchemaRegistryClient({"url": registry.url}).get_latest_version(TOPIC + "-value")
    schema = json.loads(latest.schema.schema_str)
    assert schema["name"] == "Value" and schema["namespace"] == "db1.sampledatabase.movies"
    title = next(f for f in schema["fields"] if f["name"] == "title")
    assert title["type"] == ["null", "string"] and title["default"] is None


def test_our_avro_converter_reads_confluent_serializer(registry):  # noqa: F811
    # Register the schema our converter derives, then let confluent-kafka write records with it.
    run_tool("encode", registry.url, "confluent")
    client = SchemaRegistryClient({"url": registry.url})
    schema_str = client.get_latest_version(TOPIC + "-value").schema.schema_str
    serializer = AvroSerializer(client, schema_str, conf={"auto.register.schemas": False,
                                                          "use.latest.version": True})
    ctx = SerializationContext(TOPIC, MessageField.VALUE)
    hex_lines = "".join(serializer(r, ctx).hex() + "\n" for r in EXPECTED)
    decoded = [json.loads(line) for line in run_tool("decode", registry.url, "confluent", hex_lines)]
    assert decoded == EXPECTED


def test_glue_framing_decodes_with_fastavro(registry):  # noqa: F811
    payloads = [bytes.fromhex(line) for line in run_tool("encode", registry.url, "glue")]
    versions = requests.get(f"{registry.url}/glue/registries/msk-connect-blog-values/schemas/"
                            f"{TOPIC}/versions", timeout=10).json()
    assert versions["Compatibility"] == "FORWARD"
    (version,) = versions["Schemas"]
    writer = fastavro.parse_schema(json.loads(version["SchemaDefinition"]))
    for payload, expected in zip(payloads, EXPECTED):
        assert payload[0] == 3 and payload[1] == 0
        assert str(uuid.UUID(bytes=payload[2:18])) == version["SchemaVersionId"]
        assert fastavro.schemaless_reader(io.BytesIO(payload[18:]), writer) == expected
    # And our Glue converter reads them back.
    hex_lines = "".join(p.hex() + "\n" for p in payloads)
    assert [json.loads(line) for line in run_tool("decode", registry.url, "glue", hex_lines)] == EXPECTED
