#!/usr/bin/env python3
"""How far apart the name vectors of translations and of different bodies are, for the
threshold that links organisation and place names to their translations
(crates/vigil-facts/src/names/meaning.rs).

    python3 scripts/translated-names.py [--model use|e5] [--data-dir DIR] [--vigil PATH]

Reads crates/vigil-facts/eval/translated-names.tsv (hand-written: `1` or `0`, a name, its
translation or a different body's name, tab-separated), embeds every name with
`vigil embed` (the release build unless --vigil says otherwise) and prints each pair's cosine, then how many translations and
how many different bodies reach the threshold. Standard library only.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "crates/vigil-facts/eval/translated-names.tsv"
THRESHOLD = 0.8


def main():
    args = sys.argv[1:]
    model = args[args.index("--model") + 1] if "--model" in args else "use"
    data_dir = args[args.index("--data-dir") + 1] if "--data-dir" in args else "vigil-data"
    vigil = args[args.index("--vigil") + 1] if "--vigil" in args else str(ROOT / "target/release/vigil")
    pairs = [line.rstrip("\n").split("\t") for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = "".join(json.dumps({"text": n}, ensure_ascii=False) + "\n" for _, a, b in pairs for n in (a, b))
    cmd = [vigil, "--data-dir", data_dir, "embed", "--model", model]
    if model == "e5":
        cmd.append("--query")
    out = subprocess.run(cmd, input=texts, capture_output=True, text=True, check=True).stdout
    vectors = [json.loads(line)["vector"] for line in out.splitlines()]

    def cosine(u, v):
        dot = sum(x * y for x, y in zip(u, v))
        return dot / ((sum(x * x for x in u) ** 0.5) * (sum(x * x for x in v) ** 0.5))

    scored = sorted(((cosine(vectors[2 * i], vectors[2 * i + 1]), same, a, b)
                     for i, (same, a, b) in enumerate(pairs)), reverse=True)
    for c, same, a, b in scored:
        print(f"{c:.3f}  {'translation' if same == '1' else 'different  '}  {a} | {b}")
    same = [c for c, s, _, _ in scored if s == "1"]
    other = [c for c, s, _, _ in scored if s == "0"]
    print(f"\n{model}: at {THRESHOLD}: {sum(c >= THRESHOLD for c in same)} of {len(same)} translations, "
          f"{sum(c >= THRESHOLD for c in other)} of {len(other)} different pairs; "
          f"highest different pair {max(other):.3f}")


if __name__ == "__main__":
    main()
