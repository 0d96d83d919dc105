//! Drawing. Views only borrow the state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, TableState};

use super::action::Command;
use super::app::{App, Mode, Screen, article_rows, detail_rows, findings_rows, plural, shorten};
use super::theme::Mark;
use redline::detect::Kind;
use redline::export::sanitize;
use redline::review::Decision;

// The tests and benches/tui.rs draw through this; the shell needs the cursor too.
#[allow(dead_code)]
pub fn render(app: &App, frame: &mut Frame) {
    let _ = render_with_cursor(app, frame);
}

/// [`render`], and where the terminal's own cursor goes: the paragraph editor's cursor
/// (a shell that applies the buffer itself shows it there; `None` hides it).
pub fn render_with_cursor(app: &App, frame: &mut Frame) -> Option<ratatui::layout::Position> {
    let area = frame.area();
    let mut cursor = None;
    match (app.terms(), app.current()) {
        (Some(_), _) => render_terms(app, frame, area),
        (None, Some(i)) => cursor = render_article(app, i, frame, area),
        (None, None) => render_list(app, frame, area),
    }
    if matches!(app.screen(), Screen::Help(_)) {
        render_help(app, frame, area);
        cursor = None;
    }
    cursor
}

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Spam => "spam",
        Kind::Duplicate => "dup",
        Kind::Whitespace => "space",
        Kind::Layout => "layout",
    }
}

fn decision_label(d: Decision, stale: bool) -> &'static str {
    if stale {
        return "stale";
    }
    match d {
        Decision::Pending => "·",
        Decision::Accepted => "✓ fix",
        Decision::Rejected => "✗",
    }
}

/// The article, its findings, the detail and the status line; the editor's cursor when the
/// paragraph editor is open.
fn render_article(
    app: &App,
    i: usize,
    frame: &mut Frame,
    area: Rect,
) -> Option<ratatui::layout::Position> {
    let mut cursor = None;
    let a = &app.articles()[i];
    let rows = article_rows(area.height) as u16;
    let fr = findings_rows(area.height) as u16;
    let dr = detail_rows(area.height) as u16;
    let parts = Split::vertical([
        Constraint::Length(rows + 2),
        Constraint::Length(fr),
        Constraint::Length(dr),
        Constraint::Min(0),
    ])
    .split(area);

    // Article pane.
    let mut lines = Vec::with_capacity(rows as usize);
    for n in app.scroll()..app.scroll() + rows as usize {
        let Some(l) = a.layout.line(n) else {
            lines.push(Line::default());
            continue;
        };
        let spans: Vec<Span> = l
            .runs
            .iter()
            .map(|r| Span::styled(r.text.clone(), app.theme().style(r.mark, r.selected)))
            .collect();
        lines.push(Line::from(spans));
    }
    // The title as it will be written: a fixed title shows fixed.
    let title = format!(" {} ", sanitize(&a.written_title()));
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(title)),
        parts[0],
    );

    // Findings pane: scrolls with the selection.
    let items = &a.review.items;
    let visible = fr as usize;
    let first = app
        .selected()
        .saturating_sub(visible / 2)
        .min(items.len().saturating_sub(visible));
    let map = super::display::OutputMap::new(&a.review);
    let rows_out: Vec<Row> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(k, it)| {
            // A finding inside an accepted fix: its text is gone with the fix.
            let covered = !it.stale
                && it.decision != Decision::Accepted
                && map.range(&it.finding.range).is_none();
            let mark = match it.finding.kind {
                Kind::Spam => Mark::Spam,
                Kind::Duplicate => Mark::Duplicate,
                _ => Mark::Other,
            };
            let suggestion = a.is_suggestion(k);
            let mut style = if k == app.selected() {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            if suggestion {
                style = style.add_modifier(Modifier::DIM);
            }
            // Findings about the page around the article are marked as such.
            let kind = if a.origin.is_page_item(k) {
                "page"
            } else {
                kind_label(it.finding.kind)
            };
            Row::new(vec![
                Span::raw(if covered {
                    "gone"
                } else if suggestion && it.decision == Decision::Pending {
                    "sugg"
                } else {
                    decision_label(it.decision, it.stale)
                }),
                Span::styled(kind, app.theme().style(mark, false)),
                Span::raw(format!("{:.2}", it.finding.confidence)),
                Span::raw(sanitize(&it.finding.message)),
            ])
            .style(style)
        })
        .collect();
    let table = Table::new(
        rows_out,
        [
            Constraint::Length(5),
            Constraint::Length(6),
            Constraint::Length(4),
            Constraint::Min(10),
        ],
    )
    .column_spacing(1);
    if let Mode::EditText(e, _) = app.mode() {
        // The paragraph editor takes the findings and the detail rows.
        let box_area = Rect {
            height: parts[1].height + parts[2].height,
            ..parts[1]
        };
        cursor = render_editor(e, frame, box_area);
    } else if items.is_empty() {
        frame.render_widget(
            Paragraph::new(" no problems found: nothing to change in this article"),
            parts[1],
        );
    } else {
        frame.render_widget(table, parts[1]);
    }
    if dr > 0 && !matches!(app.mode(), Mode::EditText(..)) {
        render_detail(app, i, frame, parts[2]);
    }

    // Status line, or the prompt of the current mode.
    let line = status_line(app, i, area.width as usize);
    frame.render_widget(
        Paragraph::new(line).style(Style::default().add_modifier(Modifier::REVERSED)),
        parts[3],
    );
    cursor
}

/// The paragraph being edited, wrapped as the reader wraps it, scrolled so that the line
/// with the cursor shows; the cursor is a reversed cell and the terminal's own cursor.
fn render_editor(
    e: &super::line_edit::LineEdit,
    frame: &mut Frame,
    area: Rect,
) -> Option<ratatui::layout::Position> {
    let block = Block::default()
        .borders(Borders::TOP)
        .title(" edit the paragraph: Enter applies, Esc cancels ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    // The lines ↑ and ↓ move over (line breaks as spaces, offsets hold).
    let flat = super::line_edit::flatten(&e.text);
    let lines = super::line_edit::screen_lines(&e.text, super::app::editor_cols(inner.width));
    let cur_line = super::line_edit::line_of(&lines, e.cursor);
    let rows = inner.height as usize;
    let first = cur_line.saturating_sub(rows.saturating_sub(1));
    let mut out = Vec::new();
    let mut cursor_pos = None;
    for (k, l) in lines.iter().enumerate().skip(first).take(rows) {
        if k != cur_line {
            out.push(Line::from(sanitize(&flat[l.clone()])));
            continue;
        }
        let end = l.end.max(e.cursor.min(flat.len()));
        let at = e.cursor.min(end);
        let g_end = unicode_segmentation::UnicodeSegmentation::graphemes(&flat[at..], true)
            .next()
            .map_or(at, |g| at + g.len());
        let before = sanitize(&flat[l.start..at]);
        let under = if g_end > at {
            sanitize(&flat[at..g_end])
        } else {
            " ".to_owned()
        };
        cursor_pos = Some((inner.x + w(&before) as u16, inner.y + (k - first) as u16));
        out.push(Line::from(vec![
            Span::raw(before),
            Span::styled(under, Style::default().add_modifier(Modifier::REVERSED)),
            Span::raw(sanitize(&flat[g_end.min(end).max(at)..end])),
        ]));
    }
    frame.render_widget(Paragraph::new(out), inner);
    let at = cursor_pos.map(|(x, y)| ratatui::layout::Position {
        x: x.min(inner.x + inner.width - 1),
        y,
    });
    if let Some(p) = at {
        frame.set_cursor_position(p);
    }
    at
}

/// The selected finding in full: what it is, why, the copy it repeats, and its paragraph's
/// line before and after the fix.
fn render_detail(app: &App, i: usize, frame: &mut Frame, area: Rect) {
    let a = &app.articles()[i];
    let Some(it) = a.review.items.get(app.selected()) else {
        return;
    };
    let f = &it.finding;
    let text = &a.review.text;
    let gone = !it.stale
        && it.decision != Decision::Accepted
        && super::display::OutputMap::new(&a.review)
            .range(&f.range)
            .is_none();
    let state = if it.stale {
        "no longer applies (the text under it was edited)"
    } else if gone {
        "gone: inside an accepted fix, removed with it"
    } else {
        match it.decision {
            Decision::Accepted => "ACCEPTED: removed from the output",
            Decision::Rejected => "rejected: kept as it is",
            Decision::Pending => "pending",
        }
    };
    let dim = Style::default().add_modifier(Modifier::DIM);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            format!("{} {} {:.2} ", kind_label(f.kind), f.rule, f.confidence),
            dim,
        ),
        Span::styled(state, Style::default().add_modifier(Modifier::BOLD)),
    ])];
    lines.push(Line::from(sanitize(&f.message)));
    let width = area.width as usize;
    // A finding about the page around the article: the article has no place for it, so
    // the detail shows the markup it changes.
    if !a.showing_source
        && let Some((source, pf)) = a.origin.page_item(app.selected())
    {
        let g = pf.as_finding(source);
        let cut = |s: &str| -> String {
            let flat: String = s.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
            shorten(&flat, width.saturating_mul(2).max(20))
        };
        lines.push(Line::from(vec![
            Span::styled("outside the article, in the page: ", dim),
            Span::raw(sanitize(&format!(
                "[{}]",
                cut(source.get(g.range.clone()).unwrap_or(""))
            ))),
        ]));
        lines.push(Line::from(vec![
            Span::styled("after:  ", dim),
            Span::raw(sanitize(&format!("[{}]", cut(&g.replacement)))),
        ]));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(ratatui::widgets::Wrap { trim: false })
                .block(Block::default().borders(Borders::TOP)),
            area,
        );
        return;
    }
    let around = |r: &std::ops::Range<usize>, mid: &str| -> String {
        // The line holding the range, the range replaced by `mid`, cut to about two rows.
        let start = text[..r.start].rfind('\n').map_or(0, |x| x + 1);
        let end = text[r.end..].find('\n').map_or(text.len(), |x| r.end + x);
        let end = end.max(r.end);
        let before: String = text[start..r.start]
            .chars()
            .rev()
            .take(width / 2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = text[r.end..end].chars().take(width / 2).collect();
        format!("…{before}{mid}{after}…")
    };
    // A duplicate's related range is the copy it repeats; a term's are its other places.
    let related_label = if f.kind == Kind::Duplicate {
        "copy of: "
    } else {
        "also at: "
    };
    for r in f.related.iter().take(1) {
        lines.push(Line::from(vec![
            Span::styled(related_label, dim),
            Span::raw(sanitize(&around(r, &text[r.clone()]))),
        ]));
    }
    let removed = text[f.range.clone()].trim_matches('\n');
    lines.push(Line::from(vec![
        Span::styled("before: ", dim),
        Span::raw(sanitize(&around(&f.range, &format!("[{removed}]")))),
    ]));
    lines.push(Line::from(vec![
        Span::styled("after:  ", dim),
        Span::raw(sanitize(&around(
            &f.range,
            &format!("[{}]", it.replacement()),
        ))),
    ]));
    // The facts behind the message as short labelled parts, on one wrapped line after the
    // before/after: the detail has a few rows, and those come first.
    let facts = redline::detect::explain::lines(&f.evidence);
    if !facts.is_empty() {
        let mut spans = Vec::new();
        for (k, (label, value)) in facts.iter().enumerate() {
            if k > 0 {
                spans.push(Span::styled(" · ", dim));
            }
            spans.push(Span::styled(format!("{label}: "), dim));
            spans.push(Span::raw(sanitize(value)));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(Block::default().borders(Borders::TOP)),
        area,
    );
}

/// Display width.
fn w(s: &str) -> usize {
    super::wrap::width(s)
}

/// `s` cut to `max` columns with an ellipsis, keeping its start.
fn cut_end(s: &str, max: usize) -> String {
    if w(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        if w(&out) + w(g) + 1 > max {
            break;
        }
        out.push_str(g);
    }
    out.push('…');
    out
}

/// A prompt cut to `max` columns: its question shortened in the middle, its keys (the part
/// after the last `?`, or the last word) never cut.
pub fn fit_prompt(s: &str, max: usize) -> String {
    if w(s) <= max {
        return s.to_owned();
    }
    let split = s
        .rfind('?')
        .map(|q| q + 1)
        .or_else(|| s.rfind(' '))
        .unwrap_or(s.len());
    let (question, keys) = s.split_at(split);
    let room = max.saturating_sub(w(keys));
    format!("{}{keys}", cut_start(question, room))
}

/// `s` cut to `max` columns with an ellipsis, keeping its end (a question's last words).
fn cut_start(s: &str, max: usize) -> String {
    if w(s) <= max {
        return s.to_owned();
    }
    let gs: Vec<&str> = unicode_segmentation::UnicodeSegmentation::graphemes(s, true).collect();
    let mut out: Vec<&str> = Vec::new();
    let mut used = 1;
    for g in gs.iter().rev() {
        if used + w(g) > max {
            break;
        }
        used += w(g);
        out.push(g);
    }
    out.push("…");
    out.reverse();
    out.concat()
}

/// The status line, fitted to `width` by priority: a prompt and its keys first, then the
/// position and the message, then the counts, the file name and the key hints.
pub fn status_line(app: &App, i: usize, width: usize) -> String {
    let a = &app.articles()[i];
    let items = &a.review.items;
    let width = width.saturating_sub(1);
    let prompt = match app.mode() {
        Mode::Confirm(_) | Mode::ConfirmCluster(_) | Mode::ConfirmQuit => {
            return format!(" {}", fit_prompt(&sanitize(app.status()), width));
        }
        Mode::Search(e) => Some(("/".to_owned(), e)),
        Mode::EditReplacement(e) => Some(("replacement: ".to_owned(), e)),
        Mode::EditText(..) => {
            return format!(
                " {}",
                fit_prompt(
                    "editing the paragraph below? Enter apply  Esc cancel",
                    width
                )
                .replacen('?', ":", 1)
            );
        }
        Mode::Normal => None,
    };
    if let Some((label, e)) = prompt {
        // The end near the cursor stays in view.
        let (l, r) = e.text.split_at(e.cursor);
        let keys = if matches!(app.mode(), Mode::Search(_)) {
            "  Enter search  Esc cancel  ↑ last"
        } else {
            "  Enter apply  Esc cancel"
        };
        let mut left = sanitize(l);
        let right = sanitize(r);
        let room = width.saturating_sub(w(&label) + w(keys) + 1);
        while w(&left) > room.saturating_sub(w(&right).min(room / 2)) && !left.is_empty() {
            let mut g = unicode_segmentation::UnicodeSegmentation::graphemes(left.as_str(), true);
            g.next();
            left = g.as_str().to_owned();
        }
        let right = cut_end(&right, room.saturating_sub(w(&left)));
        let line = format!("{label}{left}▏{right}");
        return format!(
            " {}",
            fit_prompt(&format!("{line}?{keys}"), width).replacen('?', "", 1)
        );
    }
    let (_, acc, rej) = a.review.counts();
    let p = a.pending();
    let sugg = a.suggestions();
    let pos = if items.is_empty() {
        "no problems found".to_owned()
    } else {
        format!("[{}/{}]", app.selected() + 1, items.len())
    };
    let mut flags = String::new();
    if app.diff() {
        flags.push_str(" DIFF");
    }
    if app.reveal() {
        flags.push_str(" REVEAL");
    }
    let counts = if sugg > 0 {
        format!(
            "{p} pending {acc} accepted {rej} rejected, {}",
            plural(sugg, "suggestion")
        )
    } else {
        format!("{p} pending {acc} accepted {rej} rejected")
    };
    let short_counts = format!("{p}·{acc}✓{rej}✗");
    let name = a.label();
    let message = sanitize(app.status());
    // The hints, most needed first; as many as fit.
    let mut hint_list = Vec::new();
    for (c, word) in [
        (Command::Help, "help"),
        (Command::Accept, "accept"),
        (Command::Reject, "reject"),
        (Command::Undo, "undo"),
        (Command::Write, "write"),
        (Command::NextFinding, "next"),
        (Command::Quit, "quit"),
    ] {
        if let Some(k) = app.keymap().key_for(c) {
            hint_list.push(format!("{k} {word}"));
        }
    }
    let head = format!("{pos}{flags}");
    let rest = width.saturating_sub(w(&head) + 1);
    let mut out = head.clone();
    if !message.is_empty() {
        // The message comes first; what is left is for the counts and the name.
        let msg = cut_end(&message, rest);
        let room = rest.saturating_sub(w(&msg) + 3);
        let extra = [
            format!("{name} {counts}"),
            counts.clone(),
            short_counts.clone(),
        ]
        .into_iter()
        .find(|x| w(x) <= room);
        out = match extra {
            Some(x) => format!("{head} {x} | {msg}"),
            None => format!("{head} {msg}"),
        };
    } else {
        // The counts give way to the first two hints (help, accept): the longest form that
        // leaves room for them.
        let first_hints: usize = hint_list.iter().take(2).map(|h| w(h) + 2).sum();
        let left = [
            format!("{name} {counts}"),
            counts.clone(),
            short_counts.clone(),
        ]
        .into_iter()
        .find(|x| w(x) + 3 + first_hints <= rest)
        .unwrap_or(short_counts.clone());
        out.push(' ');
        out.push_str(&left);
        let mut hints = String::new();
        for h in &hint_list {
            if w(&out) + w(&hints) + w(h) + 5 <= width {
                hints.push_str("  ");
                hints.push_str(h);
            }
        }
        if !hints.is_empty() {
            out.push_str(" |");
            out.push_str(&hints);
        }
    }
    let _ = plural;
    format!(" {}", cut_end(&out, width))
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let parts = Split::vertical([Constraint::Min(1), Constraint::Length(1)]).split(area);
    let rows: Vec<Row> = app
        .list_order()
        .iter()
        .map(|&i| &app.articles()[i])
        .map(|a| {
            let (_, acc, rej) = a.review.counts();
            let p = a.pending();
            let worst = a
                .worst()
                .map_or("-".to_owned(), |(k, c)| format!("{} {c:.2}", kind_label(k)));
            Row::new(vec![
                if p == 0 { "✓" } else { "·" }.to_owned(),
                sanitize(&a.written_title()),
                format!("{p}"),
                format!("{acc}"),
                format!("{rej}"),
                worst,
                format!("{}{}", a.path.display(), a.origin.suffix()),
            ])
        })
        .collect();
    let header = Row::new(vec!["", "title", "pend", "acc", "rej", "worst", "file"])
        .style(Style::default().add_modifier(Modifier::BOLD));
    let table = Table::new(
        rows,
        [
            Constraint::Length(1),
            Constraint::Percentage(45),
            Constraint::Length(5),
            Constraint::Length(4),
            Constraint::Length(4),
            Constraint::Length(11),
            Constraint::Min(8),
        ],
    )
    .header(header)
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    let mut state = TableState::default().with_selected(Some(app.list_selected()));
    frame.render_stateful_widget(table, parts[0], &mut state);
    // Progress across the corpus.
    let total = app.articles().len();
    let done = app.articles().iter().filter(|a| a.pending() == 0).count();
    let pending: usize = app.articles().iter().map(|a| a.pending()).sum();
    let status = if app.status().is_empty() {
        let progress = format!(
            "{done}/{total} articles done, {} pending",
            plural(pending, "finding")
        );
        // As many hints as fit, most needed first; the progress shortens before the first
        // two go.
        let width = area.width as usize;
        let next = if width < 60 {
            "] next"
        } else {
            "] next pending"
        };
        let hint_list = ["Enter open", next, "? help", "q quit", "w write"];
        let first: usize = hint_list.iter().take(2).map(|h| w(h) + 2).sum::<usize>() + 2;
        let progress = [
            progress,
            format!("{done}/{total} done, {pending} pending"),
            format!("{done}/{total} done"),
        ]
        .into_iter()
        .find(|p| w(p) + 1 + first <= width)
        .unwrap_or_else(|| format!("{done}/{total}"));
        let mut line = format!(" {progress} |");
        let mut any = false;
        for h in hint_list {
            if w(&line) + 2 + w(h) <= width {
                line.push_str("  ");
                line.push_str(h);
                any = true;
            }
        }
        if any { line } else { format!(" {progress}") }
    } else {
        format!(" {}", sanitize(app.status()))
    };
    frame.render_widget(
        Paragraph::new(status).style(Style::default().add_modifier(Modifier::REVERSED)),
        parts[1],
    );
}

/// Candidate terms across the corpus, and the samples of the selected one: what a cluster
/// decision would touch is on screen before it is made.
fn render_terms(app: &App, frame: &mut Frame, area: Rect) {
    let Some(view) = app.terms() else { return };
    let samples_rows = (area.height / 3).clamp(3, 10);
    let parts = Split::vertical([
        Constraint::Min(3),
        Constraint::Length(samples_rows),
        Constraint::Length(1),
    ])
    .split(area);
    let rows: Vec<Row> = view
        .candidates
        .iter()
        .zip(&view.decided)
        .enumerate()
        .map(|(rank, (c, d))| {
            let mark = match d {
                Some(Decision::Accepted) => "deleted",
                Some(Decision::Rejected) => "kept",
                _ => "",
            };
            Row::new(vec![
                format!("{}", rank + 1),
                sanitize(&c.term),
                format!("{}", c.documents),
                format!("{}", c.count),
                format!("{:.2}", c.score),
                c.positions.describe(),
                mark.to_owned(),
            ])
        })
        .collect();
    let header = Row::new(vec![
        "#", "term", "docs", "count", "score", "where", "decided",
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let table = Table::new(
        rows,
        [
            Constraint::Length(4),
            Constraint::Percentage(30),
            Constraint::Length(5),
            Constraint::Length(6),
            Constraint::Length(6),
            Constraint::Min(12),
            Constraint::Length(8),
        ],
    )
    .header(header)
    .block(
        Block::default()
            .borders(Borders::ALL)
            .title(" candidate spam terms "),
    )
    .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    let mut state = TableState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(table, parts[0], &mut state);
    let lines: Vec<Line> = match view.current() {
        Some(c) => {
            let mut v = vec![Line::from(format!(
                "seen {} at injection sites in {}, e.g.:",
                super::app::plural(c.count, "time"),
                super::app::plural(c.documents, "article")
            ))];
            for smp in &c.samples {
                let name = app
                    .articles()
                    .get(smp.doc)
                    .map(|a| a.label())
                    .unwrap_or_default();
                v.push(Line::from(vec![
                    Span::styled(
                        format!("{} ", sanitize(&name)),
                        Style::default().add_modifier(Modifier::DIM),
                    ),
                    Span::raw(sanitize(&smp.context)),
                ]));
            }
            v
        }
        None => vec![Line::from("no candidates")],
    };
    frame.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::TOP).title(" samples ")),
        parts[1],
    );
    let status = if app.status().is_empty() {
        " a delete everywhere + deny list  r keep everywhere  j/k move  q back".to_owned()
    } else {
        format!(" {}", sanitize(app.status()))
    };
    frame.render_widget(
        Paragraph::new(status).style(Style::default().add_modifier(Modifier::REVERSED)),
        parts[2],
    );
}

fn render_help(app: &App, frame: &mut Frame, area: Rect) {
    let w = area.width.saturating_sub(4).min(60);
    let h = area
        .height
        .saturating_sub(2)
        .min(app.keymap().help.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let lines: Vec<Line> = app
        .keymap()
        .help
        .iter()
        .map(|(keys, _, help)| Line::from(format!("{:<16} {help}", keys.join(" "))))
        .collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" keys (any key closes) "),
        ),
        rect,
    );
}
