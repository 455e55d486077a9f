"""Unknown connector keys on a real `tributary connect` worker (Kafka, MariaDB, S3): validation
names a misspelled key with the key it was likely meant to be, the walkthrough's configs
validate clean, and creating a connector with an unknown key works and logs the key."""
import os

import requests

import scenario
from test_connect_distributed import cluster, mysql_source_keys, sink_config, states, wait_for  # noqa: F401

MYSQL = "io.debezium.connector.mysql.MySqlConnector"


def validate(worker, plugin, config):
    r = requests.put(f"{worker.url}/connector-plugins/{plugin}/config/validate", json=config,
                     timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def errors_by_key(infos):
    return {c["value"]["name"]: c["value"]["errors"] for c in infos["configs"]}


def test_validate_names_a_misspelled_key_and_the_key_it_was_meant_to_be(cluster):
    worker = cluster("w1")
    config = mysql_source_keys("shop", f"typo-{cluster.suffix}")
    config["name"] = "orders-source"
    config["table.include.lst"] = config.pop("table.include.list")
    infos = validate(worker, "MySqlConnector", config)
    assert infos["error_count"] == 1, infos
    errors = errors_by_key(infos)
    assert len(errors["table.include.lst"]) == 1
    message = errors["table.include.lst"][0]
    assert "connector 'orders-source'" in message
    assert "did you mean 'table.include.list'?" in message
    assert all(not e for key, e in errors.items() if key != "table.include.lst"), errors
    assert os.environ["TRIB_MARIADB_PASSWORD"] not in str(infos)

    # The same key under a transform is checked against that transform's own keys.
    config = mysql_source_keys("shop", f"typo-{cluster.suffix}")
    config.update({"transforms": "unwrap",
                   "transforms.unwrap.type": "io.debezium.transforms.ExtractNewRecordState",
                   "transforms.unwrap.drop.tombstone": "false"})
    errors = errors_by_key(validate(worker, "MySqlConnector", config))
    assert "did you mean 'transforms.unwrap.drop.tombstones'?" in errors[
        "transforms.unwrap.drop.tombstone"][0]


def test_the_walkthroughs_connector_configs_validate_without_errors(cluster):
    worker = cluster("w1")
    env = os.environ
    source = scenario.parse_properties(scenario.render(
        "debezium-source.properties",
        {"<DBHOST>": env["TRIB_MARIADB_HOST"], "<DBUSER>": env["TRIB_MARIADB_USER"],
         "<DBPASSWORD>": env["TRIB_MARIADB_PASSWORD"], "<MSK-BOOTSTRAP>": env["TRIB_KAFKA_BOOTSTRAP"],
         "<REGION>": env["TRIB_S3_REGION"]}))
    sink = scenario.parse_properties(scenario.render(
        "s3-sink.properties",
        {"<BUCKET-NAME>": env["TRIB_S3_BUCKET"], "<REGION>": env["TRIB_S3_REGION"]}))
    for plugin, config in (("MySqlConnector", source), ("S3SinkConnector", sink)):
        infos = validate(worker, plugin, config)
        assert infos["error_count"] == 0, infos
        assert all(not c["value"]["errors"] for c in infos["configs"])

    # The declarations behind the check, as Kafka Connect's ConfigKeyInfo list.
    r = requests.get(f"{worker.url}/connector-plugins/S3SinkConnector/config", timeout=10)
    assert r.status_code == 200, r.text
    keys = {k["name"]: k for k in r.json()}
    assert keys["flush.size"]["required"] is True and keys["flush.size"]["type"] == "INT"
    assert keys["behavior.on.null.values"]["default_value"] == "ignore"
    assert "topics" in keys and "errors.tolerance" in keys
    r = requests.get(f"{worker.url}/connector-plugins/NoSuchConnector/config", timeout=10)
    assert r.status_code == 404


def test_creating_a_connector_with_an_unknown_key_works_and_the_log_names_the_key(cluster):
    worker = cluster("w1")
    name = f"typo-sink-{cluster.suffix}"
    config = sink_config(f"typo-{cluster.suffix}", **{"rotate.interval.mss": "1000",
                                                     "s3.proxy.password": "hunter2-proxy"})
    r = requests.post(f"{worker.url}/connectors", json={"name": name, "config": config},
                      timeout=60)
    assert r.status_code == 201, r.text
    wait_for("the connector to run", lambda: states(worker, name) == ("RUNNING", ["RUNNING"] * 2),
             worker=worker)
    log = worker.log_path.read_text(errors="replace")
    warnings = [line for line in log.splitlines() if "rotate.interval.mss" in line]
    assert len(warnings) == 1, log[-3000:]
    assert "warn" in warnings[0].lower()
    assert f"connector '{name}'" in warnings[0]
    assert "did you mean 'rotate.interval.ms'?" in warnings[0]
    assert "hunter2-proxy" not in log
    # Its stored config keeps the key, as Kafka Connect does.
    stored = requests.get(f"{worker.url}/connectors/{name}/config", timeout=10).json()
    assert stored["rotate.interval.mss"] == "1000"
    assert stored["s3.proxy.password"] != "hunter2-proxy"
