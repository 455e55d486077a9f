#!/usr/bin/env python3
"""Our Parquet writer against pyarrow writing the same records with the same codec.

Runs bench/parquet/parquet_write_bench (our writer on N rows of a 12-column record, rows built
beforehand as Connect values), keeps the file it wrote, reads it back with pyarrow to get the
very same records as an Arrow table, then times pyarrow.parquet.write_table of that table into
memory with the same codec and level, dictionary encoding and 1 MiB pages. Both sides report
the best of --repeat runs, wall time and process CPU time (CPU time is the steadier one on a
shared machine).

Our writer encodes and compresses closed pages on other cores while it shreds rows (pyarrow's
write_table does everything on one thread), so it is measured both ways: wall time (rows/s)
and CPU time of the whole process, pool threads included; ratio(cpu) above 1 means we spend
less CPU.
--inline-compression makes ours single-threaded too.

MB/s is the in-memory Arrow size of the records over the time, the same numerator for both.

Usage: compare_pyarrow.py [--rows N] [--codecs snappy,gzip,zstd,none] [--repeat K]
                          [--build BUILD_DIR] [--inline-compression]
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

REPO = pathlib.Path(__file__).resolve().parents[2]
# Our defaults (parquet/codec.cc): gzip level 6, zstd level 3.
LEVELS = {"gzip": 6, "zstd": 3}


def time_pyarrow(table, codec, repeat):
    best_wall = best_cpu = float("inf")
    size = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression=codec, compression_level=LEVELS.get(codec),
                       use_dictionary=True, data_page_size=1 << 20, row_group_size=table.num_rows)
        size = len(sink.getvalue())
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, size


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--codecs", default="snappy,gzip,zstd,none")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build", default=str(REPO / "build"))
    parser.add_argument("--inline-compression", action="store_true",
                        help="our writer encodes and compresses on its own thread, as pyarrow")
    args = parser.parse_args()
    binary = pathlib.Path(args.build) / "bench" / "parquet" / "parquet_write_bench"
    if not binary.exists():
        sys.exit(f"{binary} is missing: build the parquet_write_bench target first")

    mode = ("ours encodes and compresses on the writing thread" if args.inline_compression
            else "ours encodes and compresses pages on other cores")
    print(f"{args.rows} rows of a 12-column record, best of {args.repeat}; "
          f"pyarrow {pa.__version__} write_table from an Arrow table; {mode}\n")
    header = (f"{'codec':8} {'ours rows/s':>12} {'pyarrow rows/s':>15} {'ratio':>6} "
              f"{'ours cpu s':>10} {'pyarrow cpu s':>13} {'ratio(cpu)':>10} "
              f"{'ours MB/s':>10} {'pyarrow MB/s':>13} {'ours file':>10} {'pyarrow file':>13}")
    print(header)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for codec in args.codecs.split(","):
            path = pathlib.Path(tmp) / f"ours_{codec}.parquet"
            command = [str(binary), "--rows", str(args.rows), "--codec", codec,
                       "--repeat", str(args.repeat), "--out", str(path)]
            if args.inline_compression:
                command.append("--inline-compression")
            out = subprocess.run(command,
                                 check=True, capture_output=True, text=True).stdout
            ours = json.loads(out)
            table = pq.read_table(path)
            assert table.num_rows == args.rows
            mb = table.nbytes / 1e6
            wall, cpu, size = time_pyarrow(table, codec, args.repeat)
            row = {
                "codec": codec,
                "rows": args.rows,
                "ours_inline_compression": args.inline_compression,
                "records_mb": mb,
                "ours_seconds": ours["seconds"],
                "ours_cpu_seconds": ours["cpu_seconds"],
                "ours_writer_thread_cpu_seconds": ours.get("writer_thread_cpu_seconds"),
                "ours_input_scan_cpu_seconds": ours["input_scan_cpu_seconds"],
                "ours_file_bytes": ours["file_bytes"],
                "pyarrow_seconds": wall,
                "pyarrow_cpu_seconds": cpu,
                "pyarrow_file_bytes": size,
            }
            results.append(row)
            print(f"{codec:8} {args.rows / ours['seconds']:12,.0f} {args.rows / wall:15,.0f} "
                  f"{wall / ours['seconds']:6.2f} {ours['cpu_seconds']:10.3f} {cpu:13.3f} "
                  f"{cpu / ours['cpu_seconds']:10.2f} "
                  f"{mb / ours['seconds']:10.1f} {mb / wall:13.1f} "
                  f"{ours['file_bytes'] / 1e6:9.1f}M {size / 1e6:12.1f}M")
    print("\nratio = pyarrow time / our time (above 1: we are faster).")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
