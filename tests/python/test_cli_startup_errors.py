"""`tributary standalone` answers a bad start with an error naming the culprit, and exits.

Runs the tributary binary (TRIB_BINARY, else build/tributary); needs no services: every case
fails before a database or bucket is contacted.
"""
import os
import pathlib
import socket
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("TRIB_BINARY", ROOT / "build" / "tributary"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def standalone(tmp_path, worker_lines, connector_lines):
    worker = write(tmp_path / "worker.properties",
                   [f"offset.storage.file.filename={tmp_path}/offsets", f"data.dir={tmp_path}/data"]
                   + worker_lines)
    connector = write(tmp_path / "connector.properties", connector_lines)
    return subprocess.run([str(BINARY), "standalone", str(worker), str(connector)],
                          capture_output=True, text=True, timeout=30)


SOURCE = ["name=inventory", "connector.class=io.debezium.connector.mysql.MySqlConnector",
          "database.hostname=127.0.0.1", "database.port=3306", "database.user=u",
          "database.password=p", "database.server.id=7", "topic.prefix=db1"]


def test_unknown_connector_class_with_a_serving_registry_exits_naming_the_class(tmp_path):
    # The embedded registry's REST listener used to keep a failed worker from exiting.
    result = standalone(tmp_path, [f"registry.listeners=http://127.0.0.1:{free_port()}"],
                        [line.replace("MySqlConnector", "MySqlConector") for line in SOURCE])
    assert result.returncode != 0
    assert "MySqlConector" in result.stderr
    assert "io.debezium.connector.mysql.MySqlConnector" in result.stderr  # the choices


def test_registry_port_in_use_is_an_error_naming_the_key(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = standalone(tmp_path, [f"registry.listeners=http://127.0.0.1:{port}"], SOURCE)
    assert result.returncode != 0
    assert "registry.listeners" in result.stderr
    assert str(port) in result.stderr


def test_malformed_registry_listener_is_an_error_naming_the_key(tmp_path):
    result = standalone(tmp_path, ["registry.listeners=127.0.0.1:8081"], SOURCE)
    assert result.returncode != 0
    assert "registry.listeners" in result.stderr and "http://HOST:PORT" in result.stderr


def test_bad_integer_names_the_connector_and_key(tmp_path):
    result = standalone(tmp_path, [],
                        [line if not line.startswith("database.port") else "database.port=x"
                         for line in SOURCE])
    assert result.returncode != 0
    assert "inventory" in result.stderr and "database.port" in result.stderr
