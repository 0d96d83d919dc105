//! Drawing. Views only borrow the state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, TableState};

use super::action::Command;
use super::app::{App, Mode, Screen, article_rows, findings_rows};
use super::theme::Mark;
use redline::detect::Kind;
use redline::export::sanitize;
use redline::review::Decision;

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    match (app.terms(), app.current()) {
        (Some(_), _) => render_terms(app, frame, area),
        (None, Some(i)) => render_article(app, i, frame, area),
        (None, None) => render_list(app, frame, area),
    }
    if matches!(app.screen(), Screen::Help(_)) {
        render_help(app, frame, area);
    }
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
        Decision::Accepted => "✓",
        Decision::Rejected => "✗",
    }
}

fn render_article(app: &App, i: usize, frame: &mut Frame, area: Rect) {
    let a = &app.articles()[i];
    let rows = article_rows(area.height) as u16;
    let fr = findings_rows(area.height) as u16;
    let parts = Split::vertical([
        Constraint::Length(rows + 2),
        Constraint::Length(fr),
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
    let title = format!(" {} ", sanitize(a.layout.title().unwrap_or(&a.title)));
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
    let map = redline_output_map(&a.review);
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
            let style = if k == app.selected() {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            Row::new(vec![
                Span::raw(if covered {
                    "gone"
                } else {
                    decision_label(it.decision, it.stale)
                }),
                Span::styled(kind_label(it.finding.kind), app.theme().style(mark, false)),
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
    frame.render_widget(table, parts[1]);

    // Status line, or the prompt of the current mode.
    let (p, acc, rej) = a.review.counts();
    let pos = if items.is_empty() {
        "[0/0]".to_owned()
    } else {
        format!("[{}/{}]", app.selected() + 1, items.len())
    };
    let mode = match app.mode() {
        Mode::Normal => {
            let mut m = String::new();
            if app.diff() {
                m.push_str("DIFF ");
            }
            if app.reveal() {
                m.push_str("REVEAL ");
            }
            m
        }
        Mode::Confirm(_) | Mode::ConfirmCluster(_) | Mode::ConfirmQuit => "CONFIRM ".into(),
        Mode::Search(e) => format!("/{}▏", sanitize(&e.text)),
        Mode::EditReplacement(e) | Mode::EditText(e, _) => {
            let (l, r) = e.text.split_at(e.cursor);
            format!("edit: {}▏{}", sanitize(l), sanitize(r))
        }
    };
    let name = a.label();
    let hints = hints(app);
    let status = if app.status().is_empty() {
        hints
    } else {
        sanitize(app.status())
    };
    let line = format!(" {name} {pos} pending {p} accepted {acc} rejected {rej} {mode}| {status}");
    frame.render_widget(
        Paragraph::new(line).style(Style::default().add_modifier(Modifier::REVERSED)),
        parts[2],
    );
}

fn redline_output_map(review: &redline::review::ArticleReview) -> super::display::OutputMap {
    super::display::OutputMap::new(review)
}

/// Key hints made from the keymap.
fn hints(app: &App) -> String {
    [
        (Command::Accept, "accept"),
        (Command::Reject, "reject"),
        (Command::NextFinding, "next"),
        (Command::Undo, "undo"),
        (Command::Write, "write"),
        (Command::Help, "help"),
        (Command::Quit, "quit"),
    ]
    .iter()
    .filter_map(|(c, w)| app.keymap().key_for(*c).map(|k| format!("{k} {w}")))
    .collect::<Vec<_>>()
    .join("  ")
}

fn render_list(app: &App, frame: &mut Frame, area: Rect) {
    let parts = Split::vertical([Constraint::Min(1), Constraint::Length(1)]).split(area);
    let rows: Vec<Row> = app
        .articles()
        .iter()
        .map(|a| {
            let (p, acc, rej) = a.review.counts();
            let worst = a
                .worst()
                .map_or("-".to_owned(), |(k, c)| format!("{} {c:.2}", kind_label(k)));
            Row::new(vec![
                sanitize(&a.title),
                format!("{p}"),
                format!("{acc}"),
                format!("{rej}"),
                worst,
                format!("{}{}", a.path.display(), a.origin.suffix()),
            ])
        })
        .collect();
    let header = Row::new(vec!["title", "pend", "acc", "rej", "worst", "file"])
        .style(Style::default().add_modifier(Modifier::BOLD));
    let table = Table::new(
        rows,
        [
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
    let status = if app.status().is_empty() {
        format!(
            " {} articles | Enter open  j/k move  w write  ? help  q quit",
            app.articles().len()
        )
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
                "seen {} times at injection sites in {} articles, e.g.:",
                c.count, c.documents
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
