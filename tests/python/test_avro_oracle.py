"""Our Avro implementation checked against an independent one (fastavro).

Export: the gtest AvroOracle.Export (src/avro/avro_oracle_test.cc) writes container files for
every codec, schemaless datums and Connect-encoded movies rows, each with the expected values
as plain JSON; fastavro must read exactly those values.
Import: fastavro writes container files (every codec) and schemaless datums; the gtest
AvroOracle.Import decodes them and dumps plain JSON, which must equal what fastavro wrote.

The build folder comes from TRIB_BUILD_DIR (default: <repo>/build).
"""
import datetime
import decimal
import io
import json
import os
import pathlib
import random
import subprocess

import fastavro
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TRIB_BUILD_DIR", REPO / "build"))
BINARY = BUILD / "src" / "avro" / "avro_test"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
EPOCH_DATE = datetime.date(1970, 1, 1)
CODECS = ["null", "deflate", "snappy", "zstandard"]
PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def run_gtest(test, env_name, folder):
    assert BINARY.exists(), f"{BINARY} is missing: build the avro_test target first"
    subprocess.run([str(BINARY), f"--gtest_filter=AvroOracle.{test}"], check=True,
                   env={**os.environ, env_name: str(folder)}, stdout=subprocess.DEVNULL)


class Names:
    """Named types of a schema document, by full and by simple name."""

    def __init__(self, schema):
        self.types = {}
        self._collect(schema, "")

    def _collect(self, s, ns):
        if isinstance(s, list):
            for b in s:
                self._collect(b, ns)
        elif isinstance(s, dict):
            t = s["type"]
            if t in ("record", "enum", "fixed"):
                name = s["name"]
                space = name.rsplit(".", 1)[0] if "." in name else s.get("namespace", ns)
                simple = name.rsplit(".", 1)[-1]
                self.types[simple] = s
                self.types[f"{space}.{simple}" if space else simple] = s
                if t == "record":
                    for f in s["fields"]:
                        self._collect(f["type"], space)
            elif t == "array":
                self._collect(s["items"], ns)
            elif t == "map":
                self._collect(s["values"], ns)

    def resolve(self, s):
        if isinstance(s, str) and s not in PRIMITIVES:
            return self.types[s]
        if isinstance(s, dict) and s["type"] in PRIMITIVES and len(s) == 1:
            return s["type"]
        return s


def type_of(s):
    return s if isinstance(s, str) else ("union" if isinstance(s, list) else s["type"])


def branch_for(value, branches, names, ours):
    for b in branches:
        t = type_of(names.resolve(b))
        if value is None and t == "null":
            return b
        if value is None:
            continue
        if t in ("int", "long") and isinstance(value, int) and not isinstance(value, bool):
            return b
        if t in ("string", "enum") and isinstance(value, str):
            return b
        if t in ("bytes", "fixed") and isinstance(value, (str if ours else bytes)):
            return b
        if t in ("record", "map") and isinstance(value, dict):
            return b
        if t == "array" and isinstance(value, list):
            return b
        if t in ("float", "double") and isinstance(value, (int, float)):
            return b
        if t == "boolean" and isinstance(value, bool):
            return b
    raise AssertionError(f"no branch of {branches} for {value!r}")


def canonical(value, schema, names, ours):
    """A comparable form of a value: ours = our plain JSON, else a fastavro/Python value."""
    s = names.resolve(schema)
    if isinstance(s, list):
        return canonical(value, branch_for(value, s, names, ours), names, ours)
    t = type_of(s)
    logical = s.get("logicalType") if isinstance(s, dict) else None
    if value is None:
        return None
    if t in ("bytes", "fixed"):
        raw = value.encode("latin-1") if ours else value
        if logical == "decimal":
            if ours:
                return int.from_bytes(raw, "big", signed=True)
            return int(value.scaleb(s.get("scale", 0)))
        return raw
    if t == "int" and logical == "date" and not ours:
        return (value - EPOCH_DATE).days
    if t == "long" and logical == "timestamp-millis" and not ours:
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if t == "record":
        return {f["name"]: canonical(value[f["name"]], f["type"], names, ours) for f in s["fields"]}
    if t == "array":
        return [canonical(v, s["items"], names, ours) for v in value]
    if t == "map":
        return {k: canonical(v, s["values"], names, ours) for k, v in value.items()}
    return value


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("avro_export")
    run_gtest("Export", "TRIB_AVRO_OUT", out)
    return out


@pytest.mark.parametrize("codec", CODECS)
def test_fastavro_reads_our_container_files(exported, codec):
    expected = json.loads((exported / "all_types.expected.json").read_text())
    with open(exported / f"all_types.{codec}.avro", "rb") as f:
        reader = fastavro.reader(f)
        assert reader.codec == codec
        schema = reader.writer_schema
        names = Names(schema)
        rows = list(reader)
    assert len(rows) == len(expected) == 3000
    for i, (got, want) in enumerate(zip(rows, expected)):
        assert canonical(got, schema, names, False) == canonical(want, schema, names, True), i


def test_fastavro_decodes_our_schemaless_datums(exported):
    datums = sorted(exported.glob("datum*.bin"))
    assert len(datums) == 5
    for path in datums:
        schema = json.loads(path.with_suffix(".schema.json").read_text())
        names = Names(schema)
        got = fastavro.schemaless_reader(io.BytesIO(path.read_bytes()),
                                         fastavro.parse_schema(schema))
        want = json.loads(path.with_suffix(".expected.json").read_text())
        assert canonical(got, schema, names, False) == canonical(want, schema, names, True), path


def test_fastavro_reads_connect_encoded_movies(exported):
    expected = json.loads((exported / "movies.expected.json").read_text())
    with open(exported / "movies.snappy.avro", "rb") as f:
        reader = fastavro.reader(f)
        rows = list(reader)
        assert reader.writer_schema["name"] == "db1.sampledatabase.movies.Value" or \
            reader.writer_schema["name"] == "Value"
    assert rows == expected
    schema = json.loads((exported / "movies.schema.json").read_text())
    assert schema["connect.name"] == "db1.sampledatabase.movies.Value"


ALL_TYPES = {
    "type": "record", "name": "Row", "namespace": "oracle", "fields": [
        {"name": "id", "type": "long"},
        {"name": "flag", "type": "boolean"},
        {"name": "i", "type": "int"},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "s", "type": "string"},
        {"name": "b", "type": "bytes"},
        {"name": "e", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
        {"name": "fx", "type": {"type": "fixed", "name": "Hash", "size": 4}},
        {"name": "arr", "type": {"type": "array", "items": "int"}},
        {"name": "m", "type": {"type": "map", "values": ["null", "string"]}},
        {"name": "opt", "type": ["null", "long", "string"]},
        {"name": "nested", "type": {"type": "record", "name": "Inner", "fields": [
            {"name": "x", "type": "double"}, {"name": "tag", "type": ["null", "Color"]}]}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "price", "type": {"type": "bytes", "logicalType": "decimal",
                                   "precision": 10, "scale": 2}},
    ]}


def random_row(rng, i):
    text = "".join(rng.choice("abcxyz") for _ in range(rng.randrange(10))) + ("é€" if i % 5 == 0 else "")
    return {
        "id": [-(2 ** 63), 2 ** 63 - 1][i] if i < 2 else rng.randrange(-(2 ** 40), 2 ** 40),
        "flag": i % 2 == 0,
        "i": rng.randrange(-(2 ** 31), 2 ** 31),
        "f": rng.randrange(-400, 400) * 0.5,
        "d": rng.random() * 1e6,
        "s": text,
        "b": bytes(rng.randrange(256) for _ in range(rng.randrange(5))),
        "e": rng.choice(["RED", "GREEN", "BLUE"]),
        "fx": bytes(rng.randrange(256) for _ in range(4)),
        "arr": [rng.randrange(-1000, 1000) for _ in range(rng.randrange(5))],
        "m": {f"k{j}": (None if j % 2 else "v") for j in range(rng.randrange(3))},
        "opt": [None, rng.randrange(-5, 5), text][i % 3],
        "nested": {"x": i * 0.5, "tag": None if i % 2 else "GREEN"},
        "day": EPOCH_DATE + datetime.timedelta(days=rng.randrange(-5000, 30000)),
        "ts": EPOCH + datetime.timedelta(milliseconds=rng.randrange(0, 2 ** 41)),
        "price": decimal.Decimal(rng.randrange(-10 ** 9, 10 ** 9)).scaleb(-2),
    }


def test_we_read_fastavro_files(tmp_path):
    rng = random.Random(7)
    rows = [random_row(rng, i) for i in range(2000)]
    schema = fastavro.parse_schema(ALL_TYPES)
    for codec in CODECS:
        with open(tmp_path / f"fa_{codec}.avro", "wb") as f:
            fastavro.writer(f, schema, rows, codec=codec, sync_interval=4000)
    for i in range(3):
        buf = io.BytesIO()
        fastavro.schemaless_writer(buf, schema, rows[i])
        (tmp_path / f"fa_datum{i}.bin").write_bytes(buf.getvalue())
        (tmp_path / f"fa_datum{i}.schema.json").write_text(json.dumps(ALL_TYPES))
    run_gtest("Import", "TRIB_AVRO_IN", tmp_path)
    names = Names(ALL_TYPES)
    want = [canonical(r, ALL_TYPES, names, False) for r in rows]
    for codec in CODECS:
        ours = json.loads((tmp_path / f"fa_{codec}.ours.json").read_text())
        assert len(ours) == len(rows), codec
        for i, got in enumerate(ours):
            assert canonical(got, ALL_TYPES, names, True) == want[i], (codec, i)
    for i in range(3):
        ours = json.loads((tmp_path / f"fa_datum{i}.ours.json").read_text())
        assert canonical(ours[0], ALL_TYPES, names, True) == want[i]
