"""Renders the figures of one bench/e2e/main.py run as bench/results.md."""
import time

# Why a peer figure is missing; rendered as numbered notes under the table.
DEBEZIUM_AVRO_GAP = (
    "Debezium with Avro: Confluent's AvroConverter is not published on Maven Central; Apicurio's "
    "converter is, but it speaks only Apicurio Registry's own REST API, and that server is "
    "published only as a thin Quarkus jar (apicurio-registry-app 2.6.13.Final) whose "
    "dependency apicurio-registry-schema-util-provider cannot be resolved from Maven Central, "
    "so it cannot be built here; AWS Glue's converter (schema-registry-kafkaconnect-converter) "
    "is not served either; not measured.")
E2E_PEER_GAP = ("End to end to Parquet: the Java peer would be Confluent's S3 sink connector, "
                "which is not published on Maven Central (Confluent Hub only); not measured.")


def num(value, digits=0):
    if value is None or value != value:
        return "–"
    return f"{value:,.{digits}f}"


def ratio(ours, peer):
    if not ours or not peer or ours != ours or peer != peer:
        return "–"
    value = ours / peer
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.3f}×"


def catch_up_rows(label, ours, peer, peer_gap="–"):
    rows = []
    specs = [("events/s (higher is better)", "events_per_second", 0),
             ("CPU seconds per million events (lower is better)", "cpu_seconds_per_million", 1),
             ("peak RSS, MB (lower is better)", "peak_rss_mb", 0)]
    for name, key, digits in specs:
        peer_cell = num(peer[key], digits) if peer else peer_gap
        rows.append(f"| {label}: {name} | {num(ours[key], digits)} | {peer_cell} | "
                    f"{ratio(ours[key], peer[key]) if peer else '–'} |")
    return rows


def render(f):
    lines = []
    add = lines.append
    gaps = []

    def gap(text):
        gaps.append(text)
        return f"not measured ({len(gaps)})"

    v, m, w = f["versions"], f["machine"], f["workload"]
    loads = f["load"]
    add("# Benchmark results")
    add("")
    add(f"Written by `bench/run{' --quick' if f['quick'] else ''}` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; generating and measuring took "
        f"{f['seconds'] / 60:.1f} minutes (plus set-up and build). Reproduce with `bench/run` (see `bench/README.md`).")
    add("")
    add(f"- **Machine**: {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB memory, Linux "
        f"{m['kernel']}.")
    add(f"- **Load average** (1 min) sampled between phases: "
        f"{', '.join(f'{x:.1f}' for x in loads)}; highest seen during a catch-up: "
        f"{max(c['load_average'] for c in f['catch_up'].values()):.1f}.")
    if max(loads) > m["cores"]:
        add("  Other processes were using the machine (load above the core count): wall-clock "
            "rates of every system are depressed; CPU seconds per million events are the steadier "
            "comparison.")
    tables = w["tables"]
    add(f"- **Workload** (`bench/workload/generate.py`): {w['events']:,} change events in "
        f"{w['transactions']:,} transactions of 1 to 1000 rows. 12-column table `changes`: "
        f"{tables['changes']['insert']:,} inserts, {tables['changes']['update']:,} updates, "
        f"{tables['changes']['delete']:,} deletes; 100-column table `wide`: "
        f"{tables['wide']['insert']:,} inserts, {tables['wide']['update']:,} updates. "
        f"Binlog: {f['raw_binlog']['bytes'] / 1e6:,.0f} MB. Generated first; each system then "
        f"catches up from the binlog position where the workload starts (primed with "
        f"`snapshot.mode=no_data`), tombstones off, one task.")
    add(f"- **Versions**: Tributary {v['tributary']}; Debezium {v['debezium']} on Kafka Connect "
        f"{v['kafka_connect']} standalone ({v['java']}, -Xmx512m); Kafka broker "
        f"{v['kafka_broker']}; MariaDB {v['mariadb']}; pyarrow {v['pyarrow']}.")
    add("")
    add("Ratio is Tributary ÷ peer. Events/s count from the first record seen in Kafka to the "
        "last (process start-up excluded); CPU is the process's user+system time over the same "
        "span (/proc/<pid>/stat); peak RSS is VmHWM.")
    add("")
    add("| Metric | Tributary | Peer | Ratio |")
    add("|---|---:|---:|---:|")
    c = f["catch_up"]
    lines.extend(catch_up_rows("Source → Kafka, JSON (peer: Debezium)", c["trib_json"],
                               c.get("debe_json"), "not run (--skip)"))
    lines.extend(catch_up_rows("Source → Kafka, Avro + registry (peer: Debezium)", c["trib_avro"],
                               None, gap(DEBEZIUM_AVRO_GAP)))
    e2e = f["e2e_parquet"]
    add(f"| End to end, embedded, MariaDB → Parquet files (Avro, ExtractNewRecordState): events/s "
        f"| {num(e2e['events_per_second'])} | {gap(E2E_PEER_GAP)} | – |")
    add(f"| End to end, embedded: CPU seconds per million events / peak RSS, MB | "
        f"{num(e2e['cpu_seconds_per_million'], 1)} / {num(e2e['peak_rss_mb'])} | – | – |")
    raw = f["raw_binlog"]
    best = max(c["trib_json"]["events_per_second"], c["trib_avro"]["events_per_second"])
    add(f"| Ceiling: raw binlog stream (`mariadb-binlog --read-from-remote-server --raw`, no "
        f"decoding), events/s vs Tributary's best source → Kafka rate | {num(best)} | "
        f"{num(raw['events_per_second'])} ({raw['bytes_per_second'] / 1e6:,.0f} MB/s) | "
        f"{ratio(best, raw['events_per_second'])} |")
    if "failed" in f.get("decode", {}):
        add(f"| Decoder alone (`bench/binlog`) | {gap('binlog_decode_bench failed: ' + f['decode']['failed'])} | | |")
    elif "decode" in f:
        d = f["decode"]
        records, raw_d = d.get("records"), d.get("raw")
        if records and raw_d:
            add(f"| Decoder alone (`bench/binlog`, {records['rows']:,}-row 12-column binlog): rows/s "
                f"into Debezium records vs raw stream | {num(records['rows_per_second'])} | "
                f"{num(raw_d['rows_per_second'])} | {ratio(records['rows_per_second'], raw_d['rows_per_second'])} |")
        if records and d.get("verbose"):
            add(f"| Decoder alone: rows per CPU second vs MariaDB's decoder (`mariadb-binlog -v`) | "
                f"{num(records['rows_per_cpu_second'])} | {num(d['verbose']['rows_per_cpu_second'])} | "
                f"{ratio(records['rows_per_cpu_second'], d['verbose']['rows_per_cpu_second'])} |")
    if "latency" in f:
        lat = f["latency"]
        ours, peer = lat.get("tributary"), lat.get("debezium")
        for p in ("p50", "p99"):
            add(f"| Latency commit → Kafka consumer at 10,000 changes/s, JSON, {p}, ms (lower is "
                f"better) | {num(ours[p + '_ms'], 1)} | {num(peer[p + '_ms'], 1) if peer else '–'} | "
                f"{ratio(ours[p + '_ms'], peer[p + '_ms']) if peer else '–'} |")
        add(f"| Latency run: events delivered / generator's achieved rate | "
            f"{ours['events']:,} / {num(ours['achieved_rate'])}/s | "
            f"{(str(peer['events']) + ' / ' + num(peer['achieved_rate']) + '/s') if peer else '–'} | – |")
    else:
        add("| Latency commit → delivery at 10,000 changes/s | not run (--skip) | | |")
    if "failed" in f.get("parquet", {}):
        add(f"| Parquet writer vs pyarrow | {gap('compare_pyarrow.py failed: ' + f['parquet']['failed'])} | | |")
    elif "parquet" in f:
        p = f["parquet"]
        rows = p["rows"]
        add(f"| Parquet writer, {rows:,} 12-column rows, snappy: rows/s (peer: pyarrow "
            f"write_table) | {num(rows / p['ours_seconds'])} | {num(rows / p['pyarrow_seconds'])} | "
            f"{ratio(p['pyarrow_seconds'], p['ours_seconds'])} |")
        add(f"| Parquet writer: rows per CPU second | {num(rows / p['ours_cpu_seconds'])} | "
            f"{num(rows / p['pyarrow_cpu_seconds'])} | "
            f"{ratio(p['pyarrow_cpu_seconds'], p['ours_cpu_seconds'])} |")
    registry = f.get("registry")
    if registry is None:
        add("| Schema registry vs Karapace | not run (--skip) | | |")
    elif "markdown" not in registry:
        note = gap("Schema registry vs Karapace: " + (registry.get("missing") or registry.get("failed")))
        add(f"| Schema registry vs Karapace | {note} | | |")
    add("")
    for i, text in enumerate(gaps, 1):
        add(f"({i}) {text}  ")
    if gaps:
        add("")
    if registry and "markdown" in registry:
        add("## Schema registry vs Karapace (`bench/registry/compare_karapace.sh`)")
        add("")
        add(registry["markdown"])
        add("")
    add("## Targets (goals for the code, not test assertions)")
    add("")
    dj = c.get("debe_json")
    if dj:
        add(f"- Source → Kafka at least 10× Debezium's events/s: "
            f"{c['trib_json']['events_per_second'] / dj['events_per_second']:.1f}× (JSON).")
        add(f"- At most a tenth of Debezium's memory: "
            f"{c['trib_json']['peak_rss_mb'] / dj['peak_rss_mb']:.2f} of it (JSON).")
    add(f"- At least half the raw binlog rate: {best / raw['events_per_second']:.2f} of it.")
    if "ours_seconds" in f.get("parquet", {}):
        add(f"- At least pyarrow's Parquet speed: {f['parquet']['pyarrow_seconds'] / f['parquet']['ours_seconds']:.2f}×.")
    add("")
    return "\n".join(lines) + "\n"
