#!/usr/bin/env python3
"""Tuning set for duplicate damage, written by hand for issue 9 (no corpus text).

Each case is (class, text with one [[...]] mark). The mark is the inserted copy: `fix`
must give back the text without it, and the same text unmarked must come back unchanged.
Usage: tests/corpus/dup-dev/run.py target/release/redline [-v]
"""
import subprocess, sys, re, collections

P1 = "เจ้าหน้าที่กรมชลประทานเร่งซ่อมประตูระบายน้ำที่ชำรุดก่อนฤดูฝนจะมาถึงในเดือนหน้า"
CASES = [
    # gapped repeat: u v u with a short v, glued or spaced
    ("gapped", "ข่าวเกษตร\n\nเกษตรกรในอำเภอนี้ขายมะม่วงน้ำดอกไม้ที่ตลาดกลาง[[มะม่วงน้ำดอกไม้]]ได้ราคาดีกว่าปีที่แล้ว\n"),
    ("gapped", "ข่าวแรงงาน\n\nแรงงานกลุ่มนี้ได้รับอนุญาตให้เดินทางกลับภูมิลำเนาช่วงปีใหม่[[กลับภูมิลำเนา]]โดยไม่เสียค่าปรับ\n"),
    ("gapped", "ข่าวการศึกษา\n\nโรงเรียนได้รับงบประมาณซ่อมอาคารเรียนหลังเก่า[[ซ่อมอาคารเรียน]] ตามที่คณะกรรมการเสนอไว้\n"),
    ("gapped", "City news\n\nThe council will repair the old library roof this spring [[the old library roof]] before the rains begin.\n"),
    ("gapped", "ข่าวสาธารณสุข\n\nโรงพยาบาลชุมชนเปิดคลินิกผู้สูงอายุทุกวันพุธ[[คลินิกผู้สูงอายุ]]เพื่อลดความแออัด\n"),
    # glued doubling: a phrase glued to itself
    ("glued", "ข่าวคมนาคม\n\nหลังเปิดทดลองใช้ ทางด่วนสายใหม่จะเก็บค่าผ่านทาง[[ทางด่วนสายใหม่จะเก็บค่าผ่านทาง]]ในอัตราเดิมจนถึงสิ้นปี\n"),
    ("glued", "Sports\n\nThe team trained at the riverside stadium[[riverside stadium]] for three weeks before the final.\n"),
    ("glued", "ข่าวภูมิภาค\n\nชาวบ้านช่วยกันเก็บขยะริมชายหาด[[เก็บขยะริมชายหาด]]ทุกเช้าวันเสาร์\n"),
    ("glued", "ข่าวเศรษฐกิจ\n\nผู้ส่งออกข้าวหอมมะลิ[[ผู้ส่งออกข้าวหอมมะลิ]] คาดว่ายอดขายจะเพิ่มขึ้นในไตรมาสหน้า\n"),
    # doubled phrase: X X with a space
    ("doubled", "ข่าวต่างประเทศ\n\nที่ปรึกษาด้านความมั่นคงของนายกรัฐมนตรีแคนาดา[[ ของนายกรัฐมนตรีแคนาดา]] กล่าวว่า การเจรจาจะเริ่มสัปดาห์หน้า\n"),
    ("doubled", "Health\n\nThe new clinic at Harbour Road[[ at Harbour Road]] will open on weekends from May.\n"),
    ("doubled", "ข่าวท้องถิ่น\n\nนายสมหมาย ใจกว้าง นายกเทศมนตรีตำบลบ้านใหม่[[ นายกเทศมนตรีตำบลบ้านใหม่]] เปิดเผยว่า ถนนสายนี้จะซ่อมเสร็จในเดือนมีนาคม\n"),
    ("doubled", "ข่าวพลังงาน\n\nการไฟฟ้าส่วนภูมิภาคประกาศงดจ่ายไฟ[[ การไฟฟ้าส่วนภูมิภาคประกาศงดจ่ายไฟ]]\nในวันอาทิตย์เพื่อปรับปรุงสายส่ง\n"),
    # teaser: a fixed-length prefix of the lede before the full lede
    ("teaser", "ข่าวน้ำ\n\n[[เจ้าหน้าที่กรมชลประทานเร่งซ่อมประตูระบายน้ำที่ชำรุดก่อนฤดู…\n\n]]" + P1 + " เพื่อป้องกันน้ำท่วม\n\nย่อหน้าที่สองเล่าถึงงบประมาณ\n"),
    ("teaser", "ข่าวน้ำ\n\n[[เจ้าหน้าที่กรมชลประทานเร่งซ่อมประตูระบายน้ำที่ชำรุดก่อนฤ\n\n]]" + P1 + " เพื่อป้องกันน้ำท่วม\n\nย่อหน้าที่สองเล่าถึงงบประมาณ\n"),
    ("teaser", "ข่าวน้ำ\n\n[[เจ้าหน้าที่กรมชลประทานเร่งซ่อมประตูระบายน้ำที่ชำรุดก่อนฤดูฝนจะมาถึงในเดื...\n\n]]" + P1 + " เพื่อป้องกันน้ำท่วม\n\nย่อหน้าที่สองเล่าถึงงบประมาณ\n"),
    ("teaser", "Flood works\n\n[[Irrigation officers are rushing to repair the broken sluice gat\n\n]]Irrigation officers are rushing to repair the broken sluice gates before the rainy season.\n\nA second paragraph gives the budget.\n"),
    ("teaser", "Flood works\n\n[[Irrigation officers are rushing to repair the broken slu...\n]]Irrigation officers are rushing to repair the broken sluice gates before the rainy season.\n\nA second paragraph gives the budget.\n"),
    # repeated title
    ("title", "สภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภคออนไลน์[[\nสภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภคออนไลน์]]\n\nที่ประชุมสภามีมติเห็นชอบในวาระแรก\n"),
    ("title", "Parliament passes online consumer bill[[\n\nParliament passes online consumer bill]]\n\nThe house voted for it on first reading.\n"),
    ("title", "สภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภค[[สภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภค]]\n\nที่ประชุมสภามีมติเห็นชอบในวาระแรก\n"),
    # paragraph overlap
    ("overlap", "ข่าวอากาศ\n\nกรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกหนักในภาคใต้ตลอดสัปดาห์ โดยเฉพาะจังหวัดชายฝั่งทะเลอันดามัน\n\n[[โดยเฉพาะจังหวัดชายฝั่งทะเลอันดามัน ]]ประชาชนควรติดตามประกาศอย่างใกล้ชิด\n"),
    ("overlap", "Weather\n\nForecasters warned of heavy rain across the south all week, especially along the western coast.\n\n[[especially along the western coast. ]]Residents should follow official notices.\n"),
    # added after the first run
    ("doubled", "ข่าว\n\nที่ปรึกษาด้านเศรษฐกิจของประธานาธิบดีโดนัลด์ ทรัมป์[[ ของประธานาธิบดีโดนัลด์ ทรัมป์]] กล่าวว่า ภาษีจะปรับขึ้น\n"),
    ("doubled", "ข่าว\n\nนายสมชาย ใจดี ผู้ว่าราชการจังหวัดเชียงราย[[ ผู้ว่าราชการจังหวัดเชียงราย]] เปิดเผยว่า น้ำลดแล้ว\n"),
    ("doubled", "ข่าว\n\nเจ้าหน้าที่ได้ตรวจสอบพื้นที่ประสบภัยทั้งหมด[[ ตรวจสอบพื้นที่ประสบภัยทั้งหมด]] แล้วเมื่อวานนี้\n"),
    ("doubled", "News\n\nThe minister of foreign affairs of Japan[[ of Japan]] arrived on Monday for talks.\n"),
    ("glued", "News\n\nThe minister said the talks went well[[the talks went well]] and would resume.\n"),
    ("doubled", "News\n\nThe plan was approved by the city council on Monday[[ by the city council on Monday]], officials said.\n"),
    ("glued", "ข่าว\n\nโครงการนี้ได้รับงบประมาณจากรัฐบาลกลาง[[จากรัฐบาลกลาง]]กว่าสามร้อยล้านบาท\n"),
    ("doubled", "ข่าว\n\nกรมป่าไม้ร่วมกับชาวบ้านปลูกต้นไม้ในพื้นที่ป่าเสื่อมโทรม\n[[ปลูกต้นไม้ในพื้นที่ป่าเสื่อมโทรม\n]]กว่าหนึ่งพันไร่\n"),
    ("overlap", "ข่าว\n\nกรมอุตุนิยมวิทยาเตือนว่าจะมีฝนตกหนักในภาคใต้ตลอดสัปดาห์นี้\n\n[[ฝนตกหนักในภาคใต้ตลอดสัปดาห์นี้ ]]ประชาชนควรติดตามประกาศ\n"),
    ("overlap", "ข่าว\n\nตำรวจจับกุมผู้ต้องหาได้ที่บ้านพักในอำเภอเมือง เมื่อคืนวันเสาร์\n\n[[เมื่อคืนวันเสาร์ ]]ผู้ต้องหาให้การรับสารภาพทั้งหมด\n"),
    ("overlap", "Storm\n\nThe storm cut power to thousands of homes across the northern districts.\n\n[[across the northern districts. ]]Crews worked through the night.\n"),
    ("title", "Bridge closure on the river road\n[[Bridge closure on the river road\n]]\nThe bridge will close for two weeks from Monday for repairs.\n"),
    ("title", "สะพานข้ามแม่น้ำปิดซ่อมสองสัปดาห์[[\n\nสะพานข้ามแม่น้ำปิดซ่อมสองสัปดาห์]]\n\nกรมทางหลวงแจ้งปิดสะพานตั้งแต่วันจันทร์\n"),
    ("teaser", "Title\n\n[[Workers at the port walked out on Tuesday over a pay dispute that has la…\n\n]]Workers at the port walked out on Tuesday over a pay dispute that has lasted months.\n\nMore.\n"),
    ("teaser", "หัวข้อ\n\n[[คนงานท่าเรือหยุดงานเมื่อวันอังคารเพราะข้อพิพาทเรื่องค่าจ้างที่ยืดเยื้อมาหล\n\n]]คนงานท่าเรือหยุดงานเมื่อวันอังคารเพราะข้อพิพาทเรื่องค่าจ้างที่ยืดเยื้อมาหลายเดือน\n\nต่อ\n"),
    ("teaser", "หัวข้อ\n\n[[คนงานท่าเรือหยุดงานเมื่อวันอังคาร เพราะข้อพิพาทเรื่องค่าจ้างที่ยืดเยื้อ…\n\n]]คนงานท่าเรือหยุดงานเมื่อวันอังคาร เพราะข้อพิพาทเรื่องค่าจ้างที่ยืดเยื้อมาหลายเดือน\n\nต่อ\n"),
]
CLEAN = [
    "ข่าวการศึกษา\n\nครูกล่าวว่า “ไม่เร่งรีบ ไม่เร่งรีบ” เป็นหลักของการสอน\n",
    "ข่าวการศึกษา\n\nทุกคนมีสิทธิในการศึกษา การศึกษาจะต้องไม่เสียค่าใช้จ่าย\n",
    "สภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภคออนไลน์\n\nสภาเห็นชอบร่างกฎหมายคุ้มครองผู้บริโภคออนไลน์ในวาระแรก ด้วยคะแนนเสียงข้างมาก\n",
    "ข่าวเศรษฐกิจ\n\nผู้อำนวยการศูนย์อำนวยการบริหารสถานการณ์กล่าวว่า ราคาข้าวเพิ่มขึ้น ราคาข้าวเหนียวลดลง\n",
    "ข่าวการเมือง\n\nนายกรัฐมนตรีและรองนายกรัฐมนตรีเดินทางไปจังหวัดเชียงใหม่ เห็นด้วยไม่เห็นด้วยก็ต้องรับฟัง\n",
    "News\n\nThe bridge will close on Monday and the bridge will reopen on Friday.\n",
]

def unmark(s):
    return re.sub(r"\[\[(.*?)\]\]", "", s, flags=re.S), re.sub(r"\[\[|\]\]", "", s)

def fix(binary, text):
    r = subprocess.run([binary, "fix", "--no-user-lists", "-", "-o", "-"], input=text.encode(), capture_output=True)
    return r.stdout.decode() if r.returncode == 0 else text

def main():
    binary = sys.argv[1]
    verbose = "-v" in sys.argv
    tot = collections.Counter(); ok = collections.Counter()
    for cls, marked in CASES:
        clean, damaged = unmark(marked)
        out = fix(binary, damaged)
        tot[cls] += 1
        if out == clean:
            ok[cls] += 1
        elif verbose:
            print(f"FAIL {cls}: {damaged!r}\n  got {out!r}")
        if fix(binary, clean) != clean:
            tot["clean-changed"] += 1
            if verbose:
                print(f"CLEAN CHANGED ({cls}): {clean!r}\n  got {fix(binary, clean)!r}")
    changed = 0
    for c in CLEAN:
        if fix(binary, c) != c:
            changed += 1
            if verbose:
                print(f"CLEAN CHANGED: {c!r}\n  got {fix(binary, c)!r}")
    for cls in tot:
        if cls != "clean-changed":
            print(f"{cls:10} {ok[cls]}/{tot[cls]}")
    print(f"restored {sum(ok.values())}/{len(CASES)}; clean changed {changed}/{len(CLEAN)}, unmarked cases changed {tot['clean-changed']}")

main()
