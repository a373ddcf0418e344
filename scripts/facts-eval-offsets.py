#!/usr/bin/env python3
"""Fill in and check the byte offsets of the hand-written facts evaluation set.

Usage: scripts/facts-eval-offsets.py [eval/facts.jsonl]

Annotators write each expected fact's passage (`text`) and its fields; this script finds the
passage in the sentence and writes its UTF-8 byte range (`start`, `end`), so no offset is ever
typed by hand. A passage that is absent, or present more than once without an `occurrence`
(0-based index among its occurrences), is an error. Every field of the fact's kind is written
(`null` when empty) in a fixed order, as `vigil facts --json` prints them. The file is
rewritten in place only when every line is valid.
"""

import json
import sys

KIND_FIELDS = {
    "quantity": ["value_max", "approx", "magnitude", "ordinal"],
    "percent": ["value_max", "approx"],
    "money": ["currency", "value_max", "approx"],
    "vote": ["for", "against", "abstain", "body"],
    "date": ["date", "relative"],
    "person": [],
    "organization": [],
    "place": [],
}
COMMON = ["kind", "text", "start", "end", "value", "unit", "subject_key"]
UNITS = {
    "person", "state", "vote", "amendment", "resolution", "article", "session", "meeting",
    "year", "month", "week", "day", "hour", "minute", "percent", "currency", "place",
    "organization", "seat", "document", "case", "kilometre", "item",
}
APPROX = {None, "gt", "ge", "about", "le", "lt"}
BOOL_DEFAULT_FALSE = {"ordinal", "relative"}


def byte_range(text, passage, occurrence):
    hits = []
    i = text.find(passage)
    while i >= 0:
        hits.append(i)
        i = text.find(passage, i + 1)
    if not hits:
        raise ValueError(f"passage {passage!r} not in text")
    if occurrence is None and len(hits) > 1:
        raise ValueError(f"passage {passage!r} occurs {len(hits)} times: give an occurrence")
    k = occurrence or 0
    if k >= len(hits):
        raise ValueError(f"passage {passage!r} has no occurrence {k}")
    start = len(text[: hits[k]].encode("utf-8"))
    return start, start + len(passage.encode("utf-8"))


def normalise_fact(text, fact):
    kind = fact.get("kind")
    if kind not in KIND_FIELDS:
        raise ValueError(f"unknown kind {kind!r}")
    known = set(COMMON) | set(KIND_FIELDS[kind]) | {"occurrence"}
    unknown = set(fact) - known
    if unknown:
        raise ValueError(f"fields {sorted(unknown)} do not belong to a {kind} fact")
    start, end = byte_range(text, fact["text"], fact.get("occurrence"))
    out = {"kind": kind, "text": fact["text"], "start": start, "end": end}
    for field in ["value", "unit", "subject_key"] + KIND_FIELDS[kind]:
        out[field] = fact.get(field, False if field in BOOL_DEFAULT_FALSE else None)
    if out["unit"] is not None and out["unit"] not in UNITS:
        raise ValueError(f"unknown unit {out['unit']!r}")
    if out.get("approx") not in APPROX:
        raise ValueError(f"unknown approx {out['approx']!r}")
    if kind == "quantity" and out["unit"] is None:
        raise ValueError("a quantity needs a unit")
    if kind == "quantity" and out["value"] is None and out["magnitude"] is None:
        raise ValueError("a vague quantity needs a magnitude")
    if kind == "money" and not out["currency"]:
        raise ValueError("money needs a currency")
    if kind == "date" and out["relative"] is False and out["date"] is None:
        raise ValueError("an absolute date needs its date")
    if "occurrence" in fact:
        out["occurrence"] = fact["occurrence"]
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "eval/facts.jsonl"
    rows, errors, ids = [], [], set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if row["id"] in ids:
                    raise ValueError(f"duplicate id {row['id']}")
                ids.add(row["id"])
                facts = [normalise_fact(row["text"], fact) for fact in row["facts"]]
                rows.append({"id": row["id"], "lang": row["lang"],
                             "doc_date": row.get("doc_date"), "text": row["text"],
                             "facts": facts})
            except (ValueError, KeyError, json.JSONDecodeError) as e:
                errors.append(f"{path}:{n}: {e}")
    if errors:
        sys.exit("\n".join(errors))
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{path}: {len(rows)} sentences, {sum(len(r['facts']) for r in rows)} facts")


if __name__ == "__main__":
    main()
