//! Marked-text fixtures: `[[kind:text]]` marks text the default `fix` must delete, and the
//! finding must be of that kind with exactly that range. Unmarked text must draw no finding
//! at the default threshold, and `fix` must give back the text with the marks removed.

use redline::review::fix_text;
use redline::{DEFAULT_MIN_CONFIDENCE, Document, Kind, ScanOptions, scan};

struct Marked {
    damaged: String,
    clean: String,
    marks: Vec<(Kind, std::ops::Range<usize>)>,
}

fn parse(src: &str) -> Marked {
    let mut damaged = String::new();
    let mut clean = String::new();
    let mut marks = Vec::new();
    let mut rest = src;
    while let Some(open) = rest.find("[[") {
        damaged.push_str(&rest[..open]);
        clean.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let colon = after.find(':').expect("marker has a kind");
        let close = after.find("]]").expect("marker is closed");
        let kind = match &after[..colon] {
            "spam" => Kind::Spam,
            "dup" => Kind::Duplicate,
            other => panic!("unknown kind {other}"),
        };
        let body = &after[colon + 1..close];
        let start = damaged.len();
        damaged.push_str(body);
        marks.push((kind, start..damaged.len()));
        rest = &after[close + 2..];
    }
    damaged.push_str(rest);
    clean.push_str(rest);
    Marked {
        damaged,
        clean,
        marks,
    }
}

fn check(src: &str) {
    let m = parse(src);
    let doc = Document::new(m.damaged.clone());
    let all = scan(&doc, &ScanOptions::default());
    let shown: Vec<_> = all
        .iter()
        .filter(|f| f.confidence >= DEFAULT_MIN_CONFIDENCE)
        .collect();
    let describe = |f: &redline::Finding| {
        format!(
            "{} {:?} {:?} {}",
            f.rule,
            &doc.text[f.range.clone()],
            f.confidence,
            f.message
        )
    };
    for (kind, range) in &m.marks {
        assert!(
            shown.iter().any(|f| f.kind == *kind && f.range == *range),
            "expected {kind:?} {:?}; found:\n{}",
            &m.damaged[range.clone()],
            shown
                .iter()
                .map(|f| describe(f))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    for f in &shown {
        assert!(
            m.marks
                .iter()
                .any(|(_, r)| r.start < f.range.end && f.range.start < r.end),
            "unexpected finding {}",
            describe(f)
        );
    }
    let fixed = fix_text(&doc.text, &all, DEFAULT_MIN_CONFIDENCE).expect("fixes apply");
    assert_eq!(fixed, m.clean);
}

#[test]
fn thai_planted_listed_term_at_title_word_end_and_tail() {
    check(
        "[[spam:บาคาร่า]]ผู้ว่าฯ เปิดเขื่อนใหม่ที่ขอนแก่น\n\n\
         ขอนแก่น, 5 ก.ย. (ผู้สื่อข่าว) – ผู้ว่าราชการจังหวัดขอนแก่น[[spam:บาคาร่า]] เปิดเขื่อนแห่งใหม่เมื่อวันศุกร์ เพื่อช่วยเกษตรกรในฤดูแล้ง\n\n\
         เขื่อนนี้จะส่งน้ำให้พื้นที่เพาะปลูกกว่าหนึ่งหมื่นไร่ (รายงานโดย สมศรี ทองดี)[[spam:บาคาร่า]]\n",
    );
}

#[test]
fn english_prefix_and_brand_after_the_final_full_stop() {
    check(
        "[[spam:online casino ]]Island ferry service to resume in June\n\n\
         The ferry between the two islands will run twice a day from June, the port authority said on Monday.\n\n\
         Fares will stay the same for residents, officials added.[[spam:pandan888slot]]\n",
    );
}

#[test]
fn disguised_terms_are_found_whole() {
    check(
        "ข่าวเศรษฐกิจวันนี้\n\n\
         ตลาดหุ้นปรับตัวขึ้น[[spam:บา\u{200B}คา\u{200D}ร่า]] ในช่วงเช้า\n\n\
         นักลงทุนต่างชาติซื้อสุทธิ [[spam:ส ล็ อ ต ]]ต่อเนื่องเป็นวันที่สาม\n\n\
         ค่าเงินบาทแข็งค่าขึ้นเล็กน้อย[[spam:ｕｆａｂｅｔ]] เมื่อเทียบกับดอลลาร์\n\n\
         ราคาทองคำทรงตัว[[spam:ยูฟ่า๑๖๘]] ตามตลาดโลก\n",
    );
    check(
        "Markets today\n\n\
         Shares rose in early trade [[spam:саsinо online ]]as investors returned.\n\n\
         The baht firmed slightly against the dollar.\n",
    );
}

#[test]
fn unlisted_brands_are_found_by_their_shape_and_their_sites() {
    check(
        "ข่าวเศรษฐกิจ\n\n\
         ตลาดหุ้นปรับตัวขึ้น[[spam:rambutanbet77]] ในวันนี้ตามแรงซื้อของนักลงทุน\n\n\
         นักวิเคราะห์คาดว่าดัชนีจะแกว่งตัวในกรอบแคบ\n",
    );
    check(
        "[[spam:pandan888สล็อต]]ราคาข้าวขยับขึ้นในตลาดส่งออก\n\n\
         ผู้ส่งออกข้าวรายใหญ่ระบุว่า[[spam:pandan888สล็อต]] คำสั่งซื้อจากต่างประเทศเพิ่มขึ้นในเดือนนี้\n\n\
         ราคาข้าวหอมมะลิปรับขึ้นร้อยละสาม (รายงานโดย วิชัย แสงทอง)[[spam:pandan888สล็อต]]\n",
    );
}

#[test]
fn unlisted_brand_planted_at_three_sites() {
    // Issue 9: recurrence alone is not spam (an unlisted Thai name planted at three sites
    // is how a ministry's name behaves in a press release); a lowercase Latin brand with a
    // number, glued into Thai text at injection sites, is.
    check(
        "[[spam:mayomdeng47]]ฝนตกหนักทั่วภาคเหนือ\n\n\
         เชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักต่อเนื่อง[[spam:mayomdeng47]] ตลอดสัปดาห์\n\n\
         ประชาชนในพื้นที่เสี่ยงควรติดตามประกาศอย่างใกล้ชิด (รายงานโดย อรุณี ใจงาม)[[spam:mayomdeng47]]\n",
    );
    check(
        "มะยมเด้งฝนตกหนักทั่วภาคเหนือ\n\n\
         เชียงใหม่, 2 ส.ค. (ผู้สื่อข่าว) – กรมอุตุนิยมวิทยาเตือนว่าฝนจะตกหนักต่อเนื่องมะยมเด้ง ตลอดสัปดาห์\n\n\
         ประชาชนในพื้นที่เสี่ยงควรติดตามประกาศอย่างใกล้ชิด (รายงานโดย อรุณี ใจงาม)มะยมเด้ง\n",
    );
}

#[test]
fn an_article_about_gambling_keeps_its_mentions_but_loses_planted_copies() {
    check(
        "[[spam:บาคาร่า]]ตำรวจทลายเครือข่ายการพนันออนไลน์ในกรุงเทพฯ\n\n\
         กรุงเทพฯ, 9 ต.ค. (ผู้สื่อข่าว) – ตำรวจบุกค้นบ้านเช่าสามหลัง ซึ่งใช้เป็นฐานของเว็บพนันที่ให้บริการเกมบาคาร่าและสล็อต\n\n\
         ผู้ต้องหาให้การว่าเครือข่ายนี้เปิดบ่อนการพนันออนไลน์มานานกว่าสองปี และมีนักพนันกว่าห้าพันบัญชี\n\n\
         ตำรวจเตือนประชาชนว่าการเล่นการพนันออนไลน์ผิดกฎหมาย (รายงานโดย สมชาย ใจดี)[[spam:บาคาร่า]]\n",
    );
    check(
        "Casino operator lifts profit\n\n\
         The company said revenue from baccarat tables and slot machines rose, while its online casino unit grew fastest.\n\n\
         Gaming analysts expect betting volumes to stay high through the holiday season.\n",
    );
}

#[test]
fn repeated_title_doubled_phrase_and_gapped_repeat() {
    check(
        "รัฐบาลเร่งแผนน้ำประปาในชนบท[[dup:\n\nรัฐบาลเร่งแผนน้ำประปาในชนบท]]\n\n\
         กรุงเทพฯ, 1 ธ.ค. (ผู้สื่อข่าว) – เจ้าหน้าที่ในคณะทำงานของรัฐมนตรีมหาดไทย[[dup: ของรัฐมนตรีมหาดไทย]] กล่าวว่า แผนนี้จะเริ่มในปีหน้า\n\n\
         หมู่บ้านทั้งสองแห่งวางแผนจะส่งตัวแทนกลับหมู่บ้านของตน[[dup:กลับหมู่บ้าน]]หลังการประชุม\n",
    );
}

#[test]
fn sentence_paragraph_teaser_and_overlap() {
    check(
        "Council approves budget[[dup:\n\n\
         The council approved the budget on Monday…]]\n\nThe council approved the budget on Monday, raising spending on schools and roads.\n\n\
         The mayor said the plan would be reviewed in March. [[dup:The mayor said the plan would be reviewed in March. ]]Critics called it too cautious.\n\n\
         Officials expect the first new school to open next year, the finance office said.\n\n\
         Residents can comment on the plan until the end of the month.[[dup:\n\n\
         Officials expect the first new school to open next year, the finance office said.]]\n",
    );
}

#[test]
fn ordinary_thai_and_english_repetition_is_left_alone() {
    check(
        "อธิบดีกรมชลประทานลงพื้นที่ภาคกลาง\n\n\
         อธิบดีกรมชลประทานและรองอธิบดีกรมชลประทานลงพื้นที่ตรวจเขื่อน ขณะที่เด็ก ๆ ในหมู่บ้านเดินช้าช้า ไปที่ที่นัดไว้\n\n\
         ชาวบ้านหลายร้อยร้อยคนตะโกนว่า “สู้ต่อไป สู้ต่อไป” ตลอดคืน ความร่วมมือในช่วงเวลาที่ความร่วมมือระหว่างประเทศลดลง\n\n\
         นายสมชาย ใจดี ผู้ใหญ่บ้าน กล่าวว่า ราคาข้าวขึ้นลงปีต่อปี ทั้งในประเทศและต่างประเทศ\n\n\
         นายสมชาย ใจดี ผู้ใหญ่บ้าน ยังกล่าวอีกว่า ชาวบ้านจะติดตามสถานการณ์วันต่อวัน\n",
    );
    check(
        "City hall news\n\n\
         The mayor and deputy mayor met the press, and the mayor and the deputy mayor took questions.\n\n\
         Fans sang \"Ole, ole, ole\" as the team left. He said that that decision had had no effect.\n",
    );
}

/// Issue 9: news restates its headline, quotes repeat for emphasis, clauses share a noun.
/// None of it is damage; a teaser cut mid-word goes and the complete lede stays.
#[test]
fn restatement_and_emphasis_stay_and_a_cut_teaser_goes() {
    check(
        "สภาเห็นชอบร่างกฎหมายการศึกษาแห่งชาติในวาระแรก\n\n\
         สภาเห็นชอบร่างกฎหมายการศึกษาแห่งชาติในวาระแรก ด้วยคะแนนเสียงข้างมาก หลังอภิปรายนานกว่าแปดชั่วโมง\n\n\
         ร่างกฎหมายระบุว่า ทุกคนมีสิทธิในการศึกษา การศึกษาจะต้องเป็นไปเพื่อการพัฒนาบุคลิกภาพอย่างเต็มที่\n\n\
         รัฐมนตรีกล่าวว่า “เราจะทำงานอย่างรอบคอบ ไม่เร่งรีบ ไม่เร่งรีบ และรับฟังทุกฝ่าย” ก่อนการลงมติ\n\n\
         สภาเห็นชอบร่างกฎหมายการศึกษาแห่งชาติ\n\n\
         ขั้นต่อไปคือการพิจารณาของคณะกรรมาธิการ ซึ่งจะใช้เวลาราวสองเดือน\n",
    );
    check(
        "ฝนตกหนักทำให้น้ำท่วมหลายอำเภอในจังหวัดเชียงราย[[dup:\n\n\
         กรมป้องกันและบรรเทาสาธารณภัยรายงานว่า ฝนที่ตกหนักต่อเนื่องตั้งแต่คืนวันเสาร์ทำให้น้ำป่าไหลหลากเข้าท่]]\n\n\
         กรมป้องกันและบรรเทาสาธารณภัยรายงานว่า ฝนที่ตกหนักต่อเนื่องตั้งแต่คืนวันเสาร์ทำให้น้ำป่าไหลหลากเข้าท่วมบ้านเรือนกว่าสามร้อยหลัง\n\n\
         เจ้าหน้าที่เร่งอพยพผู้สูงอายุและเด็กออกจากพื้นที่เสี่ยง\n",
    );
}
