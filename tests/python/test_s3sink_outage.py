"""An S3 outage longer than the S3 client's own retries (s3.part.retries) heals through
errors.retry.timeout: the sink's put fails retriably, the runtime hands it the same records
again until the server answers, and the bucket ends with Confluent's keys holding every row
exactly once, while the connector and its task stay RUNNING (no restart).

The outage is a TCP relay in front of the S3 server of scripts/services that stops listening
and drops its open connections (connection refused, as a stopped server), then listens again
on the same port; the server itself stays up for the other tests sharing it."""
import socket
import threading
import time
import uuid

import requests

from conftest import require_env
import scenario

ROWS = 3000
FLUSH = 100
OUTAGE_S = 8  # the client's own retries give up after about 1.5 s


class Relay:
    """Relays 127.0.0.1:<port> to the S3 server; stop() makes the port refuse connections."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = scenario.free_port()
        self.listener = None
        self.connections = []
        self.lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        with self.lock:
            # shutdown() wakes the thread blocked in accept(); close() alone would not.
            self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            for c in self.connections:
                try:
                    c.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                c.close()
            self.connections = []

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def wait_objects(prefix, count, pipeline, timeout=120):
    deadline = time.time() + timeout
    while len(keys := scenario.list_objects(prefix)) < count:
        if pipeline.process.poll() is not None:
            raise RuntimeError(f"tributary exited with {pipeline.process.returncode}:\n"
                               + pipeline.log()[-3000:])
        if time.time() > deadline:
            raise TimeoutError(f"{len(keys)} of {count} objects after {timeout}s\n"
                               + pipeline.log()[-3000:])
        time.sleep(0.3)
    return keys


def test_outage_longer_than_the_clients_retries_heals_without_duplicates_or_gaps(tmp_path):
    require_env("TRIB_MARIADB_PORT", "TRIB_S3_ENDPOINT", "TRIB_S3_BUCKET")
    s3_port = int(scenario.os.environ["TRIB_S3_ENDPOINT"].rsplit(":", 1)[1])
    relay = Relay(s3_port)
    relay.start()
    topics_dir = f"outage-{uuid.uuid4().hex[:10]}"
    scenario.run_sql("DROP DATABASE IF EXISTS sampledatabase;")
    scenario.run_sql(scenario.HERE / "create_table.sql")
    insert = ("USE sampledatabase; INSERT INTO movies (movie_id, title, release_year) "
              "SELECT seq, CONCAT('movie ', seq), 1900 + seq % 120 FROM seq_{}_to_{};")
    scenario.run_sql(insert.format(1, ROWS // 2))
    rest_port = scenario.free_port()
    pipeline = scenario.Pipeline(
        tmp_path,
        sink_overrides={"flush.size": str(FLUSH), "topics.dir": topics_dir,
                        "store.url": f"http://127.0.0.1:{relay.port}",
                        "errors.retry.timeout": "120000", "errors.retry.delay.max.ms": "2000"},
        worker_overrides={"listeners": f"http://127.0.0.1:{rest_port}"})
    prefix = f"{topics_dir}/{scenario.TOPIC}/"
    pipeline.start()
    try:
        before = wait_objects(prefix, ROWS // 2 // FLUSH, pipeline)
        relay.stop()
        scenario.run_sql(insert.format(ROWS // 2 + 1, ROWS))
        time.sleep(OUTAGE_S)
        assert scenario.list_objects(prefix) == before  # nothing got through the outage
        relay.start()
        keys = wait_objects(prefix, ROWS // FLUSH, pipeline)
        status = requests.get(f"http://127.0.0.1:{rest_port}/connectors/s3-sink-connector/status",
                              timeout=10).json()
        log = pipeline.log()
    finally:
        pipeline.stop()
        relay.stop()

    assert status["connector"]["state"] == "RUNNING", status
    assert [t["state"] for t in status["tasks"]] == ["RUNNING"], status
    # The outage was met by the sink's put and retried (not by a restart).
    assert "retriable failure" in log
    assert "Couldn't connect to server" in log
    base = f"{prefix}partition=0/{scenario.TOPIC}+0+"
    assert keys == [f"{base}{offset:010d}.snappy.parquet" for offset in range(0, ROWS, FLUSH)]
    ids = []
    for key in keys:
        ids += scenario.read_rows(key).column("movie_id").to_pylist()
    assert len(ids) == ROWS
    assert sorted(ids) == list(range(1, ROWS + 1))
