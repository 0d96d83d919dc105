#!/usr/bin/env python3
"""Regenerate damaged/NNN.txt from clean/NNN.txt + labels.jsonl and verify.

Checks: every clean article is UTF-8, LF-only, ends with exactly one newline;
insertions are in increasing offset order and distinct; damaged = clean with the
insertions applied; deleting exactly the inserted strings (at their positions
in the damaged text) gives back the clean text byte for byte; the damaged and
clean-only id sets partition clean/.
Usage: python3 build.py
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def read(p):
    b = open(p, 'rb').read()
    t = b.decode('utf-8')
    return t

def load_labels(path=os.path.join(HERE, 'labels.jsonl')):
    out = {}
    for ln in open(path, encoding='utf-8'):
        if ln.strip():
            r = json.loads(ln)
            out[r['id']] = r['insertions']
    return out

def apply(clean, ins):
    """Insert all insertions (clean offsets) -> damaged text."""
    t = clean
    for d in sorted(ins, key=lambda d: d['offset'], reverse=True):
        t = t[:d['offset']] + d['text'] + t[d['offset']:]
    return t

def damaged_spans(ins):
    """(start, end) of each insertion in the damaged text, same order as ins (sorted by offset)."""
    spans, shift = [], 0
    for d in ins:
        s = d['offset'] + shift
        spans.append((s, s + len(d['text'])))
        shift += len(d['text'])
    return spans

def remove(damaged, ins, which):
    """Delete insertions with indices in `which` from the damaged text."""
    spans = damaged_spans(ins)
    t = damaged
    for i in sorted(which, reverse=True):
        s, e = spans[i]
        t = t[:s] + t[e:]
    return t

def main():
    errors = []
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, 'clean')) if f.endswith('.txt'))
    for i in ids:
        b = open(os.path.join(HERE, 'clean', i + '.txt'), 'rb').read()
        t = b.decode('utf-8')
        if b'\r' in b: errors.append(f'{i}: CR in clean')
        if not t.endswith('\n') or t.endswith('\n\n'): errors.append(f'{i}: must end with exactly one newline')
        paras = t.rstrip('\n').split('\n\n')
        if any('\n' in p or p != p.strip() or not p for p in paras): errors.append(f'{i}: bad paragraph layout')
    labels = load_labels()
    co = [l.strip() for l in open(os.path.join(HERE, 'clean_only.txt'), encoding='utf-8') if l.strip()]
    if sorted(list(labels) + co) != ids: errors.append('labels ids + clean_only ids != clean ids')
    if set(labels) & set(co): errors.append('id both damaged and clean-only')
    os.makedirs(os.path.join(HERE, 'damaged'), exist_ok=True)
    for f in os.listdir(os.path.join(HERE, 'damaged')):
        if f[:-4] not in labels:
            os.remove(os.path.join(HERE, 'damaged', f))
    n_ins = 0
    for i, ins in sorted(labels.items()):
        clean = read(os.path.join(HERE, 'clean', i + '.txt'))
        offs = [d['offset'] for d in ins]
        if offs != sorted(offs) or len(set(offs)) != len(offs): errors.append(f'{i}: offsets not strictly increasing')
        if not 1 <= len(ins) <= 4: errors.append(f'{i}: {len(ins)} insertions')
        for d in ins:
            if not (0 <= d['offset'] <= len(clean)): errors.append(f'{i}: offset out of range')
            if d['kind'] not in ('spam', 'duplicate'): errors.append(f'{i}: bad kind')
            if not d['text']: errors.append(f'{i}: empty insertion')
        dmg = apply(clean, ins)
        n_ins += len(ins)
        for k, (s, e) in enumerate(damaged_spans(ins)):
            if dmg[s:e] != ins[k]['text']: errors.append(f'{i}: span {k} mismatch')
        if remove(dmg, ins, range(len(ins))) != clean: errors.append(f'{i}: removal does not restore clean')
        if dmg == clean: errors.append(f'{i}: damaged equals clean')
        if not dmg.endswith('\n') or '\r' in dmg: errors.append(f'{i}: damaged newline problem')
        with open(os.path.join(HERE, 'damaged', i + '.txt'), 'w', encoding='utf-8', newline='\n') as fh:
            fh.write(dmg)
        # re-read bytes and verify round trip byte for byte
        if remove(read(os.path.join(HERE, 'damaged', i + '.txt')), ins, range(len(ins))).encode('utf-8') != open(os.path.join(HERE, 'clean', i + '.txt'), 'rb').read():
            errors.append(f'{i}: byte round trip failed')
    if errors:
        print('\n'.join('ERROR ' + e for e in errors)); sys.exit(1)
    print(f'OK: {len(ids)} clean, {len(labels)} damaged ({n_ins} insertions), {len(co)} clean-only; all round trips byte-exact')

if __name__ == '__main__':
    main()
