#!/usr/bin/env python3
"""The benchmark workload: a realistic change stream written into MariaDB.

Subcommands (each talks to the server through the `mariadb` client on the scripts/services
socket, as the admin user, from the TRIB_MARIADB_* variables):

  schema               creates database `bench` with three tables:
                         changes  12 columns: BIGINT key, INT, SMALLINT NULL, DECIMAL(12,2),
                                  VARCHAR(64), TEXT NULL, DATETIME(6), TIMESTAMP, ENUM, JSON NULL,
                                  DOUBLE NULL, TINYINT NULL
                         wide     100 columns: BIGINT key, 33 INT, 33 VARCHAR(32), 33 DECIMAL(10,2)
                         marker   one INT key (the harness inserts a row to find the binlog end)
  changes [--changes N] [--wide W] [--seed S]
                       N row changes to `changes` (inserts, updates and deletes mixed inside
                       transactions of 1 to 1000 rows) and W to `wide`, interleaved; prints a
                       JSON summary with the exact number of change events per table and op
  paced --rate R --seconds T [--id-base B]
                       inserts R rows per second into `changes` for T seconds, 100 transactions
                       per second, each row's created_at set to the server's NOW(6) (UTC): the
                       commit time a latency consumer compares its delivery time with

Generation speed is not what is measured, but it must not take long: rows are sent as
multi-row statements through one client process reading a pipe.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

NARROW_COLUMNS = ("id, account_id, quantity, amount, name, note, created_at, status, attrs, "
                  "score, flag")
STATUSES = ("new", "paid", "shipped", "cancelled")
WIDE_INTS = 33
WIDE_STRINGS = 33
WIDE_DECIMALS = 33

SCHEMA = f"""
CREATE DATABASE IF NOT EXISTS bench;
USE bench;
CREATE TABLE changes (
  id BIGINT NOT NULL PRIMARY KEY,
  account_id INT NOT NULL,
  quantity SMALLINT NULL,
  amount DECIMAL(12,2) NOT NULL,
  name VARCHAR(64) NOT NULL,
  note TEXT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  status ENUM('new','paid','shipped','cancelled') NOT NULL,
  attrs JSON NULL,
  score DOUBLE NULL,
  flag TINYINT NULL
) ENGINE=InnoDB;
CREATE TABLE wide (
  id BIGINT NOT NULL PRIMARY KEY,
  {", ".join(f"i{k} INT NULL" for k in range(WIDE_INTS))},
  {", ".join(f"s{k} VARCHAR(32) NULL" for k in range(WIDE_STRINGS))},
  {", ".join(f"d{k} DECIMAL(10,2) NULL" for k in range(WIDE_DECIMALS))}
) ENGINE=InnoDB;
CREATE TABLE marker (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
"""


def client():
    """A `mariadb` client reading SQL from a pipe, on the services' socket as admin."""
    for name in ("TRIB_MARIADB_SOCKET", "TRIB_MARIADB_ADMIN_USER", "TRIB_MARIADB_ADMIN_PASSWORD"):
        if name not in os.environ:
            sys.exit(f"generate: {name} is not set; source the scripts/services env file")
    env = dict(os.environ, MYSQL_PWD=os.environ["TRIB_MARIADB_ADMIN_PASSWORD"])
    return subprocess.Popen(
        ["mariadb", "--no-defaults", f"--socket={os.environ['TRIB_MARIADB_SOCKET']}",
         f"--user={os.environ['TRIB_MARIADB_ADMIN_USER']}", "--batch", "--silent"],
        stdin=subprocess.PIPE, env=env, text=True, bufsize=1 << 20)


def finish(proc):
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit(f"generate: the mariadb client failed (exit {proc.returncode})")


class NarrowRows:
    """Row values for `changes`, drawn from small pools so that generating a million is quick."""

    def __init__(self, rng):
        self.rng = rng
        words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                 "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"]
        self.names = [f"'{rng.choice(words)} {rng.choice(words)} {i}'" for i in range(997)]
        self.notes = ["'" + " ".join(rng.choice(words) for _ in range(rng.randint(8, 40))) + "'"
                      for _ in range(499)] + ["NULL"] * 100
        self.attrs = [f"'{{\"k\": {i}, \"tags\": [\"{rng.choice(words)}\", \"{rng.choice(words)}\"], "
                      f"\"vip\": {'true' if i % 3 == 0 else 'false'}}}'" for i in range(331)] + \
                     ["NULL"] * 150

    def row(self, row_id, created_at=None):
        """One VALUES tuple; created_at, when given, is an SQL expression such as NOW(6)."""
        r = self.rng
        second = r.randrange(86400 * 365)
        created_at = created_at or (
            f"'2025-{1 + second // (86400 * 31) % 12:02d}-{1 + second // 86400 % 28:02d} "
            f"{second // 3600 % 24:02d}:{second // 60 % 60:02d}:{second % 60:02d}."
            f"{r.randrange(10 ** 6):06d}'")
        return (f"({row_id},{r.randrange(1 << 30)},"
                f"{'NULL' if row_id % 10 == 0 else r.randrange(-30000, 30000)},"
                f"{r.randrange(10 ** 9)}.{r.randrange(100):02d},"
                f"{self.names[row_id % 997]},{self.notes[row_id % 599]},{created_at},"
                f"'{STATUSES[row_id % 4]}',{self.attrs[row_id % 481]},"
                f"{'NULL' if row_id % 7 == 0 else repr(r.random() * 1000)},"
                f"{'NULL' if row_id % 5 == 0 else row_id % 2})")


def wide_row(rng, row_id):
    ints = ",".join("NULL" if (row_id + k) % 11 == 0 else str(rng.randrange(1 << 31))
                    for k in range(WIDE_INTS))
    strings = ",".join(f"'w{row_id}-{k}'" for k in range(WIDE_STRINGS))
    decimals = ",".join(f"{rng.randrange(10 ** 7)}.{k:02d}" for k in range(WIDE_DECIMALS))
    return f"({row_id},{ints},{strings},{decimals})"


class LiveRange:
    """The table's rows are always the ids [low, high): deletes take the oldest, inserts
    append, updates hit a window inside, so every statement changes exactly the rows counted."""

    def __init__(self):
        self.low = self.high = 1

    def size(self):
        return self.high - self.low


def narrow_transaction(rng, rows, live, size, counts):
    deletes = min(size * 15 // 100, live.size() // 2)
    updates = min(size * 25 // 100, live.size() - deletes)
    inserts = size - deletes - updates
    sql = ["BEGIN;"]
    if deletes:
        sql.append(f"DELETE FROM changes WHERE id BETWEEN {live.low} AND {live.low + deletes - 1};")
        live.low += deletes
    if updates:
        start = rng.randint(live.low, live.high - updates)
        sql.append(f"UPDATE changes SET amount = amount + 1.25, quantity = NULL, "
                   f"status = ELT(1 + (id + {rng.randrange(4)}) % 4, {', '.join(repr(s) for s in STATUSES)}), "
                   f"attrs = JSON_OBJECT('updated', id) "
                   f"WHERE id BETWEEN {start} AND {start + updates - 1};")
    if inserts:
        values = ",".join(rows.row(live.high + i) for i in range(inserts))
        sql.append(f"INSERT INTO changes ({NARROW_COLUMNS}) VALUES {values};")
        live.high += inserts
    sql.append("COMMIT;")
    counts["insert"] += inserts
    counts["update"] += updates
    counts["delete"] += deletes
    return "\n".join(sql) + "\n"


def wide_transaction(rng, live, size, counts):
    updates = min(size * 30 // 100, live.size())
    inserts = size - updates
    sql = ["BEGIN;"]
    if updates:
        start = rng.randint(live.low, live.high - updates)
        sql.append(f"UPDATE wide SET i0 = IFNULL(i0, 0) + 1, s0 = CONCAT('u', id), d0 = IFNULL(d0, 0) + 1 "
                   f"WHERE id BETWEEN {start} AND {start + updates - 1};")
    if inserts:
        values = ",".join(wide_row(rng, live.high + i) for i in range(inserts))
        sql.append(f"INSERT INTO wide VALUES {values};")
        live.high += inserts
    sql.append("COMMIT;")
    counts["insert"] += inserts
    counts["update"] += updates
    return "\n".join(sql) + "\n"


def cmd_schema(_args):
    proc = client()
    proc.stdin.write(SCHEMA)
    finish(proc)


def cmd_changes(args):
    rng = random.Random(args.seed)
    rows = NarrowRows(rng)
    narrow, wide = LiveRange(), LiveRange()
    counts = {"changes": {"insert": 0, "update": 0, "delete": 0},
              "wide": {"insert": 0, "update": 0, "delete": 0}}
    transactions = 0
    started = time.monotonic()
    proc = client()
    proc.stdin.write("USE bench;\n")
    narrow_left, wide_left = args.changes, args.wide
    while narrow_left or wide_left:
        pick_wide = rng.randrange(narrow_left + wide_left) < wide_left
        size = rng.randint(1, 1000)
        if pick_wide:
            size = min(size, wide_left)
            proc.stdin.write(wide_transaction(rng, wide, size, counts["wide"]))
            wide_left -= size
        else:
            size = min(size, narrow_left)
            proc.stdin.write(narrow_transaction(rng, rows, narrow, size, counts["changes"]))
            narrow_left -= size
        transactions += 1
    finish(proc)
    events = sum(sum(c.values()) for c in counts.values())
    print(json.dumps({"events": events, "transactions": transactions, "tables": counts,
                      "seconds": round(time.monotonic() - started, 1)}))


def cmd_paced(args):
    rng = random.Random(args.seed)
    rows = NarrowRows(rng)
    per_tick = max(1, args.rate // 100)
    proc = client()
    proc.stdin.write("USE bench;\nSET time_zone = '+00:00';\n")
    next_id = args.id_base
    start = time.monotonic()
    ticks = args.seconds * 100
    for tick in range(ticks):
        delay = start + tick / 100 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        # NOW(6) is taken at execution; the statement commits (autocommit) right after.
        values = ",".join(rows.row(next_id + i, "NOW(6)") for i in range(per_tick))
        proc.stdin.write(f"INSERT INTO changes ({NARROW_COLUMNS}) VALUES {values};\n")
        proc.stdin.flush()
        next_id += per_tick
    finish(proc)
    print(json.dumps({"events": next_id - args.id_base, "seconds": round(time.monotonic() - start, 1)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("schema").set_defaults(run=cmd_schema)
    changes = sub.add_parser("changes")
    changes.add_argument("--changes", type=int, default=1_000_000)
    changes.add_argument("--wide", type=int, default=50_000)
    changes.add_argument("--seed", type=int, default=8)
    changes.set_defaults(run=cmd_changes)
    paced = sub.add_parser("paced")
    paced.add_argument("--rate", type=int, default=10_000)
    paced.add_argument("--seconds", type=int, default=30)
    paced.add_argument("--id-base", type=int, default=10 ** 12)
    paced.add_argument("--seed", type=int, default=9)
    paced.set_defaults(run=cmd_paced)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
