#!/usr/bin/env python3
"""One-off helper used to author labels.jsonl from human-readable anchors.

Each insertion is given by an anchor string that must occur exactly once in the
clean article; '|' marks the insertion point.  Special anchors: '^' = start of
text, '$' = just before the final newline.  Teasers are specified as
('TEASER', n_chars, suffix): a copy of the first n code points of the first
body paragraph (the lede) plus suffix and a blank line, inserted before the lede.
Run:  python3 make_labels.py  (writes labels.jsonl, clean_only.txt)
"""
import json, os, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ZW = '\u200b'

def title(t): return t.split('\n', 1)[0]

S, D = 'spam', 'duplicate'
# (anchor, text, kind, type, term, likely_unlisted)
SPEC = {
 '001': [('^', 'สล็อตเว็บตรง ', S, 'title-prefix', 'สล็อต, เว็บตรง', False),
         ('REPEAT_TITLE', None, D, 'repeated-title', '', False)],
 '002': [('ซึ่งถูกชักชวนด้วยโปรโมชัน|เครดิตฟรี', 'มังกรบาคาร่า888', S, 'glued-brand', 'มังกรบาคาร่า888', True),
         ('$', '\n\nสมัครสมาชิกวันนี้กับ ชัยโย789 เว็บพนันออนไลน์อันดับ 1 รับเครดิตฟรี 100 บาท ฝากถอนไม่มีขั้นต่ำ ออโต้ 30 วินาที', S, 'promo-paragraph', 'ชัยโย789, เครดิตฟรี, ฝากถอนไม่มีขั้นต่ำ', True)],
 '004': [('หลีกเลี่ยงช่วงที่มีอากาศร้อนจัด|', 'บา'+ZW+'คา'+ZW+'ร่า', S, 'glued-brand-zero-width', 'บาคาร่า', False),
         ('จันทร์หอม ปลัดกระทรวงศึกษาธิการ| ชี้แจงว่า', ' ปลัดกระทรวงศึกษาธิการ', D, 'doubled-phrase', '', False)],
 '005': [('^', 'แทงบอลออนไลน์ ', S, 'title-prefix', 'แทงบอลออนไลน์', True),
         (('TEASER', 56, '…'), None, D, 'teaser', '', False)],
 '006': [('ขณะที่อัตราเงินเฟ้อทั่วไปยังอยู่ในระดับต่ำกว่ากรอบเป้าหมาย|', ' ขณะที่อัตราเงินเฟ้อทั่วไปยังอยู่ในระดับต่ำกว่ากรอบเป้าหมาย', D, 'pasted-sentence', '', False),
         ('\n\n|นักวิเคราะห์จากธนาคาร', 'และยอดขายยังไม่ฟื้นตัวเต็มที่ ', D, 'paragraph-overlap', '', False)],
 '008': [('\n\n|"ไข้เลือดออกไม่มียา', 'ซึ่งมีชุมชนหนาแน่นและมีน้ำขังหลังฝนตกหลายจุด ', D, 'paragraph-overlap', '', False),
         ('และเก็บน้ำให้มิดชิด|', 'uf\u0430b\u0435t', S, 'glued-brand-homoglyph', 'ufabet (Cyrillic а, е)', False)],
 '009': [(('TEASER', 64, '...'), None, D, 'teaser', '', False),
         ('$', '\n\nลัคกี้สปิน99 สล็อตแตกง่าย ฝากถอนไม่มีขั้นต่ำ สมัครง่ายผ่านไลน์ รับโบนัส 50% ทุกยอดฝาก', S, 'promo-paragraph', 'ลัคกี้สปิน99, ฝากถอนไม่มีขั้นต่ำ', True)],
 '010': [('ราคาทุเรียนหมอนทองหน้าสวน|ปรับขึ้น', 'ทุเรียนหมอนทอง', D, 'gapped-repeat', '', False),
         ('และมีค่าขนส่งต่ำกว่า|', 'เฮงเฮง168', S, 'glued-brand', 'เฮงเฮง168', True)],
 '011': [(('TEASER', 73, '…'), None, D, 'teaser', '', False),
         ('ลงทะเบียนล่วงหน้าเท่านั้น| เพื่อความปลอดภัย', ' เล่นรูเล็ตออนไลน์กับ royalspin365 ได้ทุกวัน', S, 'mid-sentence', 'รูเล็ต, royalspin365', True)],
 '012': [('ในช่วงทดลองวิ่ง รถไฟฟ้าจะให้บริการ|ทุก 10 นาที', 'รถไฟฟ้าจะให้บริการ', D, 'glued-doubling', '', False),
         ('$', ' หวยลาว เลขเด็ด', S, 'tail-words', 'หวยลาว, เลขเด็ด', True)],
 '014': [('^', 'บา'+ZW+'คา'+ZW+'ร่า ', S, 'title-prefix-zero-width', 'บาคาร่า', False),
         ('$', ' คาสิโนสดออนไลน์ได้เงินจริง', S, 'tail-words', 'คาสิโนสด', True)],
 '015': [('^', '\uff35\uff26\uff21\uff22\uff25\uff34 ', S, 'title-prefix-fullwidth', 'UFABET (full-width)', False),
         ('ด้านนายกรัฐมนตรี นางสาวรัชนี วัฒนากุล| ชี้แจงว่า', ' นางสาวรัชนี วัฒนากุล', D, 'doubled-phrase', '', False)],
 '016': [('\n\n|ข้อมูลจากดาวเทียม', 'ปังปัง888 คาสิโนสดเปิดใหม่ แจกเครดิตฟรีทุกวัน สมัครเลย\n\n', S, 'promo-paragraph-mid', 'ปังปัง888, คาสิโนสด, เครดิตฟรี', True),
         ('\n\n|"ฝุ่นไม่มีพรมแดน', 'ประกอบกับสภาพอากาศที่นิ่งและมีความกดอากาศสูง ', D, 'paragraph-overlap', '', False)],
 '018': [('หารือทวิภาคีกับนายฮิโรชิ ทานากะ| รัฐมนตรี', ' นายฮิโรชิ ทานากะ', D, 'doubled-phrase', '', False),
         ('เดินทางกลับประเทศของตน|โดยไม่ถูกห้าม', 'กลับประเทศ', D, 'gapped-repeat', '', False)],
 '019': [(('TEASER', 65, '...'), None, D, 'teaser', '', False)],
 '021': [('โชคดี|ไม่มีผู้ได้รับบาดเจ็บ', 'ป๊อกเด้งออนไลน์', S, 'glued-brand', 'ป๊อกเด้ง', True),
         ('$', ' u f a b e t', S, 'tail-words-spaced', 'ufabet (spaced)', False)],
 '022': [('REPEAT_TITLE', None, D, 'repeated-title', '', False),
         ('ที่เขื่อนอุบลรัตน์| จังหวัดขอนแก่น', 'วินเนอร์คลับ789', S, 'glued-brand', 'วินเนอร์คลับ789', True),
         ('47,000 ตันต่อปี| และทุ่นลอยน้ำ', ' โครงการดังกล่าวคาดว่าจะช่วยลดการปล่อยก๊าซคาร์บอนไดออกไซด์ได้ประมาณ 47,000 ตันต่อปี', D, 'pasted-sentence', '', False)],
 '023': [('^', 'UFA-BET168 ', S, 'title-prefix-hyphen', 'ufabet168 (hyphenated)', False),
         ('$', ' สูตรหวยแม่นทุกงวด เลขเด็ดงวดนี้ ดูฟรีที่ ทองคำสล็อต', S, 'tail-sentence', 'สูตรหวย, เลขเด็ด, ทองคำสล็อต', True)],
 '025': [(('TEASER', 61, ''), None, D, 'teaser', '', False),
         ('เพชรรัตน์ เจ้าของค่ายมวย| เปิดเผยว่า', 'เจ้าของค่ายมวย', D, 'glued-doubling', '', False),
         ('ผู้ชมเต็มสนาม|กว่า 5,000 คน', 'ไฮโลไทย', S, 'glued-brand', 'ไฮโล', True)],
 '026': [('^', 'เว็บ ตรง100% ', S, 'title-prefix-space-variant', 'เว็บตรง (spaced)', False),
         ('\n\n|นางสาวกนกพร เจริญผล', 'โดยเฉพาะพื้นที่ลาดเชิงเขาและที่ลุ่มใกล้ทางน้ำ ', D, 'paragraph-overlap', '', False)],
 '028': [('รวมความเสียหายกว่า 140 ล้านบาท| โดยมิจฉาชีพ', ' รวมความเสียหายกว่า 140 ล้านบาท', D, 'doubled-phrase', '', False),
         ('ไม่ต้องติดตั้งแอปพลิเคชันอื่นเพิ่ม|', 'nagabet88', S, 'glued-brand', 'nagabet88', True)],
 '029': [('^', 'casino88vip ', S, 'title-prefix', 'casino88vip', True),
         (('TEASER', 72, '...'), None, D, 'teaser', '', False),
         ('Mayor Linda Okafor| said the plan', ' Mayor Linda Okafor', D, 'doubled-phrase', '', False),
         ('skate park is planned for Riverside Reserve|.', 'gacorwin88', S, 'glued-brand', 'gacorwin88', True)],
 '030': [('live dealer baccarat| in three', 'spinwinner777', S, 'glued-brand', 'spinwinner777', True),
         ('$', ' Play online casino games now at ReefSpin99 and claim 200 free spins.', S, 'tail-sentence', 'online casino, ReefSpin99', True)],
 '032': [('REPEAT_TITLE', None, D, 'repeated-title', '', False),
         ('ridge trails above 2,000 metres.| They show', ' Bet on live football at sb\u03bfbet today.', S, 'mid-paragraph-sentence-homoglyph', 'sbobet (Greek ο)', False)],
 '034': [('along the waterfront|.', 'waterfront', D, 'glued-doubling', '', False),
         ('with compatriot Daniel Mutai third.|\n', ' He crossed the line 48 seconds ahead of Ethiopian Abebe Tadesse, with compatriot Daniel Mutai third.', D, 'pasted-sentence', '', False)],
 '036': [('\n\n|The satellites on board', 'Investigators traced the problem to a faulty batch of seals, and the company redesigned the valve. ', D, 'paragraph-overlap', '', False),
         ('$', '\n\nLooking for the best judi online site? Join KestrelWin88 today for slot gacor games, instant withdrawals and a 100% welcome bonus.', S, 'promo-paragraph', 'judi online, slot gacor, KestrelWin88', True)],
}

def esc(s):
    out = json.dumps(s, ensure_ascii=False)
    for ch in ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad']:
        out = out.replace(ch, '\\u%04x' % ord(ch))
    return out

def main():
    lines = []
    for aid in sorted(SPEC):
        clean = open(os.path.join(HERE, 'clean', aid + '.txt'), encoding='utf-8').read()
        ins = []
        for anchor, text, kind, typ, term, unl in SPEC[aid]:
            if anchor == '^':
                off = 0
            elif anchor == '$':
                assert clean.endswith('\n'); off = len(clean) - 1
            elif anchor == 'REPEAT_TITLE':
                t = title(clean); off = len(t); text = '\n' + t
            elif isinstance(anchor, tuple):
                _, n, suf = anchor
                off = len(title(clean)) + 2
                lede = clean[off:clean.index('\n', off)]
                assert lede[n - 1] != ' ' and lede[n] != ' ' and unicodedata.category(lede[n]) != 'Mn', (aid, 'teaser cut not mid-word', lede[:n + 1])
                text = lede[:n] + suf + '\n\n'
            else:
                pre, post = anchor.split('|')
                a = pre + post
                assert clean.count(a) == 1, (aid, anchor, clean.count(a))
                off = clean.index(a) + len(pre)
            if kind == 'duplicate':
                core = text.strip(' \n').rstrip('…').rstrip('.') if 'TEASER' not in str(anchor) else text.strip('\n').rstrip('…').rstrip('.')
                assert core in clean, (aid, core)
            d = {'offset': off, 'text': text, 'kind': kind, 'type': typ}
            if kind == 'spam':
                d['term'] = term
            d['likely_unlisted'] = unl
            ins.append(d)
        ins.sort(key=lambda d: d['offset'])
        offs = [d['offset'] for d in ins]
        assert len(set(offs)) == len(offs), aid
        parts = ['{"offset": %d, "text": %s, "kind": %s, "type": %s%s, "likely_unlisted": %s}' % (
            d['offset'], esc(d['text']), esc(d['kind']), esc(d['type']),
            (', "term": ' + esc(d['term'])) if 'term' in d else '', 'true' if d['likely_unlisted'] else 'false') for d in ins]
        lines.append('{"id": "%s", "insertions": [%s]}' % (aid, ', '.join(parts)))
    open(os.path.join(HERE, 'labels.jsonl'), 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
    allids = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, 'clean')) if f.endswith('.txt'))
    co = [i for i in allids if i not in SPEC]
    open(os.path.join(HERE, 'clean_only.txt'), 'w', encoding='utf-8').write('\n'.join(co) + '\n')
    print(len(lines), 'damaged;', len(co), 'clean-only:', ' '.join(co))

if __name__ == '__main__':
    main()
