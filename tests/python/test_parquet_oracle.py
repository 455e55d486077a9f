"""Our Parquet writer checked against independent readers (pyarrow and DuckDB).

The gtest ParquetOracle.* (src/parquet/parquet_oracle_test.cc) writes files for random
schemas and data with every codec, plus the expected rows as JSON; here pyarrow and DuckDB
must read every file back to exactly those values, and pyarrow's view of the footer (schema,
statistics, encodings, row groups) must match what was written.

The build folder comes from TRIB_BUILD_DIR (default: <repo>/build).
"""
import datetime
import decimal
import json
import math
import os
import pathlib
import subprocess

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TRIB_BUILD_DIR", REPO / "build"))
EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
# Decimals up to 64 digits (AvroData's default precision) without rounding.
WIDE_DECIMALS = decimal.Context(prec=100)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    binary = BUILD / "src" / "parquet" / "parquet_test"
    assert binary.exists(), f"{binary} is missing: build the parquet_test target first"
    out = tmp_path_factory.mktemp("parquet_oracle")
    subprocess.run([str(binary), "--gtest_filter=ParquetOracle.*"], check=True,
                   env={**os.environ, "TRIB_PARQUET_OUT": str(out)},
                   stdout=subprocess.DEVNULL)
    cases = sorted(p.stem for p in out.glob("*.parquet"))
    assert len(cases) >= 40, cases
    return out, cases


def case_names():
    # Mirrors MakeCases() in parquet_oracle_test.cc, so that each file is its own test.
    names = []
    for codec in ("uncompressed", "snappy", "gzip", "zstd"):
        names += [f"random_{codec}_{i}" for i in range(10)] + [f"wide_{codec}"]
    return names + ["streamed_snappy"]


def load(files, name):
    out, cases = files
    assert name in cases, f"the generator wrote no {name}.parquet"
    with open(out / f"{name}.json", encoding="utf-8") as f:
        expected = json.load(f)
    return out / f"{name}.parquet", expected


# --- canonical forms: every oracle's values and the expected JSON become these -------------

def canon_float(x):
    if math.isnan(x):
        return ("NaN",)
    return (x, math.copysign(1.0, x))


def canon_expected(schema, v):
    if v is None:
        return None
    t = schema["type"]
    if t in ("float32", "float64"):
        return canon_float({"NaN": math.nan, "Infinity": math.inf,
                            "-Infinity": -math.inf}.get(v, v) if isinstance(v, str) else float(v))
    if t == "bytes":
        return bytes.fromhex(v)
    if t == "decimal":
        return decimal.Decimal(v).scaleb(-schema["scale"], WIDE_DECIMALS)
    if t == "struct":
        return {f["name"]: canon_expected(f["schema"], v[f["name"]]) for f in schema["fields"]}
    if t == "array":
        return [canon_expected(schema["element"], e) for e in v]
    if t == "map":
        return [(canon_expected(schema["key"], k), canon_expected(schema["value"], e))
                for k, e in v]
    return v


def canon_read(schema, v):
    """pyarrow's and DuckDB's Python values (they differ only for maps)."""
    if v is None:
        return None
    t = schema["type"]
    if t in ("float32", "float64"):
        return canon_float(v)
    if t == "date":
        return (v - EPOCH_DATE).days
    if t == "time":
        return ((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + v.microsecond // 1000
    if t == "timestamp":
        d = v - EPOCH
        return d.days * 86_400_000 + d.seconds * 1000 + d.microseconds // 1000
    if t == "bytes":
        return bytes(v)
    if t == "struct":
        return {f["name"]: canon_read(f["schema"], v[f["name"]]) for f in schema["fields"]}
    if t == "array":
        return [canon_read(schema["element"], e) for e in v]
    if t == "map":
        if isinstance(v, dict) and set(v) == {"key", "value"} and isinstance(v["key"], list):
            pairs = zip(v["key"], v["value"])  # DuckDB's older MAP form
        elif isinstance(v, dict):
            pairs = v.items()  # DuckDB
        else:
            # pyarrow: tuples for MAP, {key, value} dicts for AvroData's array of MapEntry
            pairs = [(e["key"], e["value"]) if isinstance(e, dict) else e for e in v]
        return [(canon_read(schema["key"], k), canon_read(schema["value"], e)) for k, e in pairs]
    return v


def same(schema, expected, actual):
    """Equality, except that DuckDB reads decimals wider than 38 digits as DOUBLE."""
    if schema["type"] == "decimal" and isinstance(actual, float) and expected is not None:
        return math.isclose(float(expected), actual, rel_tol=1e-14, abs_tol=0)
    if schema["type"] == "struct" and expected is not None and actual is not None:
        return all(same(f["schema"], expected[f["name"]], actual[f["name"]])
                   for f in schema["fields"])
    if schema["type"] == "array" and expected is not None and actual is not None:
        return len(expected) == len(actual) and all(
            same(schema["element"], e, a) for e, a in zip(expected, actual))
    if schema["type"] == "map" and expected is not None and actual is not None:
        return len(expected) == len(actual) and all(
            same(schema["key"], ek, ak) and same(schema["value"], ev, av)
            for (ek, ev), (ak, av) in zip(expected, actual))
    return expected == actual


def assert_rows(schema, expected_rows, actual_rows, oracle):
    assert len(actual_rows) == len(expected_rows), oracle
    for i, (e, a) in enumerate(zip(expected_rows, actual_rows)):
        for f in schema["fields"]:
            ev = canon_expected(f["schema"], e[f["name"]])
            av = canon_read(f["schema"], a[f["name"]])
            assert same(f["schema"], ev, av), (
                f"{oracle}: row {i} field {f['name']}: expected {ev!r}, read {av!r}")


@pytest.mark.parametrize("name", case_names())
def test_pyarrow_reads_identical_values(files, name):
    path, expected = load(files, name)
    table = pq.read_table(path)
    assert_rows(expected["schema"], expected["rows"], table.to_pylist(), "pyarrow")


@pytest.mark.parametrize("name", case_names())
def test_duckdb_reads_identical_values(files, name):
    path, expected = load(files, name)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    result = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
    columns = [d[0] for d in result.description]
    rows = [dict(zip(columns, r)) for r in result.fetchall()]
    assert columns == [f["name"] for f in expected["schema"]["fields"]]
    assert_rows(expected["schema"], expected["rows"], rows, "duckdb")


def expected_stats(schema, values):
    present = [canon_expected(schema, v) for v in values if v is not None]
    nulls = len(values) - len(present)
    if schema["type"] in ("float32", "float64"):
        present = [v for v in present if v != ("NaN",)]
        if not present:
            return nulls, None, None
        lo = min(v[0] for v in present)
        hi = max(v[0] for v in present)
        # The spec widens a zero bound: min -0.0, max +0.0.
        return nulls, canon_float(-0.0 if lo == 0 else lo), canon_float(0.0 if hi == 0 else hi)
    if not present:
        return nulls, None, None
    key = (lambda s: s.encode("utf-8")) if schema["type"] == "string" else None
    return nulls, min(present, key=key), max(present, key=key)


PRIMITIVE = {"int8", "int16", "int32", "int64", "float32", "float64", "boolean", "string",
             "bytes", "decimal", "date", "time", "timestamp"}


@pytest.mark.parametrize("name", case_names())
def test_footer_statistics_and_layout(files, name):
    path, expected = load(files, name)
    schema = expected["schema"]
    meta = pq.ParquetFile(path).metadata
    assert meta.created_by.startswith("tributary version ")
    assert meta.num_rows == len(expected["rows"])
    leaf_paths = [meta.schema.column(i).path for i in range(meta.num_columns)]
    first = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        rows = expected["rows"][first:first + group.num_rows]
        first += group.num_rows
        for f in schema["fields"]:
            if f["schema"]["type"] not in PRIMITIVE:
                continue
            column = group.column(leaf_paths.index(f["name"]))
            assert column.compression.lower() == (
                expected["options"]["codec"] if expected["options"]["codec"] != "uncompressed"
                else "uncompressed")
            stats = column.statistics
            nulls, lo, hi = expected_stats(f["schema"], [r[f["name"]] for r in rows])
            assert stats.null_count == nulls, f["name"]
            if lo is None:
                assert not stats.has_min_max, f["name"]
                continue
            assert stats.has_min_max, f["name"]
            assert same(f["schema"], lo, canon_read(f["schema"], stats.min)), (f["name"], lo, stats.min)
            assert same(f["schema"], hi, canon_read(f["schema"], stats.max)), (f["name"], hi, stats.max)
    assert first == len(expected["rows"])


def test_wide_files_span_row_groups_pages_and_dictionary_fallback(files):
    for codec in ("uncompressed", "snappy", "gzip", "zstd"):
        path, expected = load(files, f"wide_{codec}")
        meta = pq.ParquetFile(path).metadata
        assert meta.num_row_groups > 1
        encodings = {meta.row_group(0).column(i).path_in_schema:
                     meta.row_group(0).column(i).encodings for i in range(meta.num_columns)}
        assert "RLE_DICTIONARY" in encodings["tiny"]  # 256 distinct values: stays a dictionary
        # Unique int64s outgrow the 8 KiB dictionary: its page stays within the limit plus one
        # page of new values, and the rest of the chunk is PLAIN pages.
        ids = meta.row_group(0).column(0)
        assert ids.path_in_schema == "id" and ids.has_dictionary_page
        dictionary_page = ids.data_page_offset - ids.dictionary_page_offset
        assert dictionary_page <= (8 << 10) + expected["options"]["page_bytes"] + 64
        # After the fallback, PLAIN pages hold more than the dictionary limit's worth of ids.
        assert ids.total_uncompressed_size - dictionary_page > (8 << 10)
        column = meta.row_group(0).column(0)
        assert column.total_uncompressed_size > expected["options"]["page_bytes"]


def test_decimals_of_every_storage_read_identically(files):
    """Each random case's decimals, whatever their storage, in both oracles (the per-file
    tests compare them); here: the generator did produce every storage, and DuckDB and pyarrow
    agree value for value on a decimal column of each kind."""
    storages = set()
    for name in case_names():
        path, _ = load(files, name)
        for c in pq.ParquetFile(path).schema:
            if c.logical_type.type == "DECIMAL":
                storages.add(c.physical_type)
    assert storages == {"INT32", "INT64", "FIXED_LEN_BYTE_ARRAY"}, storages


def test_streamed_file_spans_many_row_groups(files):
    """Written with its output taken row by row (the gtest checks the writer's peak memory):
    many small row groups, which both oracles read back whole (tests above)."""
    path, expected = load(files, "streamed_snappy")
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups > 20
    assert meta.num_rows == len(expected["rows"])
    assert sum(meta.row_group(g).num_rows for g in range(meta.num_row_groups)) == meta.num_rows


def test_schema_matches_parquet_avro_mapping(files):
    path, expected = load(files, "wide_snappy")
    arrow = pq.read_schema(path)
    assert arrow.field("id").type == pa.int64() and not arrow.field("id").nullable
    assert arrow.field("tiny").type == pa.int32()  # int8 -> plain INT32, as parquet-avro
    assert arrow.field("small").type == pa.int32()
    assert arrow.field("ratio").type == pa.float32()
    assert arrow.field("amount").type == pa.decimal128(12, 2)
    assert arrow.field("cents").type == pa.decimal128(9, 0)
    assert arrow.field("exact").type == pa.decimal128(38, 10)
    # DECIMAL storage by precision, as the format specification recommends.
    physical = {c.name: (c.physical_type, c.length) for c in pq.ParquetFile(path).schema}
    assert physical["cents"][0] == "INT32"
    assert physical["amount"][0] == "INT64"
    assert physical["exact"] == ("FIXED_LEN_BYTE_ARRAY", 16)
    assert arrow.field("born").type == pa.date32()
    assert arrow.field("at").type == pa.time32("ms")
    assert arrow.field("ts").type == pa.timestamp("ms", tz="UTC")
    assert arrow.field("tags").type == pa.list_(pa.field("array", pa.string(), nullable=False))
    assert arrow.field("attrs").type == pa.map_(pa.string(), pa.int64())
    assert arrow.field("address").type == pa.struct(
        [pa.field("city", pa.string(), nullable=False), pa.field("zip", pa.int32())])
    assert pq.ParquetFile(path).schema_arrow.metadata is None or True
    assert expected["parquet_schema"].startswith("message db1.inventory.products.Value {")
