"""The S3 sink's objects checked against independent readers (pyarrow, DuckDB, fastavro).

The gtest S3SinkOracle.* (src/s3sink/s3_sink_oracle_test.cc) runs 25 Debezium-style movie
records (schema v1, then v2 with COUNTRY from offset 13) through the whole sink with
flush.size=10 into store.url=file://<folder>, once per Parquet codec, as JSON, once per Avro
codec, and with keys files (Avro keys, Parquet keys), and writes expected.json: the committed object keys per case and the expected row per offset.
Here the folder must hold exactly those objects, and every row must read back exactly.

The build folder comes from TRIB_BUILD_DIR (default: <repo>/build).
"""
import base64
import datetime
import decimal
import json
import os
import pathlib
import subprocess

import duckdb
import fastavro
import pyarrow.parquet as pq
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TRIB_BUILD_DIR", REPO / "build"))
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
TOPIC = "db1.sampledatabase.movies"
# Offsets of each committed object: v1 0..9, v1 10..12 (cut by the schema change), v2 13..22.
RANGES = [(0, 10), (10, 13), (13, 23)]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    binary = BUILD / "src" / "s3sink" / "s3sink_test"
    assert binary.exists(), f"{binary} is missing: build the s3sink_test target first"
    out = tmp_path_factory.mktemp("s3sink_oracle")
    subprocess.run([str(binary), "--gtest_filter=S3SinkOracle.*"], check=True,
                   env={**os.environ, "TRIB_S3SINK_OUT": str(out)}, stdout=subprocess.DEVNULL)
    expected = json.loads((out / "expected.json").read_text(encoding="utf-8"))
    return out / "bucket", expected


def expected_parquet_row(e):
    row = {
        "movie_id": e["movie_id"],
        "title": e["title"],
        "release_year": e["release_year"],
        "price": decimal.Decimal(e["price_cents"]).scaleb(-2),
        "released": datetime.date(1970, 1, 1) + datetime.timedelta(days=e["released_days"]),
        "updated": EPOCH + datetime.timedelta(milliseconds=e["updated_ms"]),
        "rating": e["rating"],
        "tags": e["tags"],
        "__op": e["__op"],
        "__source_ts_ms": e["__source_ts_ms"],
        "__deleted": e["__deleted"],
    }
    if "COUNTRY" in e:
        row["COUNTRY"] = e["COUNTRY"]
    return row


EXTENSIONS = {"snappy": [".snappy.parquet"], "gzip": [".gz.parquet"], "zstd": [".zstd.parquet"],
              "none": [".parquet"], "json": [".json"], "avro": [".avro"],
              "avro_deflate": [".avro"], "avro_snappy": [".avro"], "avro_zstandard": [".avro"],
              "keys": [".snappy.parquet", ".keys.avro"], "parquet_keys": [".json", ".keys.snappy.parquet"]}


@pytest.mark.parametrize("case", sorted(EXTENSIONS))
def test_objects_are_exactly_the_committed_keys(written, case):
    bucket, expected = written
    prefix = "topics" if case == "snappy" else case
    on_disk = sorted(str(p.relative_to(bucket)) for p in (bucket / prefix).rglob("*") if p.is_file())
    assert on_disk == sorted(expected["cases"][case])
    names = sorted(f"{prefix}/{TOPIC}/partition=0/{TOPIC}+0+{start:010d}{ext}"
                   for start, _ in RANGES for ext in EXTENSIONS[case])
    assert on_disk == names


@pytest.mark.parametrize("case", ["snappy", "gzip", "zstd", "none"])
def test_pyarrow_reads_every_row(written, case):
    bucket, expected = written
    for key, (start, end) in zip(expected["cases"][case], RANGES):
        table = pq.read_table(bucket / key)
        rows = table.to_pylist()
        assert [r["movie_id"] for r in rows] == list(range(start, end))
        for r in rows:
            want = expected_parquet_row(expected["rows"][str(r["movie_id"])])
            assert r == want, key
        has_country = start >= 13
        assert ("COUNTRY" in table.schema.names) == has_country
        meta = pq.read_metadata(bucket / key)
        avro_schema = json.loads(meta.metadata[b"parquet.avro.schema"])
        assert avro_schema["name"] == "Value" and avro_schema["namespace"] == TOPIC
        assert [f["name"] for f in avro_schema["fields"]] == table.schema.names
        codec = meta.row_group(0).column(0).compression
        assert codec == {"snappy": "SNAPPY", "gzip": "GZIP", "zstd": "ZSTD",
                         "none": "UNCOMPRESSED"}[case]


@pytest.mark.parametrize("case", ["snappy", "zstd"])
def test_duckdb_reads_every_row(written, case):
    bucket, expected = written
    con = duckdb.connect()
    for key, (start, end) in zip(expected["cases"][case], RANGES):
        path = str(bucket / key).replace("'", "''")
        rows = con.execute(
            f"SELECT movie_id, title, release_year, price, released, epoch_ms(updated), rating,"
            f" tags, __op, __source_ts_ms FROM read_parquet('{path}') ORDER BY movie_id").fetchall()
        assert [r[0] for r in rows] == list(range(start, end))
        for r in rows:
            e = expected["rows"][str(r[0])]
            assert r[1] == e["title"]
            assert r[2] == e["release_year"]
            # DuckDB reads DECIMAL wider than 38 digits (AvroData's default precision 64) as
            # DOUBLE; pyarrow checks the exact value above.
            assert r[3] == pytest.approx(e["price_cents"] / 100, rel=1e-12)
            assert r[4] == datetime.date(1970, 1, 1) + datetime.timedelta(days=e["released_days"])
            assert r[5] == e["updated_ms"]
            assert r[6] == e["rating"]
            assert r[7] == e["tags"]
            assert r[8] == e["__op"]
            assert r[9] == e["__source_ts_ms"]


def test_json_lines_match_jsonconverter_without_schemas(written):
    bucket, expected = written
    for key, (start, end) in zip(expected["cases"]["json"], RANGES):
        lines = (bucket / key).read_text(encoding="utf-8").splitlines()
        assert len(lines) == end - start
        for offset, line in zip(range(start, end), lines):
            e = expected["rows"][str(offset)]
            doc = json.loads(line)
            cents = int.from_bytes(base64.b64decode(doc["price"]), "big", signed=True)
            assert cents == e["price_cents"]
            assert doc["released"] == e["released_days"]
            assert doc["updated"] == e["updated_ms"]
            assert doc["title"] == e["title"]
            assert doc["tags"] == e["tags"]
            assert list(doc)[-3:] == ["__op", "__source_ts_ms", "__deleted"]


def expected_avro_row(e):
    row = expected_parquet_row(e)
    if "COUNTRY" not in e:
        row.pop("COUNTRY", None)
    return row


@pytest.mark.parametrize("case", ["avro", "avro_deflate", "avro_snappy", "avro_zstandard"])
def test_fastavro_reads_every_record(written, case):
    bucket, expected = written
    codec = {"avro": "null", "avro_deflate": "deflate", "avro_snappy": "snappy",
             "avro_zstandard": "zstandard"}[case]
    for key, (start, end) in zip(expected["cases"][case], RANGES):
        with open(bucket / key, "rb") as f:
            reader = fastavro.reader(f)
            assert reader.codec == codec
            schema = reader.writer_schema
            records = list(reader)
        assert schema["name"] == "db1.sampledatabase.movies.Value"
        assert [r["movie_id"] for r in records] == list(range(start, end))
        for r in records:
            assert r == expected_avro_row(expected["rows"][str(r["movie_id"])]), key


def test_keys_files_hold_the_record_keys(written):
    bucket, expected = written
    for key in expected["cases"]["keys"]:
        if key.endswith(".keys.avro"):
            start = int(key.split("+")[-1].split(".")[0])
            with open(bucket / key, "rb") as f:
                keys = [k["movie_id"] for k in fastavro.reader(f)]
            end = dict(RANGES)[start]
            assert keys == list(range(start, end))
    for key in expected["cases"]["parquet_keys"]:
        if key.endswith(".keys.snappy.parquet"):
            rows = pq.read_table(bucket / key).to_pylist()
            start = int(key.split("+")[-1].split(".")[0])
            # Parquet keys are enveloped as Confluent's RecordKey{key}.
            assert rows == [{"key": {"movie_id": i}} for i in range(start, dict(RANGES)[start])]
