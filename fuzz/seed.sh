#!/usr/bin/env bash
# Seeds fuzz/corpus/extract from corpus/: every text as it is, cut into
# paragraphs, as JSONL lines, and a few hand-made edge cases.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus/extract
mkdir -p "$out"
i=0
for f in $(find corpus -name '*.txt' -o -name '*.jsonl' | sort); do
    cp "$f" "$out/$(basename "$f")"
    # paragraphs, each a seed of its own
    awk -v RS= -v dir="$out" -v base="$(basename "$f")" '{ print > (dir "/" base ".p" NR) }' "$f"
    if [[ $f == *.txt ]]; then
        python3 -c 'import json,sys; print(json.dumps({"id":"s","text":open(sys.argv[1],encoding="utf-8").read()}, ensure_ascii=False))' "$f" > "$out/$(basename "$f").jsonl"
    fi
    i=$((i + 1))
done
printf '' > "$out/empty"
printf ' date 2019-13 « Ouvert. M. X. [4]\n\n»' > "$out/garbled"
printf '{"id":1,"text":42}\n{"text":"a","lang":"de"}\n{bad\n' > "$out/jsonl-bad"
printf 'Caf\xe9 \xff\xfe au camp.' > "$out/latin1"
echo "seeded $(ls "$out" | wc -l) inputs into $out from $i corpus files"
