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
        "{} pages scanned, {} infected{}",
        s.pages,
        s.infected,
        if kinds.is_empty() {
            String::new()
        } else {
            format!(" (pages by kind: {})", kinds.join(", "))
        }
    ));
    if !s.doorways.is_empty() {
        out.push(format!(
            "{} doorway pages, left as they are (delete them): {}",
            s.doorways.len(),
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
                    "{} ({} links on {} pages)",
                    sanitize::line(&h.host),
                    h.links,
                    h.pages
                )
            })
            .collect();
        let more = hosts.len().saturating_sub(HOSTS_SHOWN);
        out.push(format!(
            "{} spam hosts linked: {}{}",
            hosts.len(),
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
