"""`tributary glue` against our schema registry's Confluent REST API.

Starts the registry as test_registry_confluent_client.py does (TRIB_BUILD_DIR selects the build
folder), registers two versions of the movies value schema under the Glue registry
msk-connect-blog-values (Confluent subject ":.msk-connect-blog-values:<schema>") and runs the
tributary binary (TRIB_BINARY, else build/tributary) for every glue subcommand.
"""
import json
import os
import pathlib
import subprocess
import sys
import urllib.parse

import pytest
import requests

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from test_registry_confluent_client import MOVIES_V1, MOVIES_V2, RegistryProcess  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = pathlib.Path(os.environ.get("TRIB_BINARY", ROOT / "build" / "tributary"))
GLUE_REGISTRY = "msk-connect-blog-values"
SCHEMA = "db1.sampledatabase.movies"


@pytest.fixture
def registry(tmp_path):
    server = RegistryProcess(tmp_path / "registry-data").start()
    subject = urllib.parse.quote(f":.{GLUE_REGISTRY}:{SCHEMA}", safe="")
    # v2 adds a field without a default, which BACKWARD (the default) refuses.
    answer = requests.put(f"{server.url}/config/{subject}", json={"compatibility": "NONE"},
                          timeout=10)
    assert answer.status_code == 200, answer.text
    ids = []
    for schema in (MOVIES_V1, MOVIES_V2):
        answer = requests.post(f"{server.url}/subjects/{subject}/versions",
                               json={"schema": json.dumps(schema)}, timeout=10)
        assert answer.status_code == 200, answer.text
        ids.append(answer.json()["id"])
    server.ids = ids
    yield server
    server.stop()


def glue(registry_url, *args):
    assert BINARY.exists(), f"{BINARY} is missing: build the tributary target or set TRIB_BINARY"
    return subprocess.run([str(BINARY), "glue", "--registry-url", registry_url, *args],
                          capture_output=True, text=True, timeout=60)


def test_registries_schemas_and_versions(registry):
    out = glue(registry.url, "registries")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [GLUE_REGISTRY]

    out = glue(registry.url, "schemas", GLUE_REGISTRY)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [SCHEMA]

    out = glue(registry.url, "versions", GLUE_REGISTRY, SCHEMA)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        f"version 1  id {registry.ids[0]}  compatibility NONE",
        f"version 2  id {registry.ids[1]}  compatibility NONE",
    ]


def test_show_prints_the_registered_schema(registry):
    for version, expected in (("1", MOVIES_V1), ("latest", MOVIES_V2)):
        out = glue(registry.url, "show", GLUE_REGISTRY, SCHEMA, version)
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == expected
        assert out.stdout.startswith("{\n  "), "pretty-printed"


def test_diff_lists_the_added_field(registry):
    out = glue(registry.url, "diff", GLUE_REGISTRY, SCHEMA, "1", "2")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["+ COUNTRY: string (no default)"]
    out = glue(registry.url, "diff", GLUE_REGISTRY, SCHEMA, "2", "1")
    assert out.stdout.splitlines() == ["- COUNTRY: string (no default)"]


def test_unknown_names_and_versions_are_errors_naming_them(registry):
    out = glue(registry.url, "schemas", "no-such-registry")
    assert out.returncode == 1
    assert "Glue registry 'no-such-registry' not found" in out.stderr
    assert GLUE_REGISTRY in out.stderr

    out = glue(registry.url, "versions", GLUE_REGISTRY, "no.such.schema")
    assert out.returncode == 1
    assert "schema 'no.such.schema' not found in Glue registry" in out.stderr

    out = glue(registry.url, "show", GLUE_REGISTRY, SCHEMA, "7")
    assert out.returncode == 1
    assert "version '7' of schema" in out.stderr and "versions: 1, 2" in out.stderr

    out = glue(registry.url, "show", GLUE_REGISTRY, SCHEMA, "seven")
    assert out.returncode == 2


def test_unreachable_registry_is_an_error(tmp_path):
    out = glue("http://127.0.0.1:1", "registries")
    assert out.returncode == 1
    assert "unreachable" in out.stderr and "127.0.0.1:1" in out.stderr
