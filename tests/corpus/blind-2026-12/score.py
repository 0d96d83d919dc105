#!/usr/bin/env python3
"""Score a repair tool's outputs against the blind set.

Run the tool on every file in damaged/ and every file in clean/, and store the
outputs as   OUT/damaged/NNN.txt   and   OUT/clean/NNN.txt   (same file names).
Then:        python3 score.py OUT

Metrics
  exact restoration rate   fixed(damaged/NNN) == clean/NNN, over all damaged ids
  clean articles changed   fixed(clean/NNN) != clean/NNN (reported for all clean
                           articles and for the clean-only subset)
  per-insertion recall     an insertion counts as removed when the fixed output
                           equals the damaged text with some set of insertions
                           removed that includes this one, and nothing else was
                           touched. (Outputs matching no such set get no credit
                           for any of their insertions: something else changed.)
  unlisted spam recall     per-insertion recall restricted to spam insertions with
                           likely_unlisted = true
"""
import itertools
import json
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def remove_subset(damaged, insertions, subset):
    shift, spans = 0, []
    for k, ins in enumerate(insertions):
        start = ins["offset"] + shift
        shift += len(ins["text"])
        if k in subset:
            spans.append((start, start + len(ins["text"])))
    for start, end in reversed(spans):
        damaged = damaged[:start] + damaged[end:]
    return damaged


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    labels = [json.loads(l) for l in open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") if l.strip()]
    clean_ids = sorted(x[:-4] for x in os.listdir(os.path.join(HERE, "clean")) if x.endswith(".txt"))
    clean_only = read(os.path.join(HERE, "clean_only.txt")).split()

    exact, missing = 0, []
    by_type = defaultdict(lambda: [0, 0])
    unl = [0, 0]
    unl_strict = [0, 0]
    failures = []
    for rec in labels:
        i, ins = rec["id"], rec["insertions"]
        clean = read(os.path.join(HERE, "clean", i + ".txt"))
        damaged = read(os.path.join(HERE, "damaged", i + ".txt"))
        p = os.path.join(out, "damaged", i + ".txt")
        if not os.path.exists(p):
            missing.append("damaged/" + i)
            fixed = None
        else:
            fixed = read(p)
        removed = None
        if fixed is not None:
            for r in range(len(ins), -1, -1):
                for sub in itertools.combinations(range(len(ins)), r):
                    if remove_subset(damaged, ins, set(sub)) == fixed:
                        removed = set(sub)
                        break
                if removed is not None:
                    break
        ok = fixed == clean
        exact += ok
        if not ok:
            failures.append((i, "collateral change" if removed is None else
                             "left: " + ", ".join(ins[k]["type"] for k in range(len(ins)) if k not in removed)))
        for k, x in enumerate(ins):
            hit = removed is not None and k in removed
            key = f'{x["kind"]}/{x["type"]}'
            by_type[key][0] += hit
            by_type[key][1] += 1
            if x["kind"] == "spam" and x.get("likely_unlisted"):
                unl[0] += hit
                unl[1] += 1
                unl_strict[0] += ok
                unl_strict[1] += 1

    changed_all, changed_only = [], []
    for i in clean_ids:
        p = os.path.join(out, "clean", i + ".txt")
        if not os.path.exists(p):
            missing.append("clean/" + i)
            continue
        if read(p) != read(os.path.join(HERE, "clean", i + ".txt")):
            changed_all.append(i)
            if i in clean_only:
                changed_only.append(i)

    n = len(labels)
    print(f"exact restoration rate : {exact}/{n} = {exact / n:.3f}")
    print(f"clean articles changed : {len(changed_all)}/{len(clean_ids)} (all clean)  "
          f"{len(changed_only)}/{len(clean_only)} (clean-only set)  {' '.join(changed_all)}")
    print(f"unlisted spam recall   : {unl[0]}/{unl[1]} = {unl[0] / unl[1]:.3f}   "
          f"(strict, whole article restored: {unl_strict[0]}/{unl_strict[1]})")
    print("per insertion type (removed cleanly / total):")
    for key in sorted(by_type):
        h, t = by_type[key]
        print(f"  {key:32s} {h}/{t}")
    if failures:
        print("not restored:")
        for i, why in failures:
            print(f"  {i}: {why}")
    if missing:
        print("missing outputs: " + " ".join(missing))


if __name__ == "__main__":
    main()
