"""Field-by-field comparison of Debezium's and Tributary's change events as Kafka Connect's
JsonConverter (schemas.enable=true) wrote them.

Fields that legitimately differ, and why they are not compared:
  source.version            the connector's release string (Debezium's vs Tributary's)
  ts_ms, ts_us, ts_ns       the envelope's: when the connector processed the event (wall clock)
  source.ts_ms/ts_us/ts_ns  of snapshot records only (op=r, and the schema-change records of
                            the schema snapshot): when the snapshot read the row (streamed
                            records carry the binlog event's time and are compared)
  ts_ms of schema-change and transaction records: wall clock (see above)
Everything else, including source.file, pos, row, gtid, server_id, thread, snapshot, and
every key and value schema, is compared exactly."""
import json
import re

WALL_CLOCK = ("ts_ms", "ts_us", "ts_ns")
# Textual forms of the ignored fields in JsonConverter's bytes: numbers and strings only occur
# in payloads (schema entries such as "version":1 or "field":"ts_ms" do not match).
_IGNORED_BYTES = [
    (re.compile(rb'"version":"[^"]*"'), b'"version":"*"'),
    (re.compile(rb'"(ts_ms|ts_us|ts_ns)":-?\d+'), rb'"\1":0'),
]


def normalize_payload(value):
    """A decoded value message with the fields that legitimately differ blanked."""
    if not isinstance(value, dict) or not isinstance(value.get("payload"), dict):
        return value
    payload = dict(value["payload"])
    for f in WALL_CLOCK:
        payload.pop(f, None)
    source = payload.get("source")
    if isinstance(source, dict):
        source = dict(source)
        source.pop("version", None)
        if payload.get("op") == "r" or ("ddl" in payload and source.get("snapshot") == "true"):
            for f in WALL_CLOCK:
                source.pop(f, None)
        payload["source"] = source
    return {"schema": value.get("schema"), "payload": payload}


def normalize_bytes(raw):
    if raw is None:
        return None
    for pattern, replacement in _IGNORED_BYTES:
        raw = pattern.sub(replacement, raw)
    return raw


def _diff_json(path, expected, actual, out):
    """Appends 'path: expected != actual' lines for every differing leaf."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if list(expected) != list(actual) and set(expected) == set(actual):
            out.append(f"{path}: key order {list(expected)} != {list(actual)}")
        for k in expected.keys() | actual.keys():
            _diff_json(f"{path}.{k}", expected.get(k, "<absent>"), actual.get(k, "<absent>"),
                       out)
    elif _is_field_list(expected) and _is_field_list(actual):
        # A struct schema's fields: matched by name, so one extra field is one difference.
        names_e, names_a = [f["field"] for f in expected], [f["field"] for f in actual]
        if names_e != names_a and set(names_e) == set(names_a):
            out.append(f"{path}: field order {names_e} != {names_a}")
        by_name = {f["field"]: f for f in actual}
        for f in expected:
            _diff_json(f"{path}[{f['field']}]", f, by_name.get(f["field"], "<absent>"), out)
        for name in set(names_a) - set(names_e):
            out.append(f"{path}[{name}]: only in tributary")
    elif isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual)):
            _diff_json(f"{path}[{i}]", e, a, out)
    elif expected != actual or type(expected) is not type(actual):
        out.append(f"{path}: debezium {json.dumps(expected)[:300]} != "
                   f"tributary {json.dumps(actual)[:300]}")


def _is_field_list(value):
    return isinstance(value, list) and value and \
        all(isinstance(f, dict) and "field" in f for f in value)


def decode(raw):
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError as e:  # not JSON, or not UTF-8: reported as a difference
        return f"<undecodable: {e}>"


class Comparison:
    """Collects every difference between two topics' messages, and counts what was compared."""

    def __init__(self):
        self.differences = []
        self.messages = 0
        self.byte_equal = 0
        self.leaves = 0

    def summary(self, limit=60):
        """The differences grouped by path (message indexes dropped): count and first case."""
        groups = {}
        for d in self.differences:
            path = re.sub(r"\[\d+\]", "[]", d.split(":", 1)[0])
            groups.setdefault(path, []).append(d)
        lines = [f"{len(v)}x {v[0]}" for v in groups.values()]
        more = f"\n... {len(lines) - limit} more kinds" if len(lines) > limit else ""
        return f"{len(self.differences)} differences of {len(lines)} kinds:\n" + \
            "\n".join(lines[:limit]) + more

    def compare_topic(self, topic, debezium, tributary):
        if len(debezium) != len(tributary):
            self.differences.append(
                f"{topic}: {len(debezium)} Debezium messages, {len(tributary)} Tributary")
        for i, ((dk, dv), (tk, tv)) in enumerate(zip(debezium, tributary)):
            where = f"{topic}[{i}]"
            self.messages += 1
            diffs = []
            _diff_json(f"{where}.key", decode(dk), decode(tk), diffs)
            expected, actual = normalize_payload(decode(dv)), normalize_payload(decode(tv))
            _diff_json(f"{where}.value", expected, actual, diffs)
            self.leaves += _count_leaves(expected)
            if diffs:
                self.differences += diffs
            elif normalize_bytes(dk) == normalize_bytes(tk) and \
                    normalize_bytes(dv) == normalize_bytes(tv):
                self.byte_equal += 1
            else:
                for part, d, t in (("key", dk, tk), ("value", dv, tv)):
                    d, t = normalize_bytes(d) or b"", normalize_bytes(t) or b""
                    if d != t:
                        at = next((i for i, (a, b) in enumerate(zip(d, t)) if a != b),
                                  min(len(d), len(t)))
                        self.differences.append(
                            f"{where}.{part} bytes: equal JSON, bytes differ at {at}:\n"
                            f"  debezium  {d[max(0, at - 150):at + 150]!r}\n"
                            f"  tributary {t[max(0, at - 150):at + 150]!r}")


def _count_leaves(value):
    if isinstance(value, dict):
        return sum(_count_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_count_leaves(v) for v in value)
    return 1
