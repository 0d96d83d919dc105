#!/usr/bin/env python3
"""Score a tool's outputs against this dev set.

Usage: python3 score.py OUT [--max-diff N]
  OUT/damaged/NNN.txt  tool output for damaged/NNN.txt   (26 files)
  OUT/clean/NNN.txt    tool output for clean/NNN.txt     (all 36 files)

Metrics
  * exact restoration rate: damaged outputs equal to clean byte for byte
  * clean articles changed: clean outputs that differ from their input (listed)
  * per-insertion-type recall: an insertion counts as removed only when the
    output equals the damaged text with some set of insertions removed that
    includes it, and nothing else changed
  * unlisted-spam recall: the same, restricted to likely_unlisted spam
For every failure the ids, the insertions left, and (for collateral changes)
a short token-level unified diff are printed.
"""
import difflib, itertools, os, re, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build import load_labels, apply, remove  # noqa: E402

def rd(p):
    try:
        return open(p, 'rb').read().decode('utf-8', errors='replace')
    except FileNotFoundError:
        return None

def vis(s):
    s = s.replace('\n', '⏎')
    return re.sub(r'[\u200b-\u200f\u2060\ufeff\u00ad]', lambda m: '<U+%04X>' % ord(m.group()), s)

def tokdiff(a, b, n=2, maxlines=30, names=('expected', 'actual')):
    """Unified diff over space/newline-separated tokens (paragraphs are long lines)."""
    ta = [vis(x) for x in re.findall(r'[^ \n]+[ \n]*|[ \n]+', a)]
    tb = [vis(x) for x in re.findall(r'[^ \n]+[ \n]*|[ \n]+', b)]
    lines = list(difflib.unified_diff(ta, tb, names[0], names[1], n=n, lineterm=''))
    if len(lines) > maxlines:
        lines = lines[:maxlines] + ['    ... (%d more diff lines)' % (len(lines) - maxlines)]
    return '\n'.join('    ' + l for l in lines)

def short(s, k=60):
    v = vis(s)
    return v if len(v) <= k else v[:k] + '…'

def main():
    args = sys.argv[1:]
    maxd = 30
    if '--max-diff' in args:
        j = args.index('--max-diff'); maxd = int(args[j + 1]); del args[j:j + 2]
    if len(args) != 1:
        print(__doc__); sys.exit(2)
    out = args[0]
    labels = load_labels()
    ids = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, 'clean')) if f.endswith('.txt'))

    tot = defaultdict(int); hit = defaultdict(int)
    exact = 0; failures = []
    for i, ins in sorted(labels.items()):
        clean = rd(os.path.join(HERE, 'clean', i + '.txt'))
        dmg = apply(clean, ins)
        got = rd(os.path.join(out, 'damaged', i + '.txt'))
        cands = {}
        for r in range(len(ins), -1, -1):          # larger removal sets first
            for S in itertools.combinations(range(len(ins)), r):
                cands.setdefault(remove(dmg, ins, S), set(S))
        removed = cands.get(got) if got is not None else None
        for k, d in enumerate(ins):
            keys = [('kind', d['kind']), ('type', d['kind'] + '/' + d['type']), ('all', 'all')]
            if d['kind'] == 'spam':
                keys.append(('unlisted', 'unlisted-spam' if d.get('likely_unlisted') else 'listed-spam'))
            ok = removed is not None and k in removed
            for key in keys:
                tot[key] += 1; hit[key] += ok
        if got == clean:
            exact += 1
            continue
        msg = [f'[damaged {i}]']
        if got is None:
            msg.append('  MISSING output file')
        elif removed is not None:
            left = [k for k in range(len(ins)) if k not in removed]
            for k in left:
                d = ins[k]
                msg.append(f"  left #{k} {d['kind']}/{d['type']} @{d['offset']}: \"{short(d['text'])}\"")
        else:
            # collateral change: find the closest partial-removal candidate to explain it
            best = max(cands, key=lambda c: difflib.SequenceMatcher(None, c, got, autojunk=False).ratio())
            left = [k for k in range(len(ins)) if k not in cands[best]]
            msg.append('  COLLATERAL change (output is not damaged-minus-insertions); no insertion credited')
            for k in left:
                d = ins[k]
                msg.append(f"  probably left #{k} {d['kind']}/{d['type']} @{d['offset']}: \"{short(d['text'])}\"")
            msg.append('  diff expected(clean) -> actual:')
            msg.append(tokdiff(clean, got, maxlines=maxd))
            if best != clean:
                msg.append('  diff closest partial repair -> actual (collateral only):')
                msg.append(tokdiff(best, got, maxlines=maxd, names=('partial-repair', 'actual')))
        failures.append('\n'.join(msg))

    changed = []; missing_clean = []
    for i in ids:
        clean = rd(os.path.join(HERE, 'clean', i + '.txt'))
        got = rd(os.path.join(out, 'clean', i + '.txt'))
        if got is None:
            missing_clean.append(i); continue
        if got != clean:
            changed.append(i)
            failures.append(f'[clean {i}] CHANGED a clean article' + (' (clean-only id)' if i not in labels else '') +
                            '\n  diff expected -> actual:\n' + tokdiff(clean, got, maxlines=maxd))

    n = len(labels)
    print('=== failures ===')
    print('\n\n'.join(failures) if failures else '(none)')
    print('\n=== summary ===')
    print(f'exact restoration (damaged): {exact}/{n} = {exact / n:.1%}')
    nc = len(ids) - len(missing_clean)
    print(f'clean articles changed: {len(changed)}/{nc}' + (f"  -> {' '.join(changed)}" if changed else ''))
    if missing_clean:
        print(f"clean outputs missing: {len(missing_clean)} -> {' '.join(missing_clean)}")
    def line(key, label):
        print(f'  {label:<44} {hit[key]:>3}/{tot[key]:<3} {hit[key] / tot[key]:.0%}')
    print('insertion recall:')
    line(('all', 'all'), 'ALL')
    for key in sorted(k for k in tot if k[0] == 'kind'):
        line(key, key[1])
    for key in sorted(k for k in tot if k[0] == 'unlisted'):
        line(key, key[1])
    print('per type:')
    for key in sorted(k for k in tot if k[0] == 'type'):
        line(key, key[1])

if __name__ == '__main__':
    main()
