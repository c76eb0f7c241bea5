#!/usr/bin/env python3
"""bilan at scale: start-up time, time and peak RSS from 10 MB to 1 GB, 1 vs 2+ cores.

Generates JSONL inputs of the given sizes by repeating the corpus texts (each
copy its own document), then times `bilan extract --quiet --format docs FILE`
with --jobs 1 and --jobs N, reading each run's peak RSS from wait4().
Start-up: median wall time of `bilan extract` on a one-sentence document.
Usage: bench_scale.py --bilan target/release/bilan [--sizes 10,100,300] [--jobs 2]
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


def texts(corpus):
    out = [p.read_text(encoding="utf-8") for p in sorted(Path(corpus).rglob("*.txt"))]
    if not out:
        sys.exit(f"no .txt under {corpus}")
    return out


def generate(path, mb, ts):
    words = 0
    size = 0
    i = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < mb * 1_000_000:
            t = ts[i % len(ts)]
            line = json.dumps({"id": f"d{i}", "text": t}, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode("utf-8"))
            words += len(t.split())
            i += 1
    return i, words, size


def run(cmd):
    """Wall seconds and peak RSS (MB) of one run, output discarded."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr.read().decode()}")
    return wall, ru.ru_maxrss / 1024, ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bilan", required=True)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--sizes", default="10,100,300")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--tmp", default=None)
    a = ap.parse_args()
    ts = texts(a.corpus)
    tmp = Path(a.tmp or tempfile.mkdtemp(prefix="bilan-scale-"))
    tmp.mkdir(parents=True, exist_ok=True)

    one = tmp / "one.txt"
    one.write_text("L'armée malienne a perdu 53 soldats vendredi à Indelimane.\n", encoding="utf-8")
    starts = [run([a.bilan, "extract", "--quiet", "--jobs", "1", str(one)]) for _ in range(21)]
    st = statistics.median(w for w, _, _ in starts)
    print(f"start-up (extract of one sentence, median of 21): {st * 1000:.1f} ms wall, "
          f"{statistics.median(c for _, _, c in starts) * 1000:.1f} ms CPU, "
          f"peak RSS {max(r for _, r, _ in starts):.1f} MB")
    print()
    jn = f"j{a.jobs}"
    print("j1 = --jobs 1, jN = --jobs N; s = wall seconds, cpu = user+sys seconds; "
          "words/s per wall second (and per CPU second)")
    print(f"{'input':>8} {'docs':>8} {'words':>11} | {'j1 s':>7} {'j1 cpu':>7} {'j1 MB/s':>7} "
          f"{'j1 words/s':>11} {'/cpu-s':>11} {'RSS MB':>6} | {jn + ' s':>7} {jn + ' cpu':>7} "
          f"{'speed-up':>8} {'RSS MB':>6}")
    for mb in [int(x) for x in a.sizes.split(",")]:
        f = tmp / f"in-{mb}MB.jsonl"
        ndocs, words, size = generate(f, mb, ts)
        base = [a.bilan, "extract", "--quiet", "--format", "docs"]
        w1, r1, c1 = run(base + ["--jobs", "1", str(f)])
        wn, rn, cn = run(base + ["--jobs", str(a.jobs), str(f)])
        print(f"{mb:>6}MB {ndocs:>8} {words:>11} | {w1:>7.2f} {c1:>7.2f} {size / w1 / 1e6:>7.1f} "
              f"{words / w1:>11,.0f} {words / c1:>11,.0f} {r1:>6.1f} | {wn:>7.2f} {cn:>7.2f} "
              f"{w1 / wn:>8.2f} {rn:>6.1f}")
        f.unlink()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
