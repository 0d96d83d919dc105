//! The site summary worded for the shell: lines for a person on stderr, a JSON record for
//! scripts. The numbers come from the library ([`redline::pipeline::SiteSummary`]).

use redline::corpus::Summary;
use redline::pipeline::SiteSummary;
use redline::sanitize;
use serde::Serialize;

/// Hosts named on stderr; the JSON record lists them all.
const HOSTS_SHOWN: usize = 10;

/// Lines about the pages of a run, for a person; none when no page was read. Every name
/// (paths, hosts) passes the sanitiser.
pub fn lines(s: &SiteSummary) -> Vec<String> {
    if s.pages == 0 {
        return Vec::new();
    }
    let mut out = Vec::new();
    let kinds: Vec<String> = s
        .pages_by_kind
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    out.push(format!(
        "{} scanned, {} infected{}",
        plural(s.pages, "page"),
        s.infected,
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" (pages by kind: {})", kinds.join(", "))
        }
    ));
    if !s.doorways.is_empty() {
        out.push(format!(
            "{} left as found (delete rather than clean): {}",
            plural(s.doorways.len(), "doorway page"),
            s.doorways
                .iter()
                .map(|p| sanitize::line(p).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let hosts = s.hosts_by_links();
    if !hosts.is_empty() {
        let shown: Vec<String> = hosts
            .iter()
            .take(HOSTS_SHOWN)
            .map(|h| {
                format!(
                    "{} ({} on {})",
                    sanitize::line(&h.host),
                    plural(h.links, "link"),
                    plural(h.pages, "page")
                )
            })
            .collect();
        let more = hosts.len().saturating_sub(HOSTS_SHOWN);
        out.push(format!(
            "{} linked: {}{}",
            plural(hosts.len(), "spam host"),
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[derive(Serialize)]
struct Record<'a> {
    summary: SummaryJson<'a>,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    documents: usize,
    with_findings: usize,
    #[serde(flatten)]
    site: &'a SiteSummary,
}

/// The final JSON Lines record of a run: `{"summary": {...}}`.
pub fn json_record(s: &Summary) -> serde_json::Result<String> {
    serde_json::to_string(&Record {
        summary: SummaryJson {
            documents: s.documents,
            with_findings: s.with_findings,
            site: &s.site,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use redline::pipeline::HostCount;

    #[test]
    fn the_summary_reads_as_sentences_and_names_are_made_harmless() {
        let s = SiteSummary {
            pages: 200,
            infected: 2,
            pages_by_kind: [("hidden", 1), ("doorway", 1)].into_iter().collect(),
            doorways: vec!["site/x\x1b[31m.html".into()],
            spam_hosts: vec![HostCount {
                host: "ufabet-vip.example".into(),
                links: 1,
                pages: 1,
            }],
        };
        let out = lines(&s);
        assert_eq!(
            out[0],
            "200 pages scanned, 2 infected (pages by kind: doorway 1, hidden 1)"
        );
        assert!(
            out[1].starts_with("1 doorway page left as found"),
            "{}",
            out[1]
        );
        assert!(!out[1].contains('\x1b'));
        assert_eq!(
            out[2],
            "1 spam host linked: ufabet-vip.example (1 link on 1 page)"
        );
        assert!(lines(&SiteSummary::default()).is_empty());
    }
}
