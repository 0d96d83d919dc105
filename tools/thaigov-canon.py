#!/usr/bin/env python3
"""Cut raw thaigov articles to the canonical form real-precision.py scans (title + body),
for `redline eval --fit-calibration`:

    tools/thaigov-canon.py tune.jsonl  (the first 2000 lines of ../shared/corpus/thaigov-dev.jsonl) > /tmp/tune-canon.jsonl

The cut is the same as in ../shared/tools/real-precision.py (kept in step by hand)."""
import json, re, sys

def canon(t):
    t = t.lstrip('\ufeff').replace('\r\n', '\n')
    lines = [l.strip() for l in t.split('\n')]
    prefix = 'รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-'
    if not lines or not lines[0].startswith(prefix):
        return None
    title = lines[0][len(prefix):].strip()
    body, started = [], False
    for l in lines[1:]:
        if not l:
            continue
        if re.match(r'^(วัน.+ที่ \d+ .+ \d{4}|\d{2}/\d{2}/\d{4}|พิมพ์)$', l):
            continue
        if l.startswith('ที่มา'):
            break
        if not started and l.replace(' ', '') == title.replace(' ', ''):
            continue
        started = True
        body.append(l)
    if len(body) < 2:
        return None
    c = title + "\n\n" + "\n\n".join(body) + "\n"
    return c if len(c) > 400 else None

for path in sys.argv[1:]:
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        c = canon(d['text'])
        if c:
            print(json.dumps({"id": d['id'], "text": c}, ensure_ascii=False))
