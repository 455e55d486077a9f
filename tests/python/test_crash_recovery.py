"""Killing the embedded pipeline with SIGKILL at random moments and restarting it each time
ends with every row in object storage exactly once (deterministic object names, offsets that
only move past uploaded objects). It found two bugs: commit points inside a snapshot, and a
replay that restarted a sink's file inside one already uploaded."""
import random
import signal
import time

from conftest import require_env
import scenario

ROWS = 100_000
FLUSH = 1000


def test_sigkill_during_a_100k_row_run_loses_and_duplicates_nothing(tmp_path):
    require_env("TRIB_MARIADB_PORT", "TRIB_S3_ENDPOINT", "TRIB_S3_BUCKET")
    scenario.reset_world()
    # Half the rows before the first start (snapshot), half while it runs (binlog).
    insert = ("USE sampledatabase; INSERT INTO movies (movie_id, title, release_year) "
              "SELECT seq, CONCAT('movie ', seq), 1900 + seq % 120 FROM seq_{}_to_{};")
    scenario.run_sql(insert.format(1, ROWS // 2))

    rng = random.Random(20261127)
    pipeline = scenario.Pipeline(tmp_path, sink_overrides={"flush.size": str(FLUSH)})
    expected_objects = ROWS // FLUSH
    streamed = False
    for round_ in range(6):
        pipeline.start()
        time.sleep(rng.uniform(0.3, 2.0))
        if not streamed:
            scenario.run_sql(insert.format(ROWS // 2 + 1, ROWS))
            streamed = True
            time.sleep(rng.uniform(0.0, 1.0))
        pipeline.stop(sig=signal.SIGKILL)
    pipeline.start()
    try:
        keys = scenario.wait_objects(expected_objects, timeout=300, pipeline=pipeline)
    finally:
        pipeline.stop()

    assert len(keys) == expected_objects
    ids = []
    for key in keys:
        ids += scenario.read_rows(key).column("movie_id").to_pylist()
    assert len(ids) == ROWS
    assert sorted(ids) == list(range(1, ROWS + 1))
