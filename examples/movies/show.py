"""Shows what the movies pipeline produced: the schema versions in the key and value
registries (as the AWS Glue console shows them), the Parquet objects in the bucket and their
rows. With --wait-objects N it first waits until N objects exist."""
import argparse
import io
import json
import os
import sys
import time

import boto3
import pyarrow.parquet as pq
import requests

KEYS_REGISTRY = "msk-connect-blog-keys"
VALUES_REGISTRY = "msk-connect-blog-values"


def s3_client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["TRIB_S3_ENDPOINT"],
        aws_access_key_id=os.environ["TRIB_S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["TRIB_S3_SECRET_KEY"],
        region_name=os.environ["TRIB_S3_REGION"],
    )


def list_objects(s3, bucket, prefix):
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", [])]
    return sorted(keys)


def show_registry(base, registry, topic):
    subject = f":.{registry}:{topic}"
    r = requests.get(f"{base}/subjects/{subject}/versions", timeout=10)
    r.raise_for_status()
    for version in r.json():
        v = requests.get(f"{base}/subjects/{subject}/versions/{version}", timeout=10).json()
        print(f"\nRegistry {registry}, schema {topic}, version {version} (id {v['id']}):")
        print(json.dumps(json.loads(v["schema"]), indent=2))


def print_rows(columns, rows):
    cells = [[str(r[c]) for c in columns] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--registry", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("--wait-objects", type=int, default=0)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--quiet", action="store_true")
    args = p.parse_args()

    s3 = s3_client()
    bucket = os.environ["TRIB_S3_BUCKET"]
    prefix = f"topics/{args.topic}/"
    deadline = time.time() + args.timeout
    keys = list_objects(s3, bucket, prefix)
    while len(keys) < args.wait_objects:
        if time.time() > deadline:
            print(f"timed out: {len(keys)} of {args.wait_objects} objects under {prefix}",
                  file=sys.stderr)
            return 1
        time.sleep(0.5)
        keys = list_objects(s3, bucket, prefix)
    if args.quiet:
        print(f"{len(keys)} objects under s3://{bucket}/{prefix}")
        return 0

    show_registry(args.registry, KEYS_REGISTRY, args.topic)
    show_registry(args.registry, VALUES_REGISTRY, args.topic)
    print(f"\nObjects in s3://{bucket}/{prefix}:")
    for key in keys:
        print("  " + key)
    for key in keys:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        table = pq.read_table(io.BytesIO(body))
        print(f"\n{key}: {table.num_rows} rows")
        print_rows(table.column_names, table.to_pylist())
    return 0


if __name__ == "__main__":
    sys.exit(main())
