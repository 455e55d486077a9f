"""The movies walkthrough as reusable steps, shared by examples/movies/run (which shows the
result to a person) and tests/python/test_movies_e2e.py (which asserts on it).

Service endpoints come from the TRIB_* variables that scripts/services exports."""
import io
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pyarrow.parquet as pq
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TOPIC = "db1.sampledatabase.movies"
KEYS_REGISTRY = "msk-connect-blog-keys"
VALUES_REGISTRY = "msk-connect-blog-values"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_sql(path_or_text):
    """Runs a SQL file (a Path) or SQL text (a str) as the MariaDB admin user."""
    text = path_or_text.read_text() if isinstance(path_or_text, Path) else path_or_text
    subprocess.run(
        ["mariadb", "--protocol=TCP", "-h", os.environ["TRIB_MARIADB_HOST"],
         "-P", os.environ["TRIB_MARIADB_PORT"], "-u", os.environ["TRIB_MARIADB_ADMIN_USER"],
         "-p" + os.environ["TRIB_MARIADB_ADMIN_PASSWORD"]],
        input=text.encode(), check=True)


def render(template, replacements, overrides=None):
    """Fills a .properties template's placeholders, then applies key overrides."""
    lines = []
    for line in (HERE / template).read_text().splitlines():
        for old, new in replacements.items():
            line = line.replace(old, new)
        lines.append(line)
    for key, value in (overrides or {}).items():
        lines = [l for l in lines if not l.startswith(key + "=")]
        lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def parse_properties(text):
    """A .properties text as a dict (what a user pastes into a REST call or MSK Connect)."""
    config = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "!")) and "=" in line:
            key, value = line.split("=", 1)
            config[key.strip()] = value.strip()
    return config


class Pipeline:
    """One `tributary standalone` run of the walkthrough's two connectors, or with
    kafka=True, one `tributary connect` worker on Kafka to which start() hands both
    connectors through the REST API."""

    def __init__(self, run_dir, source_overrides=None, sink_overrides=None,
                 worker_overrides=None, kafka=False):
        self.run_dir = Path(run_dir)
        self.kafka = kafka
        self.config_dir = self.run_dir / "config"
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = self.run_dir / "tributary-data"
        self.registry_port = free_port()
        self.registry_url = f"http://127.0.0.1:{self.registry_port}"
        self.rest_port = free_port()
        self.rest_url = f"http://127.0.0.1:{self.rest_port}"
        env = os.environ
        bootstrap = env["TRIB_KAFKA_BOOTSTRAP"] if kafka else "unused-in-embedded-mode:9092"
        (self.config_dir / "debezium-source.properties").write_text(render(
            "debezium-source.properties",
            {"<DBHOST>": env["TRIB_MARIADB_HOST"],
             "database.port=3306": "database.port=" + env["TRIB_MARIADB_PORT"],
             "<DBUSER>": env["TRIB_MARIADB_USER"],
             "<DBPASSWORD>": env["TRIB_MARIADB_PASSWORD"],
             "<MSK-BOOTSTRAP>": bootstrap,
             "<REGION>": env["TRIB_S3_REGION"]},
            source_overrides))
        (self.config_dir / "s3-sink.properties").write_text(render(
            "s3-sink.properties",
            {"<BUCKET-NAME>": env["TRIB_S3_BUCKET"], "<REGION>": env["TRIB_S3_REGION"]},
            sink_overrides))
        (self.config_dir / "worker.properties").write_text(render(
            "worker-kafka.properties" if kafka else "worker-embedded.properties",
            {"<DATA-DIR>": str(self.data_dir), "<REGISTRY-PORT>": str(self.registry_port),
             "<REST-PORT>": str(self.rest_port),
             "<BOOTSTRAP>": env.get("TRIB_KAFKA_BOOTSTRAP", "")},
            worker_overrides))
        self.process = None
        self.log_path = self.run_dir / "tributary.log"

    def environment(self):
        env = dict(os.environ)
        # The S3 sink finds the endpoint and keys the way AWS tools do: from the environment.
        env["AWS_ENDPOINT_URL_S3"] = os.environ["TRIB_S3_ENDPOINT"]
        env["AWS_ACCESS_KEY_ID"] = os.environ["TRIB_S3_ACCESS_KEY"]
        env["AWS_SECRET_ACCESS_KEY"] = os.environ["TRIB_S3_SECRET_KEY"]
        return env

    def start(self, binary=None):
        binary = binary or os.environ.get("TRIB_BINARY", str(ROOT / "build" / "tributary"))
        log = open(self.log_path, "ab")
        worker = str(self.config_dir / "worker.properties")
        connectors = [self.config_dir / "debezium-source.properties",
                      self.config_dir / "s3-sink.properties"]
        command = [binary, "connect", worker] if self.kafka else \
            [binary, "standalone", worker] + [str(c) for c in connectors]
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                        env=self.environment())
        if self.kafka:
            try:
                self.wait_rest()
                for path in connectors:
                    config = parse_properties(path.read_text())
                    r = requests.post(f"{self.rest_url}/connectors",
                                      json={"name": config["name"], "config": config},
                                      timeout=60)
                    if r.status_code != 201:
                        raise RuntimeError(f"POST /connectors for {path.name}: {r.status_code} "
                                           f"{r.text}\n" + self.log()[-3000:])
            except BaseException:
                self.stop()
                raise
        return self.process

    def wait_rest(self, timeout=60):
        deadline = time.time() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"tributary exited with {self.process.returncode}:\n"
                                   + self.log()[-3000:])
            try:
                if requests.get(self.rest_url + "/", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            if time.time() > deadline:
                raise TimeoutError("the worker's REST API did not come up\n" + self.log()[-3000:])
            time.sleep(0.2)

    def stop(self, sig=15):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def unique_worker_topics():
    """Worker keys that give a distributed worker its own group and internal topics, so runs
    sharing one Kafka cluster never see each other's connectors."""
    suffix = uuid.uuid4().hex[:10]
    return {"group.id": f"movies-{suffix}", "config.storage.topic": f"movies-configs-{suffix}",
            "offset.storage.topic": f"movies-offsets-{suffix}",
            "status.storage.topic": f"movies-status-{suffix}"}


def reset_kafka_topics(names):
    """Deletes these topics (if they exist) so a run starts from empty ones."""
    from confluent_kafka.admin import AdminClient
    admin = AdminClient({"bootstrap.servers": os.environ["TRIB_KAFKA_BOOTSTRAP"]})
    existing = set(admin.list_topics(timeout=30).topics)
    doomed = [n for n in names if n in existing]
    for future in admin.delete_topics(doomed, operation_timeout=30).values() if doomed else []:
        future.result()
    deadline = time.time() + 30
    while set(doomed) & set(admin.list_topics(timeout=30).topics):
        if time.time() > deadline:
            raise TimeoutError(f"topics {doomed} still exist 30 s after deletion")
        time.sleep(0.2)


def s3_client():
    return boto3.client(
        "s3",
        endpoint_url=os.environ["TRIB_S3_ENDPOINT"],
        aws_access_key_id=os.environ["TRIB_S3_ACCESS_KEY"],
        aws_secret_access_key=os.environ["TRIB_S3_SECRET_KEY"],
        region_name=os.environ["TRIB_S3_REGION"],
    )


def list_objects(prefix=f"topics/{TOPIC}/"):
    s3 = s3_client()
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(
            Bucket=os.environ["TRIB_S3_BUCKET"], Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", [])]
    return sorted(keys)


def read_rows(key):
    body = s3_client().get_object(Bucket=os.environ["TRIB_S3_BUCKET"], Key=key)["Body"].read()
    return pq.read_table(io.BytesIO(body))


def reset_world():
    """An empty movies table in a fresh sampledatabase, and no objects under topics/."""
    run_sql("DROP DATABASE IF EXISTS sampledatabase;")
    s3 = s3_client()
    for key in list_objects(prefix="topics/"):
        s3.delete_object(Bucket=os.environ["TRIB_S3_BUCKET"], Key=key)
    run_sql(HERE / "create_table.sql")


def wait_objects(count, timeout=120, pipeline=None):
    deadline = time.time() + timeout
    keys = list_objects()
    while len(keys) < count:
        if pipeline and pipeline.process and pipeline.process.poll() is not None:
            raise RuntimeError(f"tributary exited with {pipeline.process.returncode}:\n"
                               + pipeline.log()[-3000:])
        if time.time() > deadline:
            raise TimeoutError(f"{len(keys)} of {count} objects after {timeout}s"
                               + ("\n" + pipeline.log()[-3000:] if pipeline else ""))
        time.sleep(0.3)
        keys = list_objects()
    return keys


def schema_versions(registry_url, registry, topic=TOPIC):
    """{version: parsed Avro schema} of a Glue schema, through the Confluent REST API."""
    subject = f":.{registry}:{topic}"
    r = requests.get(f"{registry_url}/subjects/{subject}/versions", timeout=10)
    r.raise_for_status()
    out = {}
    for version in r.json():
        v = requests.get(f"{registry_url}/subjects/{subject}/versions/{version}", timeout=10)
        v.raise_for_status()
        out[version] = json.loads(v.json()["schema"])
    return out


def print_rows(table):
    columns = table.column_names
    cells = [[str(r[c]) for c in columns] for r in table.to_pylist()]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths)))


def show(registry_url):
    for registry in (KEYS_REGISTRY, VALUES_REGISTRY):
        for version, schema in schema_versions(registry_url, registry).items():
            print(f"\nRegistry {registry}, schema {TOPIC}, version {version}:")
            print(json.dumps(schema, indent=2))
    keys = list_objects()
    print(f"\nObjects in s3://{os.environ['TRIB_S3_BUCKET']}/topics/{TOPIC}/:")
    for key in keys:
        print("  " + key)
    for key in keys:
        table = read_rows(key)
        print(f"\n{key}: {table.num_rows} rows")
        print_rows(table)


def main():
    """examples/movies/run's steps after the services are up (--kafka: through Kafka)."""
    kafka = "--kafka" in sys.argv[1:]
    run_dir = Path(os.environ["TRIB_RUN_DIR"])
    step = lambda text: print(f"\n==> {text}", flush=True)
    step("mysql < create_table.sql; mysql < initial_insert.sql")
    run_sql(HERE / "create_table.sql")
    run_sql(HERE / "initial_insert.sql")
    pipeline = Pipeline(run_dir, kafka=kafka)
    if kafka:
        step("tributary connect worker.properties; then POST /connectors with each connector "
             f"config (REST API on {pipeline.rest_url})")
    else:
        step("tributary standalone worker.properties debezium-source.properties "
             "s3-sink.properties")
    pipeline.start()
    try:
        step("Wait for the first 20 rows: two Parquet objects of flush.size=10")
        wait_objects(2, pipeline=pipeline)
        step("mysql < alter_table.sql; mysql < insert_data_with_new_column.sql")
        run_sql(HERE / "alter_table.sql")
        run_sql(HERE / "insert_data_with_new_column.sql")
        step("Wait for the 10 rows with COUNTRY: a third object")
        wait_objects(3, pipeline=pipeline)
        step("What happened: the registries' schema versions, the objects and their rows")
        show(pipeline.registry_url)
        if kafka:
            step(f"The connectors as the REST API reports them: GET {pipeline.rest_url}"
                 "/connectors?expand=status")
            print(json.dumps(requests.get(pipeline.rest_url + "/connectors?expand=status",
                                          timeout=10).json(), indent=2))
    finally:
        pipeline.stop()
    print(f"\nPipeline log: {pipeline.log_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
