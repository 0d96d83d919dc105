//! The summary of a run over a mirrored site: pages scanned, pages infected by kind of
//! spam, the doorway pages by path, and the gambling hosts the pages link to. Plain data:
//! the shells word it (a few lines on stderr, a JSON record).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Analysis;
use crate::detect::{Finding, Kind, Rule};

/// What one document adds to a [`SiteSummary`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageReport {
    /// Whether the document is an HTML page.
    pub page: bool,
    /// The kinds of problem found in it ([`kind_label`]), each once.
    pub kinds: Vec<&'static str>,
    pub doorway: bool,
    /// Gambling hosts it links to or frames, with how many links point at each.
    pub hosts: Vec<(String, usize)>,
}

/// The label a finding is counted under: where the spam sat in the page for the page-level
/// rules, `article spam`, or the kind for duplicates and the rest.
pub fn kind_label(f: &Finding) -> &'static str {
    match f.rule {
        Rule::SpamHead => "head",
        Rule::SpamHiddenText => "hidden",
        Rule::SpamNoscript => "noscript",
        Rule::SpamMarquee => "marquee",
        Rule::SpamScript => "script",
        Rule::SpamIframe => "iframe",
        Rule::SpamLinkFarm => "link farm",
        Rule::SpamGamblingLink => "gambling link",
        Rule::SpamWrappedLink => "wrapped link",
        Rule::SpamPage => "doorway",
        _ => match f.kind {
            Kind::Spam => "article spam",
            Kind::Duplicate => "duplicate",
            Kind::Whitespace => "whitespace",
            Kind::Layout => "layout",
        },
    }
}

impl Analysis {
    /// What this document adds to the run's summary: the findings at or above the threshold
    /// (those reported and applied), the doorway verdict and the gambling hosts linked.
    pub fn report(&self) -> PageReport {
        let mut kinds: Vec<&'static str> = self.findings.iter().map(kind_label).collect();
        let mut hosts = Vec::new();
        if let Some(p) = &self.page {
            kinds.extend(
                self.page_findings
                    .iter()
                    .map(|f| kind_label(&f.as_finding(&p.source))),
            );
            // Where spam goes, in the page: links in it name spam hosts too.
            let mut removed: Vec<std::ops::Range<usize>> = self
                .findings
                .iter()
                .filter(|f| f.kind == Kind::Spam && f.replacement.is_empty())
                .map(|f| p.article.to_source(f.range.clone()))
                .chain(
                    self.page_findings
                        .iter()
                        .filter(|f| f.rule != "spam.wrapped-link")
                        .flat_map(|f| f.edits.iter().map(|e| e.range.clone())),
                )
                .collect();
            removed.sort_by_key(|r| r.start);
            let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
            for r in removed {
                match merged.last_mut() {
                    Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                    _ => merged.push(r),
                }
            }
            hosts = p.article.spam_hosts(&merged);
        }
        kinds.sort_unstable();
        kinds.dedup();
        PageReport {
            page: self.page.is_some(),
            kinds,
            doorway: self.is_doorway(),
            hosts,
        }
    }
}

/// Totals over the pages of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SiteSummary {
    /// HTML pages scanned (text documents are not counted here).
    pub pages: usize,
    /// Pages with at least one spam finding, doorways included.
    pub infected: usize,
    /// For each kind ([`kind_label`]), how many pages have it.
    pub pages_by_kind: BTreeMap<&'static str, usize>,
    /// The doorway pages, as their paths were given, in input order.
    pub doorways: Vec<String>,
    /// Each gambling host linked from the pages, with how many links point at it and on
    /// how many pages.
    pub spam_hosts: Vec<HostCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostCount {
    pub host: String,
    pub links: usize,
    pub pages: usize,
}

impl SiteSummary {
    /// Count one document, named `path`. Text documents count only through their findings
    /// (a mirrored site may hold text files too).
    pub fn add(&mut self, path: &str, r: &PageReport) {
        if r.page {
            self.pages += 1;
        }
        let spam = r.doorway
            || r.kinds
                .iter()
                .any(|k| !matches!(*k, "duplicate" | "whitespace" | "layout"));
        if spam && r.page {
            self.infected += 1;
        }
        if !r.page {
            return;
        }
        for k in &r.kinds {
            *self.pages_by_kind.entry(k).or_default() += 1;
        }
        if r.doorway {
            self.doorways.push(path.to_owned());
        }
        for (host, links) in &r.hosts {
            self.count_host(host, *links, 1);
        }
    }

    fn count_host(&mut self, host: &str, links: usize, pages: usize) {
        match self
            .spam_hosts
            .binary_search_by(|h| h.host.as_str().cmp(host))
        {
            Ok(i) => {
                self.spam_hosts[i].links += links;
                self.spam_hosts[i].pages += pages;
            }
            Err(i) => self.spam_hosts.insert(
                i,
                HostCount {
                    host: host.to_owned(),
                    links,
                    pages,
                },
            ),
        }
    }

    /// Add the totals of a later part of the same run.
    pub fn merge(&mut self, other: SiteSummary) {
        self.pages += other.pages;
        self.infected += other.infected;
        for (k, n) in other.pages_by_kind {
            *self.pages_by_kind.entry(k).or_default() += n;
        }
        self.doorways.extend(other.doorways);
        for h in other.spam_hosts {
            self.count_host(&h.host, h.links, h.pages);
        }
    }

    /// The hosts, most linked first (ties by name).
    pub fn hosts_by_links(&self) -> Vec<&HostCount> {
        let mut hosts: Vec<&HostCount> = self.spam_hosts.iter().collect();
        hosts.sort_by(|a, b| b.links.cmp(&a.links).then(a.host.cmp(&b.host)));
        hosts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::ScanOptions;

    #[test]
    fn pages_are_counted_by_kind_with_doorways_and_hosts() {
        let opts = ScanOptions::default();
        let farm = "<!doctype html><html><head><title>กรม</title></head><body><main><p>ข่าวประจำวันของกรมที่ดินวันนี้มีการประชุมใหญ่เรื่องงบประมาณประจำปีของหน่วยงานทั้งหมด</p></main>\
            <footer><p><a href=\"https://ufabet-a.example/\">ufabet</a> <a href=\"https://ufabet-a.example/x\">ufa</a> <a href=\"https://pgslot-b.example/\">pg</a></p></footer></body></html>";
        let a = Analysis::new(farm.into(), true, &opts).expect("page");
        let r = a.report();
        assert!(r.page && !r.doorway);
        assert!(r.kinds.contains(&"link farm"), "{r:?}");
        assert_eq!(
            r.hosts,
            [
                ("pgslot-b.example".to_owned(), 1),
                ("ufabet-a.example".to_owned(), 2)
            ]
        );
        let mut s = SiteSummary::default();
        s.add("a/index.html", &r);
        let clean = Analysis::new("<html><body><p>ข่าว</p></body></html>".into(), true, &opts)
            .expect("page");
        s.add("b/index.html", &clean.report());
        let mut other = SiteSummary::default();
        other.add("c/index.html", &r);
        s.merge(other);
        assert_eq!(s.pages, 3);
        assert_eq!(s.infected, 2);
        assert_eq!(s.pages_by_kind.get("link farm"), Some(&2));
        assert_eq!(
            s.hosts_by_links()
                .iter()
                .map(|h| (h.host.as_str(), h.links, h.pages))
                .collect::<Vec<_>>(),
            [("ufabet-a.example", 4, 2), ("pgslot-b.example", 2, 2)]
        );
        assert!(s.doorways.is_empty());
    }

    #[test]
    fn a_site_linked_from_hidden_spam_is_a_spam_host() {
        let page = "<html><body><main><p>ข่าวประจำวันของกรมที่ดินวันนี้มีการประชุมใหญ่เรื่องงบประมาณประจำปี</p></main>\
            <div style=\"display:none\">สล็อตเว็บตรง แตกง่าย <a href=\"https://club-x.example/\">เข้าเล่น</a></div>\
            <p>ติดต่อ <a href=\"https://www.example.go.th/\">กรม</a></p></body></html>";
        let a = Analysis::new(page.into(), true, &ScanOptions::default()).expect("page");
        assert_eq!(a.report().hosts, [("club-x.example".to_owned(), 1)]);
    }
}
