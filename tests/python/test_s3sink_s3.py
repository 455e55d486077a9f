"""The S3 sink's objects on the real S3-compatible server, seen through boto3 and pyarrow.

The gtest S3SinkS3Test.* (src/s3sink/s3_sink_itest.cc) writes through the sink to the server
of scripts/services under the prefix TRIB_S3SINK_PREFIX; here boto3 (an S3 client we did not
write, signing with SigV4) must list exactly Confluent's keys, and pyarrow must read the rows.

The build folder comes from TRIB_BUILD_DIR (default: <repo>/build).
"""
import io
import os
import pathlib
import subprocess
import uuid

import boto3
import pyarrow.parquet as pq
import pytest
from botocore.config import Config

from conftest import require_env

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("TRIB_BUILD_DIR", REPO / "build"))
NAMES = ["TRIB_S3_ENDPOINT", "TRIB_S3_ACCESS_KEY", "TRIB_S3_SECRET_KEY", "TRIB_S3_BUCKET",
         "TRIB_S3_REGION"]


@pytest.fixture(scope="module")
def written():
    require_env(*NAMES)
    binary = BUILD / "src" / "s3sink" / "s3sink_itest"
    assert binary.exists(), f"{binary} is missing: build the s3sink_itest target first"
    prefix = f"s3sink-pytest-{uuid.uuid4().hex[:12]}"
    subprocess.run([str(binary), "--gtest_filter=S3SinkS3Test.*"], check=True,
                   env={**os.environ, "TRIB_S3SINK_PREFIX": prefix}, stdout=subprocess.DEVNULL)
    s3 = boto3.client("s3", endpoint_url=os.environ["TRIB_S3_ENDPOINT"],
                      aws_access_key_id=os.environ["TRIB_S3_ACCESS_KEY"],
                      aws_secret_access_key=os.environ["TRIB_S3_SECRET_KEY"],
                      region_name=os.environ["TRIB_S3_REGION"],
                      config=Config(s3={"addressing_style": "path"}))
    return s3, os.environ["TRIB_S3_BUCKET"], prefix


def list_keys(s3, bucket, prefix):
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/")
    return [o["Key"] for page in pages for o in page.get("Contents", [])]


def test_boto3_lists_confluents_keys_and_pyarrow_reads_them(written):
    s3, bucket, prefix = written
    base = f"{prefix}/flush/movies/partition=0/movies+0+"
    keys = list_keys(s3, bucket, f"{prefix}/flush")
    assert keys == [base + "0000000000.snappy.parquet", base + "0000000010.snappy.parquet",
                    base + "0000000013.snappy.parquet"]
    ranges = [(0, 10), (10, 13), (13, 23)]
    for key, (start, end) in zip(keys, ranges):
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        rows = pq.read_table(io.BytesIO(body)).to_pylist()
        assert [r["movie_id"] for r in rows] == list(range(start, end))
        for r in rows:
            assert r["title"].startswith(f"movie {r['movie_id']} ")
            assert r.get("COUNTRY") == ("US" if start >= 13 else None)


def test_replay_after_an_outage_left_one_object_per_file(written):
    s3, bucket, prefix = written
    keys = list_keys(s3, bucket, f"{prefix}/outage")
    assert [k.rsplit("+", 1)[1] for k in keys] == [
        "0000000000.snappy.parquet", "0000000010.snappy.parquet", "0000000013.snappy.parquet"]


def test_multipart_object_is_whole(written):
    s3, bucket, prefix = written
    keys = list_keys(s3, bucket, f"{prefix}/multipart")
    assert len(keys) == 1
    head = s3.head_object(Bucket=bucket, Key=keys[0])
    assert head["ContentLength"] > 9 << 20
    # A multipart upload's ETag ends in -<number of parts>.
    assert head["ETag"].strip('"').endswith("-2")
    body = s3.get_object(Bucket=bucket, Key=keys[0])["Body"].read().decode()
    assert body.count("\n") == 3


def test_wrong_secret_wrote_nothing(written):
    s3, bucket, prefix = written
    assert list_keys(s3, bucket, f"{prefix}/badsecret") == []
