#!/usr/bin/env python3
"""Regenerate damaged/ from clean/ + labels.jsonl and verify the round trip.

For every line of labels.jsonl, the insertions (code-point offsets into the
CLEAN text, increasing order) are applied to clean/NNN.txt to produce
damaged/NNN.txt. The script then deletes exactly the inserted strings from the
damaged text and checks that clean/NNN.txt comes back byte for byte. It also
runs format and sanity checks on every clean article.

Usage: python3 build.py          (writes damaged/, exits non-zero on any failure)
       python3 build.py --check  (verifies existing damaged/ files without writing)
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
CLEAN = os.path.join(HERE, "clean")
DAMAGED = os.path.join(HERE, "damaged")

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
HOMOGLYPHS = {"\u0430": "a", "\u0435": "e", "\u0456": "i", "\u0455": "s", "\u043e": "o",
              "\u0440": "p", "\u0441": "c", "\u03a1": "p", "\u039f": "o", "\u0391": "a"}


def norm(s):
    """Normalised form used only for sanity checks on spam terms."""
    s = unicodedata.normalize("NFKC", s)
    s = "".join(HOMOGLYPHS.get(c, c) for c in s if c not in INVISIBLE)
    s = re.sub(r"[\s\-\u2013\u2014]+", "", s)
    return s.lower()


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


def apply(clean, insertions):
    out, prev = [], 0
    for ins in insertions:
        out.append(clean[prev:ins["offset"]])
        out.append(ins["text"])
        prev = ins["offset"]
    out.append(clean[prev:])
    return "".join(out)


def remove(damaged, insertions):
    """Delete the inserted strings from the damaged text (positions shifted by earlier insertions)."""
    text, shift, spans = damaged, 0, []
    for ins in insertions:
        start = ins["offset"] + shift
        end = start + len(ins["text"])
        if damaged[start:end] != ins["text"]:
            raise AssertionError("inserted text not found at its damaged position")
        spans.append((start, end))
        shift += len(ins["text"])
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def check_format(name, text, errors):
    if "\r" in text:
        errors.append(f"{name}: CR found")
    if not text.endswith("\n") or text.endswith("\n\n"):
        errors.append(f"{name}: must end with exactly one newline")
    lines = text[:-1].split("\n")
    for k, line in enumerate(lines):
        if line != line.strip():
            errors.append(f"{name}: line {k + 1} has leading/trailing whitespace")
    if "\n\n\n" in text:
        errors.append(f"{name}: more than one blank line")
    if len(lines) < 3 or lines[1] != "" or lines[0] == "":
        errors.append(f"{name}: expected headline, blank line, paragraphs")
    for k in range(1, len(lines), 2):
        if lines[k] != "":
            errors.append(f"{name}: paragraphs must be separated by blank lines (line {k + 1})")
            break
    if any(c in text for c in INVISIBLE):
        errors.append(f"{name}: invisible character in clean text")


def sanity(i, clean, damaged, ins, errors):
    title = clean.split("\n", 1)[0]
    lede_start = len(title) + 2
    lede = clean[lede_start:].split("\n", 1)[0]
    off, t, kind, typ = ins["offset"], ins["text"], ins["kind"], ins["type"]
    if kind == "duplicate":
        if typ in ("doubled-phrase", "pasted-sentence", "glued-doubling"):
            core = t.strip(" ")
            if not (clean[:off].endswith(core) or clean[off:].startswith(core)):
                errors.append(f"{i}: {typ} copy is not adjacent to its original")
        elif typ == "teaser":
            body = t[:-2].rstrip(".\u2026")
            if not (t.endswith("\n\n") and off == lede_start and lede.startswith(body) and len(body) < len(lede)):
                errors.append(f"{i}: bad teaser")
            nxt = lede[len(body):len(body) + 1]
            if nxt == " " or body.endswith(" "):
                errors.append(f"{i}: teaser should be cut mid-word")
        elif typ == "repeated-title":
            if t.strip("\n") != title:
                errors.append(f"{i}: repeated-title text is not the title")
        elif typ == "gapped-repeat":
            if t not in clean[max(0, off - 120):off]:
                errors.append(f"{i}: gapped repeat has no nearby original")
        elif typ == "paragraph-overlap":
            if not (clean[off - 2:off] == "\n\n" and clean[:off - 2].endswith(t.rstrip(" "))):
                errors.append(f"{i}: paragraph-overlap is not the end of the previous paragraph")
        else:
            errors.append(f"{i}: unknown duplicate type {typ}")
    elif kind == "spam":
        term = ins.get("term")
        if not term or " " in term:
            errors.append(f"{i}: spam insertion needs a term without spaces")
            return
        if norm(term) not in norm(t):
            errors.append(f"{i}: term {term!r} not contained in inserted text {t!r}")
        if ins.get("likely_unlisted"):
            if norm(term) in norm(clean):
                errors.append(f"{i}: unlisted term {term!r} already occurs in clean text")
            if norm(damaged).count(norm(term)) != 1:
                errors.append(f"{i}: unlisted term {term!r} must be planted exactly once")
    else:
        errors.append(f"{i}: unknown kind {kind}")


def main():
    check_only = "--check" in sys.argv
    errors = []
    clean_ids = sorted(x[:-4] for x in os.listdir(CLEAN) if x.endswith(".txt"))
    for i in clean_ids:
        check_format(f"clean/{i}.txt", read(os.path.join(CLEAN, i + ".txt")), errors)

    labels = []
    with open(os.path.join(HERE, "labels.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                labels.append(json.loads(line))
    labelled = set()
    os.makedirs(DAMAGED, exist_ok=True)
    for rec in labels:
        i, insertions = rec["id"], rec["insertions"]
        labelled.add(i)
        clean = read(os.path.join(CLEAN, i + ".txt"))
        offs = [x["offset"] for x in insertions]
        if not (1 <= len(insertions) <= 4):
            errors.append(f"{i}: needs 1-4 insertions")
        if offs != sorted(offs) or len(set(offs)) != len(offs):
            errors.append(f"{i}: offsets must be strictly increasing")
        if any(not (0 <= o <= len(clean)) for o in offs):
            errors.append(f"{i}: offset out of range")
            continue
        damaged = apply(clean, insertions)
        path = os.path.join(DAMAGED, i + ".txt")
        if check_only:
            if read(path) != damaged:
                errors.append(f"{i}: damaged file differs from labels")
        else:
            with open(path, "wb") as f:
                f.write(damaged.encode("utf-8"))
        back = remove(read(path), insertions)
        if back.encode("utf-8") != clean.encode("utf-8"):
            errors.append(f"{i}: removing insertions does not restore clean text")
        if damaged == clean:
            errors.append(f"{i}: damaged equals clean")
        if not damaged.endswith("\n") or "\r" in damaged:
            errors.append(f"{i}: damaged file format")
        for ins in insertions:
            sanity(i, clean, damaged, ins, errors)

    # damaged/ must contain exactly the labelled ids
    on_disk = sorted(x[:-4] for x in os.listdir(DAMAGED) if x.endswith(".txt"))
    for x in on_disk:
        if x not in labelled:
            if check_only:
                errors.append(f"damaged/{x}.txt has no labels")
            else:
                os.remove(os.path.join(DAMAGED, x + ".txt"))
    clean_only = [x for x in read(os.path.join(HERE, "clean_only.txt")).split() if x]
    if sorted(set(clean_only) | labelled) != clean_ids or set(clean_only) & labelled:
        errors.append("clean_only.txt + labels.jsonl must partition clean/")

    if errors:
        print("FAILED")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    n_ins = sum(len(r["insertions"]) for r in labels)
    print(f"OK: {len(clean_ids)} clean, {len(labels)} damaged ({n_ins} insertions), "
          f"{len(clean_only)} clean-only; all round trips restore clean byte for byte")


if __name__ == "__main__":
    main()
