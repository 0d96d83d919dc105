#!/usr/bin/env python3
"""Authoring helper: turns anchor-based damage specs into labels.jsonl.

Offsets in labels.jsonl are code-point offsets into the CLEAN text. This script
locates each insertion point from a unique anchor string so that the specs are
readable, then writes labels.jsonl. build.py is the script that (re)generates
damaged/ from clean/ + labels.jsonl and verifies the round trip.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CLEAN = os.path.join(HERE, "clean")

ZW = "\u200b"      # zero-width space
WJ = "\u2060"      # word joiner
CYR_A = "\u0430"   # Cyrillic small a
CYR_E = "\u0435"   # Cyrillic small ie
CYR_I = "\u0456"   # Cyrillic small byelorussian-ukrainian i
CYR_DZE = "\u0455" # Cyrillic small dze (looks like s)
GR_RHO = "\u03a1"  # Greek capital rho (looks like P)


def fw(s):
    """ASCII -> full-width forms (space stays an ordinary space)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def load(i):
    with open(os.path.join(CLEAN, i + ".txt"), encoding="utf-8") as f:
        return f.read()


def find_unique(text, anchor, occ=None):
    n = text.count(anchor)
    if occ is None:
        if n != 1:
            sys.exit(f"anchor {anchor!r} occurs {n} times")
        return text.index(anchor)
    pos = -1
    for _ in range(occ):
        pos = text.index(anchor, pos + 1)
    return pos


# ---- spec helpers -------------------------------------------------------
def after(anchor, text, kind, typ, term=None, unlisted=False, disguise=None, occ=None):
    return ("after", anchor, occ, text, kind, typ, term, unlisted, disguise)


def before(anchor, text, kind, typ, term=None, unlisted=False, disguise=None, occ=None):
    return ("before", anchor, occ, text, kind, typ, term, unlisted, disguise)


def prefix(text, term, unlisted=False, disguise=None):
    return ("at0", None, None, text, "spam", "title-prefix", term, unlisted, disguise)


def tail(text, term, typ="tail-sentence", unlisted=False, disguise=None):
    # appended after the last sentence, before the final newline
    return ("end", None, None, text, "spam", typ, term, unlisted, disguise)


def promo(text, term, unlisted=False, disguise=None):
    # promotional sentence added as a new last paragraph
    return ("end", None, None, "\n\n" + text, "spam", "promo-paragraph", term, unlisted, disguise)


def teaser(n, suffix=""):
    return ("teaser", n, suffix)


def repeated_title(style):
    return ("title", style)


def dup_after(phrase, sep=" ", typ="doubled-phrase", occ=None):
    """Extra copy of `phrase` placed right after it (sep + phrase)."""
    return ("after", phrase, occ, sep + phrase, "duplicate", typ, None, False, None)


def gapped(anchor, repeat):
    """`anchor` ends with some text; `repeat` (a piece of anchor) is glued right after it."""
    assert repeat in anchor
    return ("after", anchor, None, repeat, "duplicate", "gapped-repeat", None, False, None)


def overlap(prev_end, next_start):
    """End of a paragraph (prev_end) repeated at the start of the next paragraph."""
    return ("overlap", prev_end, next_start)


SPECS = {
    "001": [
        teaser(64, "\u2026"),
        after("และเมี่ยง", "kaimook99", "spam", "glued-brand", "kaimook99", True),
    ],
    "002": [
        after("ข้าวโพดเลี้ยงสัตว์", "สล็" + WJ + "อต", "spam", "glued-term", "สล็อต", False, "word-joiner"),
        promo("สมัครวันนี้ สล็อตแตกหนักทุนน้อย ฝากขั้นต่ำ 1 บาท ถอนได้ไม่อั้นตลอด 24 ชั่วโมง",
              "สล็อตแตกหนักทุนน้อย", True),
    ],
    "004": [
        after("ที่จังหวัดพะเยา", "ไฮโลไทยออนไลน์", "spam", "glued-term", "ไฮโลไทยออนไลน์", True),
        dup_after("ผู้ถูกรางวัลสลากกินแบ่งรัฐบาลต้องเสียอากรแสตมป์ร้อยละ 0.5 ของเงินรางวัล",
                  typ="pasted-sentence"),
    ],
    "007": [
        repeated_title("blank"),
        after("www.mytcas.com", "บาคาร่า", "spam", "glued-url", "บาคาร่า", False),
    ],
    "008": [
        after("และโรคอ้วน", "uf" + CYR_A + "b" + CYR_E + "t", "spam", "glued-brand", "ufabet", False, "cyrillic"),
        dup_after("จังหวัดที่มีอัตราป่วยสูงสุด 5 อันดับแรก ได้แก่ ระยอง ตาก จันทบุรี แม่ฮ่องสอน และภูเก็ต",
                  typ="pasted-sentence"),
    ],
    "009": [
        prefix("สล็อตเว็บตรง ", "สล็อตเว็บตรง"),
        gapped("ขับรถกลับเข้ากรุงเทพฯ และปริมณฑล", "กลับเข้ากรุงเทพฯ"),
    ],
    "010": [
        teaser(80, ""),
        dup_after("ในฐานะเลขานุการ กนง."),
    ],
    "013": [
        before("อุดรธานี และหนองบัวลำภู", "บา คา ร่า ", "spam", "mid-sentence", "บาคาร่า", False, "spaced"),
        tail(" ปั่นสล็อตวอเลท", "ปั่นสล็อตวอเลท", unlisted=True),
    ],
    "015": [
        dup_after("โคมลอย", sep="", typ="glued-doubling", occ=3),
        after("เทศบาลนครเชียงใหม่", "บา" + ZW + "คา" + ZW + "ร่า", "spam", "glued-term", "บาคาร่า", False, "zero-width"),
    ],
    "016": [
        before("ความเสียหายรวมกว่า 82 ล้านบาท", "zeedwin168 สล็อต ", "spam", "brand-plus-term",
               "zeedwin168สล็อต", True),
        overlap("ตำรวจจึงประสานผ่านสำนักงานตำรวจสากลเพื่อติดตามตัวผู้บงการต่อไป", "พ.ต.อ.ไพโรจน์ ระบุว่า"),
    ],
    "017": [
        prefix(fw("UFABET") + " ", "ufabet", disguise="full-width"),
        dup_after("ผู้ว่าการการรถไฟฟ้าขนส่งมวลชนแห่งประเทศไทย (รฟม.)"),
        after("สถานียกระดับ 4 สถานี", "ป๊อกเด้งออนไลน์", "spam", "glued-term", "ป๊อกเด้งออนไลน์", True),
    ],
    "018": [
        dup_after("ทำให้ช่วงแรกมีตู้คอนเทนเนอร์ค้างอยู่ที่ด่านนับพันตู้", typ="pasted-sentence"),
        promo("สนใจสมัครสมาชิก siamroyal789 รับเครดิตฟรี 50 บาท ไม่ต้องฝาก ไม่ต้องแชร์ ถอนได้จริง",
              "siamroyal789", True),
    ],
    "019": [
        before("ส่งผลให้มีผู้ป่วยโรคความดันโลหิตสูง", "ฝาก\u2013ถอน ไม่มีขั้นต่ำ ", "spam", "mid-sentence",
               "ฝากถอนไม่มีขั้นต่ำ", False, "dash-variant"),
        after("ขนมขบเคี้ยว", "เสือมังกรออนไลน์", "spam", "glued-term", "เสือมังกรออนไลน์", True),
        tail(" ยิงปลาได้เงินจริง", "ยิงปลาได้เงินจริง", unlisted=True),
    ],
    "020": [
        teaser(60, "..."),
        tail("แทงบอลสเต็ป2คู่", "แทงบอลสเต็ป2คู่", typ="tail-glued", unlisted=True),
    ],
    "022": [
        before("รองลงมาคืออินเดีย", GR_RHO + "G " + CYR_DZE + "lot ", "spam", "mid-sentence", "pgslot", False,
               "homoglyph"),
        gapped("ผ่านด่านสะเดาและด่านปาดังเบซาร์", "ผ่านด่านสะเดา"),
    ],
    "023": [
        prefix("หวยยี่กีจ่ายจริง ", "หวยยี่กีจ่ายจริง", unlisted=True),
        after("เพื่อเตรียมปลูกข้าวโพด", "dragonspin66", "spam", "glued-brand", "dragonspin66", True),
    ],
    "024": [
        dup_after("คณะวิทยาศาสตร์ มหาวิทยาลัยนเรศวร"),
    ],
    "026": [
        prefix("pgthai55 ", "pgthai55", unlisted=True),
        overlap("ซึ่งยังคงแพร่ระบาดตามแนวชายแดนของหลายประเทศสมาชิก", "ไทยจะเสนอให้ประเทศสมาชิก"),
    ],
    "027": [
        dup_after("ไม่ได้มีการซื้อขายทองคำจริงตามที่กล่าวอ้าง", typ="pasted-sentence"),
        dup_after("แชร์ลูกโซ่", sep="", typ="glued-doubling"),
    ],
    "028": [
        dup_after("โซลาร์รูฟท็อป", sep="", typ="glued-doubling", occ=2),
        promo("ทดลองเล่นสล็อตฟรีทุกค่าย ไม่ต้องสมัคร ไม่ต้องฝาก เล่นได้ทันทีบนมือถือ",
              "ทดลองเล่นสล็อตฟรีทุกค่าย", True),
    ],
    "029": [
        teaser(80, "\u2026"),
        after("แบบฝึกหัดออนไลน์", "น้ำเต้าปูปลา", "spam", "glued-term", "น้ำเต้าปูปลา", True),
    ],
    "031": [
        after("ให้เปิดบริการในคาสิโน", "mekongbet168", "spam", "glued-brand", "mekongbet168", True),
        dup_after("ผู้อำนวยการศูนย์ศึกษาปัญหาการพนัน"),
    ],
    "032": [
        after("และแทงสกอร์ได้ตลอด 24 ชั่วโมง", "ufabet", "spam", "glued-brand", "ufabet", False),
        promo("ballzaa88 เว็บบอลค่าน้ำดีที่สุด สมัครวันนี้รับโบนัส 100% ทันที", "ballzaa88", True),
    ],
    "033": [
        prefix("เว็บตรง100% ", "เว็บตรง100%"),
        dup_after("ส่วนฟอร์มาลีนเป็นสารที่ใช้ดองศพ", typ="pasted-sentence"),
    ],
    "034": [
        repeated_title("blank"),
        dup_after("Two people were taken to hospital with minor injuries after a chimney collapsed onto a parked car.",
                  typ="pasted-sentence"),
    ],
    "037": [
        teaser(72, "..."),
        dup_after("a principal engineer at a Bangkok-based payments company,"),
    ],
    "038": [
        prefix("สล็อตค่ายใหญ่โบนัสแตกบ่อย ", "สล็อตค่ายใหญ่โบนัสแตกบ่อย", unlisted=True),
        after("inside coral tissue", "b" + CYR_E + "t365", "spam", "glued-brand", "bet365", False, "cyrillic"),
        tail(" pg slot เว็บตรง", "pgslotเว็บตรง"),
    ],
    "039": [
        gapped("at the community centre in Ashford", " the community centre"),
        after("former railway land", "t" + CYR_I + "gerwin789", "spam", "glued-brand", "tigerwin789", True,
              "cyrillic"),
        before("Turnout was 61%", "s l o t x o ", "spam", "mid-sentence", "slotxo", False, "spaced"),
    ],
    "040": [
        overlap("where about 30 staff worked in shifts as customer service agents.", "According to investigators"),
        promo("Sign up at luckyreef77 today: 100% welcome bonus, free spins every day and withdrawals in 60 seconds.",
              "luckyreef77", True),
    ],
    "041": [
        repeated_title("single"),
        dup_after("Roads in the old city were reopened by 9 am.", typ="pasted-sentence"),
    ],
    "042": [
        prefix("[ufabet] ", "ufabet"),
        teaser(64, ""),
        before("Introductory one-way fares", fw("PG SLOT") + " ", "spam", "mid-sentence", "pgslot", False,
               "full-width"),
    ],
}


def build_insertions(i, text):
    out = []
    title = text.split("\n", 1)[0]
    lede_start = len(title) + 2
    assert text[len(title):lede_start] == "\n\n"
    for s in SPECS[i]:
        if s[0] == "teaser":
            _, n, suffix = s
            lede = text[lede_start:].split("\n", 1)[0]
            t = lede[:n] + suffix
            out.append(dict(offset=lede_start, text=t + "\n\n", kind="duplicate", type="teaser"))
        elif s[0] == "title":
            if s[1] == "blank":   # Title\n\nTitle\n\nLede
                out.append(dict(offset=lede_start, text=title + "\n\n", kind="duplicate", type="repeated-title"))
            else:                 # Title\nTitle\n\nLede
                out.append(dict(offset=len(title) + 1, text=title + "\n", kind="duplicate",
                                type="repeated-title"))
        elif s[0] == "overlap":
            _, prev_end, next_start = s
            p = find_unique(text, prev_end + "\n\n" + next_start)
            off = p + len(prev_end) + 2
            out.append(dict(offset=off, text=prev_end + " ", kind="duplicate", type="paragraph-overlap"))
        else:
            where, anchor, occ, ins, kind, typ, term, unlisted, disguise = s
            if where == "at0":
                off = 0
            elif where == "end":
                assert text.endswith("\n") and not text.endswith("\n\n")
                off = len(text) - 1
            else:
                p = find_unique(text, anchor, occ)
                off = p + len(anchor) if where == "after" else p
            d = dict(offset=off, text=ins, kind=kind, type=typ)
            if kind == "spam":
                d["term"] = term
                d["likely_unlisted"] = bool(unlisted)
                if disguise:
                    d["disguise"] = disguise
            out.append(d)
    for d in out:
        if d["kind"] == "duplicate":
            d["likely_unlisted"] = False
    out.sort(key=lambda d: d["offset"])
    offs = [d["offset"] for d in out]
    assert len(set(offs)) == len(offs), (i, offs)
    return out


def dumps(obj):
    s = json.dumps(obj, ensure_ascii=False)
    # make invisible / look-alike characters visible in the file
    for ch in [ZW, WJ, "\u00ad", "\ufeff", "\u200c", "\u200d"]:
        s = s.replace(ch, "\\u%04x" % ord(ch))
    return s


def main():
    lines = []
    for i in sorted(SPECS):
        text = load(i)
        ins = build_insertions(i, text)
        order = ["offset", "text", "kind", "type", "term", "likely_unlisted", "disguise"]
        ins = [{k: d[k] for k in order if k in d} for d in ins]
        lines.append(dumps({"id": i, "insertions": ins}))
    with open(os.path.join(HERE, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    all_ids = sorted(x[:-4] for x in os.listdir(CLEAN) if x.endswith(".txt"))
    clean_only = [x for x in all_ids if x not in SPECS]
    with open(os.path.join(HERE, "clean_only.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(clean_only) + "\n")
    print(f"{len(lines)} damaged, {len(clean_only)} clean-only")


if __name__ == "__main__":
    main()
