//! A mirrored site of 200 pages in one run: `fix --out-dir` keeps the tree, cleans the
//! infected pages back to their clean version byte for byte, leaves clean pages and the
//! doorway pages as they are, and the summary counts pages by kind, names the doorways and
//! lists the spam hosts (on `scan` and `fix`, as JSON).
//!
//! Pages come from one template written for this test: each infected page is generated
//! with and without its spam, so the clean version is exactly what `fix` must write.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::redline;
use serde_json::Value;

const PAGES: usize = 200;

/// Directories of the mirror; the first page in each is `index.html`, then `N.html`, so
/// the same names sit in many directories.
const DIRS: &[&str] = &[
    "2024/01",
    "2024/02",
    "2024/03",
    "2024/04",
    "2024/05",
    "2024/06",
    "2024/07",
    "2024/08",
    "2024/09",
    "2024/10",
    "2024/11",
    "2024/12",
    "news",
    "news/local",
    "news/region",
    "about",
    "activity/2567",
    "activity/2566",
    "procurement",
    "en",
];

const OFFICES: &[&str] = &[
    "สำนักงานจังหวัดนครเมืองทอง",
    "องค์การบริหารส่วนตำบลหนองบัว",
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาบ้านนา",
    "เทศบาลเมืองริมน้ำ",
];

const ACTORS: &[&str] = &[
    "ผู้ว่าราชการจังหวัด",
    "นายกเทศมนตรี",
    "ผู้อำนวยการสำนักงาน",
    "ปลัดอำเภอ",
    "หัวหน้าส่วนราชการ",
];

const EVENTS: &[&str] = &[
    "เป็นประธานเปิดโครงการอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน",
    "ลงพื้นที่ติดตามการซ่อมแซมถนนที่ได้รับความเสียหายจากน้ำท่วม",
    "มอบเครื่องอุปโภคบริโภคให้แก่ครอบครัวผู้มีรายได้น้อย",
    "ประชุมหารือแนวทางการจัดการขยะมูลฝอยในชุมชน",
    "ตรวจเยี่ยมการดำเนินงานของโรงเรียนขนาดเล็กในพื้นที่ห่างไกล",
    "เปิดตลาดนัดเกษตรกรเพื่อจำหน่ายผลผลิตทางการเกษตรของชุมชน",
];

const PLACES: &[&str] = &[
    "หอประชุมอำเภอ",
    "ศาลาประชาคมหมู่บ้าน",
    "ห้องประชุมศาลากลางจังหวัด",
    "ลานอเนกประสงค์ของเทศบาล",
];

const MONTHS: &[&str] = &["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน"];

/// What is planted in an infected page. Each field is one kind of spam.
#[derive(Default, Clone, Copy)]
struct Hack {
    head: bool,
    hidden: bool,
    script: bool,
    iframe: bool,
    farm: bool,
    wrapped: bool,
    marquee: bool,
    article: bool,
    duplicate: bool,
}

/// The page's clean and infected versions, from the same template.
fn page(i: usize, h: Hack) -> (String, String) {
    let office = OFFICES[i % OFFICES.len()];
    let actor = ACTORS[i % ACTORS.len()];
    let event = EVENTS[(i / 2) % EVENTS.len()];
    let place = PLACES[(i / 3) % PLACES.len()];
    let month = MONTHS[(i / 5) % MONTHS.len()];
    let day = 1 + i % 28;
    let people = 40 + i * 7;
    // `(clean, infected)` pieces, joined in order.
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut same = |s: String| parts.push((s.clone(), s));
    same(format!(
        "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n<title>{office}"
    ));
    parts.push((
        String::new(),
        if h.head {
            " | สล็อตเว็บตรง แตกง่าย".into()
        } else {
            String::new()
        },
    ));
    let mut same = |s: String| parts.push((s.clone(), s));
    same(format!(
        " | ข่าวประชาสัมพันธ์ {i}</title>\n\
         <meta name=\"description\" content=\"ข่าวประชาสัมพันธ์ {office}\">\n\
         <style>\n.menu-sub {{ display: none; }}\n</style>\n</head>\n<body>\n\
         <header>\n<nav><ul><li><a href=\"/\">หน้าแรก</a></li><li><a href=\"/news\">ข่าว</a></li></ul></nav>\n</header>\n\
         <main>\n<article>\n<h1>{actor}{event}</h1>\n<p class=\"date\">{day} {month} 2567</p>\n\
         <p>{actor}{event} ณ {place} เมื่อวันที่ {day} {month} ที่ผ่านมา โดยมีผู้เข้าร่วมประมาณ {people} คน"
    ));
    parts.push((
        String::new(),
        if h.article {
            "บาคาร่า".into()
        } else {
            String::new()
        },
    ));
    let p2 = "ประชาชนที่สนใจสามารถติดตามรายละเอียดเพิ่มเติมได้ทางสถานีโทรทัศน์";
    let p2_end = " และสถานีวิทยุกระจายเสียงแห่งประเทศไทยในช่วงเวลาข่าวภาคค่ำ";
    let (open, close) = if h.wrapped {
        ("<a href=\"https://ufabet-vip.example/\">", "</a>")
    } else {
        ("", "")
    };
    parts.push((
        format!(" ซึ่งได้รับความร่วมมือจากทุกภาคส่วนเป็นอย่างดี</p>\n<p>{p2}ช่อง 7{p2_end}</p>\n"),
        format!(" ซึ่งได้รับความร่วมมือจากทุกภาคส่วนเป็นอย่างดี</p>\n<p>{p2}{open}ช่อง 7{close}{p2_end}</p>\n"),
    ));
    let p3 = format!(
        "<p>ทั้งนี้ หน่วยงานจะสรุปผลการดำเนินงานครั้งที่ {} และรายงานต่อคณะกรรมการภายในสิ้นเดือน{month}</p>\n",
        i + 1
    );
    parts.push((
        p3.clone(),
        if h.duplicate { format!("{p3}{p3}") } else { p3 },
    ));
    let mut plant = |on: bool, s: &str| {
        parts.push((String::new(), if on { s.to_owned() } else { String::new() }))
    };
    plant(
        h.marquee,
        "<marquee>สมัครสมาชิก ufabet รับโบนัสทุกยอดฝาก</marquee>\n",
    );
    let mut same = |s: &str| parts.push((s.to_owned(), s.to_owned()));
    same("</article>\n</main>\n");
    let mut plant = |on: bool, s: &str| {
        parts.push((String::new(), if on { s.to_owned() } else { String::new() }))
    };
    plant(
        h.hidden,
        "<div style=\"display:none\">สล็อตเว็บตรง แตกง่าย <a href=\"https://pgslot-max.example/\">pgslot</a></div>\n",
    );
    plant(
        h.iframe,
        "<iframe src=\"https://sagame66.example/live\" width=\"1\" height=\"1\"></iframe>\n",
    );
    plant(
        h.script,
        "<script>document.write('<a href=\"https://betflixwin.example/\">เว็บสล็อต</a>');</script>\n",
    );
    let mut same = |s: String| parts.push((s.clone(), s));
    same(format!(
        "<footer>\n<p>{office} โทรศัพท์ 0 4400 {:04}</p>\n",
        i
    ));
    let mut plant = |on: bool, s: &str| {
        parts.push((String::new(), if on { s.to_owned() } else { String::new() }))
    };
    plant(
        h.farm,
        "<div class=\"partners\">\n<a href=\"https://jokerslot99.example/\">สล็อต</a>\n<a href=\"https://luckycasino77.example/\">คาสิโนออนไลน์</a>\n<a href=\"https://ufabet-vip.example/\">ufabet</a>\n</div>\n",
    );
    parts.push((
        "<p>&copy; 2567 สงวนลิขสิทธิ์</p>\n</footer>\n</body>\n</html>\n".into(),
        "<p>&copy; 2567 สงวนลิขสิทธิ์</p>\n</footer>\n</body>\n</html>\n".into(),
    ));
    parts
        .into_iter()
        .fold((String::new(), String::new()), |(mut c, mut x), (a, b)| {
            c.push_str(&a);
            x.push_str(&b);
            (c, x)
        })
}

/// A doorway page: keyword stuffing and links, no article.
fn doorway(n: usize) -> String {
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>สล็อตเว็บตรง ufabet {n}</title>\n</head>\n<body>\n\
         <h1>สล็อตเว็บตรง แตกง่าย ufabet บาคาร่า</h1>\n\
         <p>สล็อต เว็บตรง แตกง่าย สมัครสมาชิก ufabet บาคาร่า pgslot เครดิตฟรี ฝากถอนไม่มีขั้นต่ำ</p>\n\
         <p><a href=\"https://ufabet-vip.example/\">ufabet</a> <a href=\"https://pgslot-max.example/\">pgslot</a> <a href=\"https://slotxo{n}.example/\">slotxo</a></p>\n\
         </body>\n</html>\n"
    )
}

/// The TIS-620 page: declared in a meta, with hidden spam and a wrapped word.
fn tis620_page() -> (String, String) {
    let head = "<html><head>\n<meta charset=\"tis-620\">\n\
        <title>มหาวิทยาลัยบ้านนา</title>\n</head>\n<body>\n<article><h1>มหาวิทยาลัยเปิดรับสมัครนักศึกษาใหม่</h1>\n\
        <p>มหาวิทยาลัยบ้านนาเปิดรับสมัครนักศึกษาใหม่ประจำปีการศึกษา 2567 ผ่านระบบออนไลน์ ตั้งแต่วันนี้ถึงสิ้นเดือน สอบถามได้ที่";
    let word = "กองบริการการศึกษา";
    let tail = "</p>\n</article>\n";
    let hidden = "<div style=\"display:none\">สล็อตเว็บตรง <a href=\"https://pgslot-max.example/\">pgslot</a></div>\n";
    let end = "</body></html>\n";
    let clean = format!("{head}{word}{tail}{end}");
    let hacked =
        format!("{head}<a href=\"https://ufabet-club.example/\">{word}</a>{tail}{hidden}{end}");
    (clean, hacked)
}

fn tis620(s: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_874.encode(s);
    assert!(!unmappable);
    bytes.into_owned()
}

/// One page of the plan.
struct Planned {
    rel: PathBuf,
    infected: Vec<u8>,
    clean: Vec<u8>,
    /// Kinds the summary counts this page under.
    kinds: Vec<&'static str>,
    /// Gambling hosts it links to or frames, with their links.
    hosts: Vec<(&'static str, usize)>,
    doorway: bool,
}

fn rel(i: usize) -> PathBuf {
    let dir = DIRS[i % DIRS.len()];
    let name = match i / DIRS.len() {
        0 => "index.html".to_owned(),
        n => format!("{n}.html"),
    };
    Path::new(dir).join(name)
}

/// 200 pages: most clean, some with one or two kinds of spam, two doorways, one TIS-620.
fn plan() -> Vec<Planned> {
    let mut out = Vec::new();
    for i in 0..PAGES {
        let rel = rel(i);
        if i == 37 || i == 151 {
            let d = doorway(i);
            out.push(Planned {
                rel,
                infected: d.clone().into_bytes(),
                clean: d.into_bytes(),
                kinds: vec!["doorway"],
                hosts: vec![
                    ("ufabet-vip.example", 1),
                    ("pgslot-max.example", 1),
                    (
                        if i == 37 {
                            "slotxo37.example"
                        } else {
                            "slotxo151.example"
                        },
                        1,
                    ),
                ],
                doorway: true,
            });
            continue;
        }
        if i == 88 {
            let (clean, hacked) = tis620_page();
            out.push(Planned {
                rel,
                infected: tis620(&hacked),
                clean: tis620(&clean),
                kinds: vec!["hidden", "wrapped link"],
                hosts: vec![("pgslot-max.example", 1), ("ufabet-club.example", 1)],
                doorway: false,
            });
            continue;
        }
        let mut h = Hack::default();
        let mut kinds = Vec::new();
        let mut hosts = Vec::new();
        // Each kind on a few pages, some pages with two.
        match i % 25 {
            3 => {
                h.head = true;
                kinds.push("head");
                h.hidden = true;
                kinds.push("hidden");
                hosts.push(("pgslot-max.example", 1));
            }
            5 => {
                h.hidden = true;
                kinds.push("hidden");
                hosts.push(("pgslot-max.example", 1));
            }
            8 => {
                h.script = true;
                kinds.push("script");
                hosts.push(("betflixwin.example", 1));
            }
            11 => {
                h.farm = true;
                kinds.push("link farm");
                hosts.extend([
                    ("jokerslot99.example", 1),
                    ("luckycasino77.example", 1),
                    ("ufabet-vip.example", 1),
                ]);
            }
            14 => {
                h.wrapped = true;
                kinds.push("wrapped link");
                hosts.push(("ufabet-vip.example", 1));
            }
            17 => {
                h.iframe = true;
                kinds.push("iframe");
                hosts.push(("sagame66.example", 1));
            }
            19 => {
                h.marquee = true;
                kinds.push("marquee");
            }
            21 => {
                h.article = true;
                kinds.push("article spam");
            }
            23 => {
                h.duplicate = true;
                kinds.push("duplicate");
                h.iframe = true;
                kinds.push("iframe");
                hosts.push(("sagame66.example", 1));
            }
            _ => {}
        }
        let (clean, infected) = page(i, h);
        kinds.sort_unstable();
        out.push(Planned {
            rel,
            infected: infected.into_bytes(),
            clean: clean.into_bytes(),
            kinds,
            hosts,
            doorway: false,
        });
    }
    out
}

/// What the summary must say about the plan.
fn expected_summary(plan: &[Planned], root: &Path) -> Value {
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hosts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for p in plan {
        for k in &p.kinds {
            *by_kind.entry(k).or_default() += 1;
        }
        for (h, n) in &p.hosts {
            let e = hosts.entry(h).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }
    let infected = plan
        .iter()
        .filter(|p| p.kinds.iter().any(|k| *k != "duplicate"))
        .count();
    let with_findings = plan.iter().filter(|p| !p.kinds.is_empty()).count();
    // In walk order: sorted paths.
    let mut doorways: Vec<PathBuf> = plan
        .iter()
        .filter(|p| p.doorway)
        .map(|p| root.join(&p.rel))
        .collect();
    doorways.sort();
    let doorways: Vec<String> = doorways.iter().map(|p| p.display().to_string()).collect();
    serde_json::json!({"summary": {
        "documents": PAGES,
        "with_findings": with_findings,
        "pages": PAGES,
        "infected": infected,
        "pages_by_kind": by_kind,
        "doorways": doorways,
        "spam_hosts": hosts.iter().map(|(h, (l, p))| serde_json::json!({"host": h, "links": l, "pages": p})).collect::<Vec<_>>(),
    }})
}

/// The summary's name for a finding's kind.
fn label(rule: &str, kind: &str) -> &'static str {
    match rule {
        "spam.head" => "head",
        "spam.hidden-text" => "hidden",
        "spam.marquee" => "marquee",
        "spam.script" => "script",
        "spam.iframe" => "iframe",
        "spam.link-farm" => "link farm",
        "spam.wrapped-link" => "wrapped link",
        "spam.page" => "doorway",
        _ if kind == "spam" => "article spam",
        _ if kind == "duplicate" => "duplicate",
        _ => "other",
    }
}

fn summary_line(stdout: &[u8]) -> Value {
    let text = String::from_utf8_lossy(stdout);
    let last = text.lines().last().expect("a summary line");
    serde_json::from_str(last).expect("json")
}

#[test]
fn a_mirrored_site_is_cleaned_in_one_run_and_summarised() {
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path().join("site");
    let plan = plan();
    for p in &plan {
        let path = site.join(&p.rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
        std::fs::write(&path, &p.infected).expect("write");
    }
    let want = expected_summary(&plan, &site);

    let scanned = redline(dir.path())
        .args(["scan", "--format", "json"])
        .arg(&site)
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .code(1)
        .get_output()
        .clone();
    // Page by page, the kinds found are the kinds planted.
    let records: Vec<Value> = String::from_utf8_lossy(&scanned.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let by_path: BTreeMap<PathBuf, &Planned> =
        plan.iter().map(|p| (site.join(&p.rel), p)).collect();
    for r in records.iter().filter(|r| r.get("source").is_some()) {
        let source = PathBuf::from(r["source"].as_str().expect("source"));
        let p = by_path.get(&source).expect("a planned page");
        let mut kinds: Vec<&str> = r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                label(
                    f["rule"].as_str().unwrap_or(""),
                    f["kind"].as_str().unwrap_or(""),
                )
            })
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds, p.kinds, "{}: {r}", p.rel.display());
    }
    let got = summary_line(&scanned.stdout);
    assert_eq!(got, want, "scan summary");
    // One record a page, then the summary.
    assert_eq!(
        String::from_utf8_lossy(&scanned.stdout).lines().count(),
        PAGES + 1
    );

    let clean = dir.path().join("clean");
    let fixed = redline(dir.path())
        .arg("fix")
        .arg(&site)
        .arg("--out-dir")
        .arg(&clean)
        .args(["--format", "json"])
        .timeout(std::time::Duration::from_secs(600))
        .assert()
        .code(0)
        .get_output()
        .clone();
    assert_eq!(summary_line(&fixed.stdout), want, "fix summary");

    // The tree is reproduced, no more and no less.
    let mut written = Vec::new();
    let mut stack = vec![clean.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                written.push(p.strip_prefix(&clean).expect("under").to_owned());
            }
        }
    }
    written.sort();
    let mut planned: Vec<PathBuf> = plan.iter().map(|p| p.rel.clone()).collect();
    planned.sort();
    assert_eq!(written, planned);

    for p in &plan {
        let got = std::fs::read(clean.join(&p.rel)).expect("written");
        if got != p.clean {
            let diff = redline::export::unified_diff(
                &String::from_utf8_lossy(&p.clean),
                &String::from_utf8_lossy(&got),
                "want",
                "got",
            );
            panic!("{} ({:?}):\n{diff}", p.rel.display(), p.kinds);
        }
        if p.kinds.is_empty() || p.doorway {
            assert_eq!(p.infected, got, "{} is left as it was", p.rel.display());
        }
    }
}
