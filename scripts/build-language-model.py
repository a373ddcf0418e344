#!/usr/bin/env python3
"""Builds Vigil's character n-gram language model, `crates/vigil-text/src/language/ngrams.bin.gz`.

Training data: the n-gram counts shipped in the PyPI package `lingua-language-detector` 1.3.5
(Apache-2.0, by Peter M. Stahl), which its author counted on the Leipzig Corpora Collection
(news, web and Wikipedia sentences). None of it comes from the Universal Declaration of Human
Rights, on which Vigil's language identification is evaluated.

    pip download lingua-language-detector==1.3.5 --no-deps -d /tmp/lingua
    pip install brotli
    python3 scripts/build-language-model.py /tmp/lingua/lingua_language_detector-1.3.5-py3-none-any.whl

Lingua stores, per language and n-gram order (1..5), each n-gram of letters (n-grams never cross
a space or punctuation) with the fraction count(ngram) / count(ngram without its last letter),
i.e. the conditional probability of the last letter given the ones before it. We keep, per
language, every unigram and bigram and the most frequent trigrams and quadrigrams, and quantise
log-probabilities to steps of 0.1 nat.

Azerbaijani is also written in Cyrillic (and the Declaration has both spellings); its Cyrillic
model is its Latin one transliterated letter for letter.

Output format (little endian, then gzip):
    b"VLID" version:u8=2 max_order:u8 n_langs:u8 { code:2 bytes ascii, script:u8 }*
    (script: 0 Latin, 1 Cyrillic, 2 Arabic, 3 Devanagari)
    n_ngrams:u32 { len:u8 utf8:len n:u8 { lang:u8 q:u8 }* }*      log P = -q / 10
Only languages whose script is shared with other languages are in the model: a language that
owns its script (Thai, Greek, Korean...) is decided by script alone in `language/script.rs`.
"""
import argparse
import gzip
import json
import math
import struct
import sys
import zipfile

import brotli

# Languages decided by the model, grouped by the script they share (see `language/script.rs`).
GROUPS = {
    "latin": "af sq az eu bs ca hr cs da nl en eo et fi fr lg de hu is id ga it la lv lt ms mi "
    "nb nn pl pt ro sn sk sl so st es sw sv tl tn tr ts vi cy xh yo zu",
    "cyrillic": "be bg kk mk mn ru sr uk az",
    "arabic": "ar fa ur",
    "devanagari": "hi mr",
}
SCRIPT_IDS = {"latin": 0, "cyrillic": 1, "arabic": 2, "devanagari": 3}
# Models derived by transliteration: (language, script) -> letter map from the trained script.
TRANSLITERATED = {
    ("az", "cyrillic"): dict(zip(
        "abcçdeəfgğhxıijkqlmnoöprsştuüvyz",
        "абҹчдеәфҝғһхыижкглмноөпрсштуүвјз",
    )),
}
ORDERS = ["unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"]


def read_order(wheel, lang, order):
    name = f"lingua/language-models/{lang}/{ORDERS[order - 1]}.json.br"
    data = json.loads(brotli.decompress(wheel.read(name)))["ngrams"]
    out = []
    for fraction, ngrams in data.items():
        num, den = (int(x) for x in fraction.split("/"))
        for ngram in ngrams.split(" "):
            out.append((ngram, num, den))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wheel")
    ap.add_argument("--out", default="crates/vigil-text/src/language/ngrams.bin.gz")
    ap.add_argument("--max-order", type=int, default=4)
    ap.add_argument("--top", type=int, nargs="*", default=[0, 0, 6000, 6000, 6000],
                    help="per order, how many n-grams to keep per language (0 = all)")
    args = ap.parse_args()
    wheel = zipfile.ZipFile(args.wheel)
    langs = [(l, script) for script, g in GROUPS.items() for l in g.split()]
    table = {}  # ngram -> [(lang index, q)]
    for li, (lang, script) in enumerate(langs):
        letters = TRANSLITERATED.get((lang, script))
        for order in range(1, args.max_order + 1):
            rows = read_order(wheel, lang, order)
            if letters:
                rows = [("".join(letters[c] for c in ngram), num, den)
                        for ngram, num, den in rows if all(c in letters for c in ngram)]
            rows.sort(key=lambda r: -r[1])
            top = args.top[order - 1]
            if top:
                rows = rows[:top]
            for ngram, num, den in rows:
                q = min(255, round(-math.log(num / den) * 10))
                table.setdefault(ngram, []).append((li, q))
        print(lang, len(table), file=sys.stderr)
    out = bytearray(b"VLID")
    out += struct.pack("<BBB", 2, args.max_order, len(langs))
    for lang, script in langs:
        out += lang.encode("ascii") + struct.pack("<B", SCRIPT_IDS[script])
    out += struct.pack("<I", len(table))
    for ngram in sorted(table):
        entries = table[ngram]
        raw = ngram.encode("utf-8")
        out += struct.pack("<B", len(raw)) + raw + struct.pack("<B", len(entries))
        for li, q in entries:
            out += struct.pack("<BB", li, q)
    with open(args.out, "wb") as f:
        f.write(gzip.compress(bytes(out), compresslevel=9, mtime=0))
    print(f"{len(table)} n-grams, {len(out)} bytes raw", file=sys.stderr)


if __name__ == "__main__":
    main()
