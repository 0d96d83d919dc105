//! The review application state and `update`, the only place it changes (The Elm
//! Architecture). `update` returns [`Effect`]s for the shell to carry out: saving, writing,
//! appending to the user's lists, quitting. What came of each comes back as
//! [`Action::Done`], through `update` like a key press. Fields are private: the shell and the
//! views read them through accessors.

use std::path::PathBuf;

use super::action::{Action, Command, InputKey, Outcome};
use super::display::{DisplayOptions, Layout};
use super::keymap::Keymap;
use super::line_edit::{EditOutcome, LineEdit};
use super::origin::Origin;
use super::terms_view::{TermsView, cluster_occurrences, decide_cluster};
use super::theme::Theme;
use redline::detect::Kind;
use redline::document::Decoded;
use redline::review::{ArticleReview, Decision, Edit};

/// One article under review.
#[derive(Debug)]
pub struct Article {
    pub path: PathBuf,
    pub decoded: Decoded,
    pub review: ArticleReview,
    pub title: String,
    /// Bumped when the text itself changes, so the layout re-reads paragraphs.
    pub text_version: u64,
    /// Decisions not yet written out.
    pub unwritten: bool,
    pub layout: Layout,
    /// A note shown when the article is opened (e.g. a resumed session).
    pub notice: Option<String>,
    pub origin: Origin,
    /// For an HTML page: the other view (the page source when the article shows, the
    /// article when the source shows), with the same findings mapped into it.
    pub other_view: Option<Box<OtherView>>,
    pub showing_source: bool,
    /// A hash of the bytes the article was read from, to tell a resumed session whether
    /// the source changed since.
    pub source_hash: Option<String>,
    /// A hash of the whole file as read (for a corpus line, the whole corpus): an export is
    /// refused if the file no longer matches it.
    pub file_hash: String,
    /// Findings below this confidence are suggestions: shown dimmed in their own group,
    /// reachable, never decided by `A`/`R` nor landed on after a decision.
    pub threshold: f32,
    /// [`Article::written_title`] for the review version it was made from.
    written_title: std::cell::RefCell<Option<(u64, bool, String)>>,
}

/// The title of an article's text: its first line that is not blank.
fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

impl Article {
    /// The title as it will be written: the first line of the output with the decisions
    /// taken so far (a title whose spam prefix was accepted shows without it). Made again
    /// only when the review changed.
    pub fn written_title(&self) -> String {
        let key = (self.review.version, self.showing_source);
        if let Some((v, s, t)) = &*self.written_title.borrow()
            && (*v, *s) == key
        {
            return t.clone();
        }
        let review = self.decided_review();
        let t = if review
            .items
            .iter()
            .any(|it| it.decision == Decision::Accepted)
            || !review.edits.is_empty()
        {
            first_line(&review.output()).to_owned()
        } else {
            self.title.clone()
        };
        *self.written_title.borrow_mut() = Some((key.0, key.1, t.clone()));
        t
    }

    pub fn is_suggestion(&self, i: usize) -> bool {
        self.review
            .items
            .get(i)
            .is_some_and(|it| it.finding.confidence < self.threshold)
    }

    /// Pending findings that are not suggestions.
    pub fn pending(&self) -> usize {
        (0..self.review.items.len())
            .filter(|&i| {
                let it = &self.review.items[i];
                it.decision == Decision::Pending && !it.stale && !self.is_suggestion(i)
            })
            .count()
    }

    /// Pending suggestions.
    pub fn suggestions(&self) -> usize {
        (0..self.review.items.len())
            .filter(|&i| {
                let it = &self.review.items[i];
                it.decision == Decision::Pending && !it.stale && self.is_suggestion(i)
            })
            .count()
    }

    pub fn new(path: PathBuf, decoded: Decoded, review: ArticleReview) -> Self {
        let title = first_line(&review.text).to_owned();
        Article {
            path,
            decoded,
            review,
            title,
            text_version: 0,
            unwritten: false,
            layout: Layout::default(),
            notice: None,
            origin: Origin::Text,
            other_view: None,
            showing_source: false,
            source_hash: None,
            file_hash: String::new(),
            threshold: 0.0,
            written_title: Default::default(),
        }
    }

    /// The review of the article itself with every decision taken so far, whichever view
    /// is showing: what sessions and exports are made from.
    pub fn decided_review(&self) -> std::borrow::Cow<'_, ArticleReview> {
        match (&self.other_view, self.showing_source) {
            (Some(other), true) => {
                let mut main = other.review.clone();
                carry_decisions(&self.review, &mut main);
                std::borrow::Cow::Owned(main)
            }
            _ => std::borrow::Cow::Borrowed(&self.review),
        }
    }

    /// Switch between the extracted article and the page source. Decisions follow: those
    /// taken on the source become undoable steps of the article's review.
    pub fn toggle_source(&mut self) -> bool {
        let Some(other) = self.other_view.as_mut() else {
            return false;
        };
        if self.showing_source {
            carry_decisions(&self.review, &mut other.review);
        } else {
            for (to, from) in other.review.items.iter_mut().zip(&self.review.items) {
                to.decision = from.decision;
                to.edited = from.edited.clone();
            }
            other.review.forget_history();
        }
        std::mem::swap(&mut self.review, &mut other.review);
        std::mem::swap(&mut self.layout, &mut other.layout);
        self.showing_source = !self.showing_source;
        true
    }

    /// The name shown in the status line and the article list: the file name, and for a
    /// corpus line which line it is.
    pub fn label(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{name}{}", self.origin.suffix())
    }

    /// The worst pending finding: kind and confidence, for the article list.
    pub fn worst(&self) -> Option<(Kind, f32)> {
        self.review
            .items
            .iter()
            .filter(|i| i.decision == Decision::Pending && !i.stale)
            .map(|i| (i.finding.kind, i.finding.confidence))
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// The view of an HTML page not on screen, kept with its own layout.
#[derive(Debug)]
pub struct OtherView {
    pub review: ArticleReview,
    pub layout: Layout,
}

/// Take `from`'s decisions into `to` (same findings, other text) as review steps.
fn carry_decisions(from: &ArticleReview, to: &mut ArticleReview) {
    for k in 0..from.items.len().min(to.items.len()) {
        let (d, e) = (from.items[k].decision, from.items[k].edited.clone());
        if to.items[k].edited != e
            && let Some(text) = e
        {
            to.set_replacement(k, text);
        }
        if to.items[k].decision != d {
            to.decide(k, d);
        }
    }
}

/// What fills the screen.
#[derive(Debug)]
pub enum Screen {
    /// The list of articles (several files, or a corpus).
    List,
    /// One article under review.
    Article(usize),
    /// Candidate spam terms across the corpus.
    Terms(TermsView),
    /// The key help, over the screen it was opened from; any key goes back to it.
    Help(Box<Screen>),
}

impl Screen {
    /// The screen itself, under the help if it shows.
    fn base(&self) -> &Screen {
        match self {
            Screen::Help(under) => under.base(),
            s => s,
        }
    }
}

/// Prompts and confirmations over the screen: how a key is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Normal,
    /// Waiting for `y` to accept or reject every pending finding.
    Confirm(Decision),
    /// Waiting for `y` to decide every occurrence of the selected candidate term.
    ConfirmCluster(Decision),
    /// Quit with unwritten decisions: `y` quits.
    ConfirmQuit,
    Search(LineEdit),
    EditReplacement(LineEdit),
    /// Editing the article text over `range` of the current text.
    EditText(LineEdit, std::ops::Range<usize>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the review session of article `i`.
    SaveSession(usize),
    /// Write the export of these articles.
    Write(Vec<usize>),
    AppendDeny(String),
    /// Append a term to a list in the config directory (`deny`, `allow`, `repeats`).
    AppendTo(&'static str, String),
    /// Take the last line equal to the term off a list (an undone list write).
    RemoveFrom(&'static str, String),
    /// Clear the terminal before the next draw (after scrolling: see the Thai notes).
    FullRedraw,
    Quit,
}

/// A list write made together with a review step, undone and redone with it.
#[derive(Debug)]
struct Taught {
    article: usize,
    /// The review's undo depth right after the step.
    depth: usize,
    list: &'static str,
    term: String,
    undone: bool,
}

pub const DENY: &str = "deny";
pub const ALLOW: &str = "allow";
/// Repetitions the editor kept as legitimate: not flagged again.
pub const REPEATS: &str = "repeats";

pub use redline::lexicon::repeat_key;

/// "1 finding", "2 findings".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// At most `max` characters of `s`, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

pub struct App {
    articles: Vec<Article>,
    /// List writes that go with review steps, for undo.
    taught: Vec<Taught>,
    screen: Screen,
    /// The row of the article list that is selected (kept while an article is open).
    list_selected: usize,
    /// The order the article list shows: articles with pending spam first, then pending
    /// duplicates and the rest, then finished ones. Fixed while the list shows.
    order: Vec<usize>,
    selected: usize,
    scroll: usize,
    mode: Mode,
    diff: bool,
    reveal: bool,
    search: Option<String>,
    /// Where the current search match starts in the output; `n`/`N` step from it.
    search_at: Option<usize>,
    status: String,
    keymap: Keymap,
    theme: Theme,
    width: u16,
    height: u16,
    /// The lexicon the articles were scanned with, for mining terms (built-in when unset).
    lexicon: Option<redline::lexicon::Lexicon>,
}

/// Rows the article pane gets in a terminal of `height` rows (the rest: findings, status).
pub fn article_rows(height: u16) -> usize {
    // Two border rows around the article, the findings, the detail, and the status line.
    let findings = findings_rows(height);
    (height as usize)
        .saturating_sub(findings + detail_rows(height) + 3)
        .max(1)
}

/// Rows for the selected finding in full (message, copy, before and after, then the
/// evidence): none on a small terminal, where the article needs them. From 35 rows there is
/// room for the evidence line under the before/after.
pub fn detail_rows(height: u16) -> usize {
    if height >= 20 {
        ((height as usize) / 5).clamp(3, 9)
    } else {
        0
    }
}

pub fn findings_rows(height: u16) -> usize {
    ((height as usize) / 4).clamp(2, 8)
}

/// Columns of text in the article pane (a border on each side).
/// How wide the paragraph editor wraps, on a screen `width` columns wide: the whole width,
/// less one column kept for the cursor at the end of a line.
pub fn editor_cols(width: u16) -> usize {
    (width as usize).saturating_sub(1).max(1)
}

pub fn article_cols(width: u16) -> usize {
    (width as usize).saturating_sub(2).max(4)
}

impl App {
    pub fn new(
        articles: Vec<Article>,
        keymap: Keymap,
        theme: Theme,
        width: u16,
        height: u16,
    ) -> Self {
        let single = articles.len() == 1;
        // A session kept aside as corrupt is news before any article is opened.
        let status = articles
            .iter()
            .filter_map(|a| a.notice.as_deref())
            .find(|n| n.contains("corrupt"))
            .unwrap_or_default()
            .to_owned();
        let mut app = App {
            articles,
            taught: Vec::new(),
            screen: Screen::List,
            list_selected: 0,
            order: Vec::new(),
            selected: 0,
            scroll: 0,
            mode: Mode::Normal,
            diff: false,
            reveal: false,
            search: None,
            search_at: None,
            status,
            keymap,
            theme,
            width,
            height,
            lexicon: None,
        };
        app.sort_list();
        if single {
            app.open(0);
        }
        app
    }

    /// Mine terms with this lexicon (the one the articles were scanned with).
    pub fn with_lexicon(mut self, lexicon: redline::lexicon::Lexicon) -> Self {
        self.lexicon = Some(lexicon);
        self
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The article open on screen (under the help, if it shows).
    pub fn current(&self) -> Option<usize> {
        match self.screen.base() {
            Screen::Article(i) => Some(*i),
            _ => None,
        }
    }

    pub fn terms(&self) -> Option<&TermsView> {
        match self.screen.base() {
            Screen::Terms(v) => Some(v),
            _ => None,
        }
    }

    pub fn showing_help(&self) -> bool {
        matches!(self.screen, Screen::Help(_))
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn list_selected(&self) -> usize {
        self.list_selected
    }

    /// Article indices in the order the list shows them.
    pub fn list_order(&self) -> &[usize] {
        &self.order
    }

    /// Sort the list: pending spam first, then other pending findings, then done.
    fn sort_list(&mut self) {
        let rank = |a: &Article| {
            let pending = |k: Kind| {
                a.review
                    .items
                    .iter()
                    .any(|it| it.decision == Decision::Pending && !it.stale && it.finding.kind == k)
            };
            if pending(Kind::Spam) {
                0
            } else if pending(Kind::Duplicate) {
                1
            } else if a.pending() > 0 {
                2
            } else {
                3
            }
        };
        let mut order: Vec<usize> = (0..self.articles.len()).collect();
        order.sort_by_key(|&i| (rank(&self.articles[i]), i));
        self.order = order;
    }

    /// The next article after `from` (in list order, wrapping) with pending findings.
    fn next_article_with_pending(&self, from: usize) -> Option<usize> {
        let n = self.order.len();
        let at = self.order.iter().position(|&i| i == from).unwrap_or(0);
        (1..=n)
            .map(|k| self.order[(at + k) % n])
            .find(|&i| i != from && self.articles[i].pending() > 0)
    }

    fn go_to_next_article(&mut self, from: usize) -> Vec<Effect> {
        match self.next_article_with_pending(from) {
            Some(i) => {
                if let Some(row) = self.order.iter().position(|&j| j == i) {
                    self.list_selected = row;
                }
                self.open(i);
                vec![Effect::FullRedraw]
            }
            None => {
                self.status = "no other article has pending findings: w writes".into();
                Vec::new()
            }
        }
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn diff(&self) -> bool {
        self.diff
    }

    pub fn reveal(&self) -> bool {
        self.reveal
    }

    pub fn display_options(&self) -> DisplayOptions {
        DisplayOptions {
            width: article_cols(self.width),
            diff: self.diff,
            reveal: self.reveal,
            selected: Some(self.selected),
            search: self.search.clone(),
            current_hit: self.search_at,
            suggest_below: self
                .current()
                .and_then(|i| self.articles.get(i))
                .map_or(0.0, |a| a.threshold),
            hard_breaks: self
                .current()
                .and_then(|i| self.articles.get(i))
                .is_some_and(|a| a.showing_source),
        }
    }

    /// Lay the current article out for the current size and options.
    pub fn relayout(&mut self) {
        let opts = self.display_options();
        if let Some(a) = self.current().and_then(|i| self.articles.get_mut(i)) {
            a.layout.update(&a.review, a.text_version, &opts);
        }
        // The article may have got shorter (a fix accepted): never scroll past its end.
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn open(&mut self, i: usize) {
        self.screen = Screen::Article(i);
        let a = &self.articles[i];
        self.selected = (0..a.review.items.len())
            .position(|k| {
                let it = &a.review.items[k];
                it.decision == Decision::Pending && !it.stale && !a.is_suggestion(k)
            })
            .unwrap_or(0);
        self.scroll = 0;
        self.status = self.articles[i].notice.take().unwrap_or_default();
        self.relayout();
        self.reveal_selected();
    }

    fn article(&self) -> Option<&Article> {
        self.current().and_then(|i| self.articles.get(i))
    }

    /// Scroll so that the selected finding is on screen.
    fn reveal_selected(&mut self) {
        let rows = article_rows(self.height);
        let Some(a) = self.article() else { return };
        if a.review.items.is_empty() {
            return;
        }
        let line = a.layout.line_of(&a.review, self.selected);
        if line < self.scroll || line >= self.scroll + rows {
            self.scroll = line.saturating_sub(rows / 3).min(self.max_scroll());
        }
    }

    fn max_scroll(&self) -> usize {
        let rows = article_rows(self.height);
        self.article()
            .map_or(0, |a| a.layout.total.saturating_sub(rows.saturating_sub(1)))
    }

    fn scroll_by(&mut self, delta: i64) -> Vec<Effect> {
        let before = self.scroll;
        let target = (self.scroll as i64 + delta).max(0) as usize;
        self.scroll = target.min(self.max_scroll());
        if self.scroll != before {
            vec![Effect::FullRedraw]
        } else {
            Vec::new()
        }
    }

    fn select(&mut self, i: usize) -> Vec<Effect> {
        let before = self.scroll;
        self.selected = i;
        self.relayout();
        self.reveal_selected();
        if self.scroll != before {
            vec![Effect::FullRedraw]
        } else {
            Vec::new()
        }
    }

    fn item_count(&self) -> usize {
        self.article().map_or(0, |a| a.review.items.len())
    }

    fn changed(&mut self) -> Vec<Effect> {
        let Some(i) = self.current() else {
            return Vec::new();
        };
        self.articles[i].unwritten = true;
        self.relayout();
        vec![Effect::SaveSession(i)]
    }

    /// The next pending finding whose text is still in the output (one inside an accepted
    /// fix has nothing left to decide).
    fn next_pending_after(&self, from: usize) -> Option<usize> {
        let a = self.article()?;
        let n = a.review.items.len();
        let map = super::display::OutputMap::new(&a.review);
        (1..=n).map(|k| (from + k) % n).find(|&j| {
            let it = &a.review.items[j];
            it.decision == Decision::Pending
                && !it.stale
                && !a.is_suggestion(j)
                && map.range(&it.finding.range).is_some()
        })
    }

    fn decide(&mut self, decision: Decision) -> Vec<Effect> {
        let Some(i) = self.current() else {
            return Vec::new();
        };
        let sel = self.selected;
        self.forget_undone(i);
        if !self.articles[i].review.decide(sel, decision) {
            self.status = "nothing to change here".into();
            return Vec::new();
        }
        let word = if decision == Decision::Accepted {
            "accepted"
        } else {
            "rejected"
        };
        self.status = format!("{word} finding {}", sel + 1);
        let mut fx = self.changed();
        if let Some(next) = self.next_pending_after(sel) {
            fx.extend(self.select(next));
        } else if self.articles.len() > 1 {
            let left = self.articles.iter().filter(|a| a.pending() > 0).count();
            let key = self.keymap.key_for(Command::NextArticle).unwrap_or("]");
            self.status = if left > 0 {
                format!(
                    "{word} finding {}; nothing left here: {key} goes to the next of {} with pending findings",
                    sel + 1,
                    plural(left, "article")
                )
            } else {
                format!(
                    "{word} finding {}; every article is decided: w writes",
                    sel + 1
                )
            };
        }
        fx
    }

    /// Remember that the last review step of article `article` wrote `term` to `list`.
    fn teach(&mut self, article: usize, list: &'static str, term: &str) {
        let depth = self.articles[article].review.undo_depth();
        self.taught.push(Taught {
            article,
            depth,
            list,
            term: term.to_owned(),
            undone: false,
        });
    }

    /// A new step ends the redo history: list writes undone with it are gone for good.
    fn forget_undone(&mut self, article: usize) {
        self.taught.retain(|t| !(t.article == article && t.undone));
    }

    fn any_unwritten(&self) -> bool {
        self.articles.iter().any(|a| a.unwritten)
    }

    fn selected_text(&self) -> Option<String> {
        let a = self.article()?;
        let it = a.review.items.get(self.selected)?;
        Some(a.review.text[it.finding.range.clone()].trim().to_owned()).filter(|s| !s.is_empty())
    }

    /// The paragraph holding the selected finding, for `i` (a range that starts with the
    /// paragraph break before it counts from its first character).
    fn edit_window(&self) -> Option<std::ops::Range<usize>> {
        let a = self.article()?;
        let it = a.review.items.get(self.selected)?;
        let t = &a.review.text;
        let r = &it.finding.range;
        let at = r.start + (t[r.clone()].len() - t[r.clone()].trim_start().len());
        let doc = redline::document::Document::new(t.as_str());
        let p = doc
            .paragraphs
            .iter()
            .find(|p| p.start <= at && at <= p.end)
            .cloned();
        Some(p.unwrap_or_else(|| {
            let start = t[..r.start].rfind('\n').map_or(0, |x| x + 1);
            let end = t[r.end..].find('\n').map_or(t.len(), |x| r.end + x);
            start..end.max(start)
        }))
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize { width, height } => {
                self.width = width.max(1);
                self.height = height.max(1);
                self.relayout();
                self.scroll = self.scroll.min(self.max_scroll());
                vec![Effect::FullRedraw]
            }
            Action::Scroll(lines) if self.current().is_some() => self.scroll_by(lines as i64),
            Action::Scroll(_) => Vec::new(),
            Action::Click { column, row } => self.click(column, row),
            Action::Input(key) => self.input(key),
            Action::Command(c) => self.command(c),
            Action::Done(outcome) => self.outcome(outcome),
        }
    }

    /// What came of an effect: the only way the shell's work reaches the state.
    fn outcome(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Wrote { articles, paths } => {
                for i in articles {
                    if let Some(a) = self.articles.get_mut(i) {
                        a.unwritten = false;
                    }
                }
                if !paths.is_empty() {
                    self.status = format!("wrote {}", paths.join(", "));
                }
            }
            Outcome::WriteFailed { articles, error } => {
                for i in articles {
                    if let Some(a) = self.articles.get_mut(i) {
                        a.unwritten = false;
                    }
                }
                self.status = format!("write failed: {error}");
            }
            Outcome::SessionSaved(_) => {}
            Outcome::SessionFailed(error) => {
                self.status = format!("could not save the session: {error}");
            }
            Outcome::ListUpdated { .. } => {}
            Outcome::ListFailed { list, error } => {
                self.status = format!("could not update the {list} list: {error}");
            }
        }
        Vec::new()
    }

    fn click(&mut self, column: u16, row: u16) -> Vec<Effect> {
        let Some(a) = self.article() else {
            let i = (row as usize).saturating_sub(1);
            if i < self.articles.len() {
                self.list_selected = i;
            }
            return Vec::new();
        };
        let rows = article_rows(self.height);
        let (row, column) = (row as usize, column as usize);
        if row == 0 || row > rows || column == 0 {
            return Vec::new();
        }
        let Some(line) = a.layout.line(self.scroll + row - 1) else {
            return Vec::new();
        };
        let mut x = 1;
        let mut hit = None;
        for run in &line.runs {
            let w = super::wrap::width(&run.text);
            if column >= x && column < x + w.max(1) {
                hit = run.finding;
                break;
            }
            x += w;
        }
        match hit {
            Some(i) => self.select(i),
            None => Vec::new(),
        }
    }

    fn input(&mut self, key: InputKey) -> Vec<Effect> {
        if self.showing_help() {
            if let Screen::Help(under) = std::mem::replace(&mut self.screen, Screen::List) {
                self.screen = *under;
            }
            return Vec::new();
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Confirm(decision) => {
                if key == InputKey::Char('y') {
                    let Some(i) = self.current() else {
                        return Vec::new();
                    };
                    // Suggestions are never decided in bulk.
                    let a = &self.articles[i];
                    let targets: Vec<usize> = (0..a.review.items.len())
                        .filter(|&k| {
                            let it = &a.review.items[k];
                            it.decision == Decision::Pending && !it.stale && !a.is_suggestion(k)
                        })
                        .collect();
                    let n = self.articles[i].review.decide_many(&targets, decision);
                    self.status = format!(
                        "{} {}",
                        if decision == Decision::Accepted {
                            "accepted"
                        } else {
                            "rejected"
                        },
                        plural(n, "finding")
                    );
                    return self.changed();
                }
                self.status = "cancelled".into();
                Vec::new()
            }
            Mode::ConfirmCluster(decision) => {
                if key == InputKey::Char('y') {
                    return self.decide_cluster(decision);
                }
                self.status = "cancelled".into();
                Vec::new()
            }
            Mode::ConfirmQuit => {
                if key == InputKey::Char('y') {
                    return vec![Effect::Quit];
                }
                self.status = "not quitting".into();
                Vec::new()
            }
            Mode::Search(e) if key == InputKey::Up => {
                // Recall the last query.
                self.mode = Mode::Search(LineEdit::new(self.search.clone().unwrap_or_default()));
                let _ = e;
                Vec::new()
            }
            Mode::Search(mut e) => match e.key(key) {
                EditOutcome::Continue => {
                    self.mode = Mode::Search(e);
                    Vec::new()
                }
                EditOutcome::Cancel => Vec::new(),
                EditOutcome::Done => {
                    if e.text.is_empty() {
                        // An empty query searches for the last one again, as in less.
                        return self.jump_to_match(true);
                    }
                    self.search = Some(e.text);
                    self.search_at = None;
                    self.jump_to_match(true)
                }
            },
            Mode::EditReplacement(mut e) => match e.key(key) {
                EditOutcome::Continue => {
                    self.mode = Mode::EditReplacement(e);
                    Vec::new()
                }
                EditOutcome::Cancel => {
                    self.status = "replacement unchanged".into();
                    Vec::new()
                }
                EditOutcome::Done => {
                    let Some(i) = self.current() else {
                        return Vec::new();
                    };
                    if self.articles[i]
                        .review
                        .set_replacement(self.selected, e.text)
                    {
                        self.status = "replacement edited and accepted".into();
                        return self.changed();
                    }
                    Vec::new()
                }
            },
            Mode::EditText(mut e, range) if matches!(key, InputKey::Up | InputKey::Down) => {
                // By screen line, over the lines the editor draws.
                let lines = super::line_edit::screen_lines(&e.text, editor_cols(self.width));
                e.move_vertically(&lines, key == InputKey::Down);
                self.mode = Mode::EditText(e, range);
                Vec::new()
            }
            Mode::EditText(mut e, range) => match e.key(key) {
                EditOutcome::Continue => {
                    self.mode = Mode::EditText(e, range);
                    Vec::new()
                }
                EditOutcome::Cancel => {
                    self.status = "edit cancelled: the paragraph is unchanged".into();
                    Vec::new()
                }
                EditOutcome::Done => self.apply_text_edit(range, &e.text),
            },
            Mode::Normal => Vec::new(),
        }
    }

    /// Apply a manual edit as the smallest change between old and new line text.
    fn apply_text_edit(&mut self, range: std::ops::Range<usize>, new: &str) -> Vec<Effect> {
        let Some(i) = self.current() else {
            return Vec::new();
        };
        let old = &self.articles[i].review.text[range.clone()];
        let prefix = old
            .char_indices()
            .zip(new.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((j, a), _)| j + a.len_utf8());
        let prefix = redline::segment::grapheme_floor(old, prefix)
            .min(redline::segment::grapheme_floor(new, prefix));
        let suffix = old[prefix..]
            .chars()
            .rev()
            .zip(new[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum::<usize>();
        let mut old_end = old.len() - suffix;
        let mut new_end = new.len() - suffix;
        old_end = redline::segment::grapheme_ceil(old, old_end);
        new_end += old_end - (old.len() - suffix);
        if new_end > new.len() {
            new_end = new.len();
        }
        if old[prefix..old_end] == new[prefix..new_end.max(prefix)] {
            self.status = "text unchanged".into();
            return Vec::new();
        }
        let edit = Edit {
            range: range.start + prefix..range.start + old_end,
            replacement: new[prefix..new_end.max(prefix)].to_owned(),
        };
        match self.articles[i].review.edit_text(edit) {
            Ok(()) => {
                self.articles[i].text_version += 1;
                let stale = self.articles[i]
                    .review
                    .items
                    .iter()
                    .filter(|x| x.stale)
                    .count();
                self.status = format!("text edited; {stale} finding(s) no longer apply");
                self.changed()
            }
            Err(e) => {
                self.status = format!("edit refused: {e}");
                Vec::new()
            }
        }
    }

    /// Step to the next (or previous) match of the search, from the current match (or, for
    /// a new search, from the selected finding), and scroll it into view. The selection stays.
    fn jump_to_match(&mut self, forward: bool) -> Vec<Effect> {
        let Some(q) = self.search.clone() else {
            self.status = "no search: / starts one".into();
            return Vec::new();
        };
        let Some(a) = self.article() else {
            return Vec::new();
        };
        let Some(doc) = &a.layout.doc else {
            return Vec::new();
        };
        let hits: Vec<usize> = super::display::search_matches(&doc.text, &q)
            .into_iter()
            .map(|r| r.start)
            .collect();
        let shown_q = redline::export::sanitize(&q);
        if hits.is_empty() {
            self.status = format!("'{shown_q}' not found");
            self.search_at = None;
            self.relayout();
            return Vec::new();
        }
        let at = match self.search_at {
            Some(here) if forward => hits.iter().copied().find(|&h| h > here),
            Some(here) => hits.iter().rev().copied().find(|&h| h < here),
            None => {
                let here = a.layout.anchor(self.selected).unwrap_or(0);
                hits.iter().copied().find(|&h| h >= here)
            }
        };
        let wrapped = at.is_none() && self.search_at.is_some();
        let at = at.unwrap_or(if forward {
            hits[0]
        } else {
            hits[hits.len() - 1]
        });
        let n = hits.iter().position(|&h| h == at).map_or(0, |p| p + 1);
        self.search_at = Some(at);
        self.status = format!(
            "match {n}/{} for '{shown_q}'{}",
            hits.len(),
            if wrapped { " (wrapped)" } else { "" }
        );
        self.relayout();
        let before = self.scroll;
        let rows = article_rows(self.height);
        if let Some(line) = self.article().and_then(|a| a.layout.hit_line())
            && (line < self.scroll || line >= self.scroll + rows)
        {
            self.scroll = line.saturating_sub(rows / 3).min(self.max_scroll());
        }
        if self.scroll != before {
            vec![Effect::FullRedraw]
        } else {
            Vec::new()
        }
    }

    fn command(&mut self, c: Command) -> Vec<Effect> {
        match std::mem::replace(&mut self.screen, Screen::List) {
            Screen::Help(under) => {
                self.screen = *under;
                if c == Command::Help || c == Command::Quit {
                    return Vec::new();
                }
            }
            other => self.screen = other,
        }
        let cur = match &self.screen {
            Screen::Terms(_) => return self.terms_command(c),
            Screen::List | Screen::Help(_) => return self.list_command(c),
            Screen::Article(i) => *i,
        };
        let n = self.item_count();
        match c {
            Command::NextFinding if n > 0 => self.select((self.selected + 1).min(n - 1)),
            Command::PrevFinding if n > 0 => self.select(self.selected.saturating_sub(1)),
            Command::FirstFinding if n > 0 => self.select(0),
            Command::LastFinding if n > 0 => self.select(n - 1),
            Command::ScrollDown => self.scroll_by(1),
            Command::ScrollUp => self.scroll_by(-1),
            Command::PageDown => self.scroll_by(article_rows(self.height) as i64 - 1),
            Command::PageUp => self.scroll_by(-(article_rows(self.height) as i64 - 1)),
            Command::Accept if n > 0 => self.decide(Decision::Accepted),
            Command::Reject if n > 0 => self.decide(Decision::Rejected),
            Command::Skip if n > 0 => match self.next_pending_after(self.selected) {
                Some(next) => self.select(next),
                None => Vec::new(),
            },
            Command::AcceptAll | Command::RejectAll => {
                let d = if c == Command::AcceptAll {
                    Decision::Accepted
                } else {
                    Decision::Rejected
                };
                let pending = self.articles[cur].pending();
                if pending == 0 {
                    // Suggestions are never decided in bulk: nothing to ask about.
                    self.status = "nothing pending here".into();
                    return Vec::new();
                }
                self.mode = Mode::Confirm(d);
                self.status = format!(
                    "{} all pending ({})? y/n",
                    if d == Decision::Accepted {
                        "accept"
                    } else {
                        "reject"
                    },
                    plural(pending, "finding")
                );
                Vec::new()
            }
            Command::Undo | Command::Redo => {
                let review = &mut self.articles[cur].review;
                let depth_before = review.undo_depth();
                let edits_before = review.edits.len();
                let states: Vec<_> = review
                    .items
                    .iter()
                    .map(|it| (it.decision, it.edited.clone(), it.stale))
                    .collect();
                let done = if c == Command::Undo {
                    review.undo()
                } else {
                    review.redo()
                };
                if !done {
                    self.status = format!(
                        "nothing to {}",
                        if c == Command::Undo { "undo" } else { "redo" }
                    );
                    return Vec::new();
                }
                // A text edit was undone or redone: the paragraphs are read again. A decision
                // only re-lays the paragraphs it shows in.
                if review.edits.len() != edits_before {
                    self.articles[cur].text_version += 1;
                }
                // Go back to the finding the step changed, so the editor sees what came back.
                let touched = self.articles[cur]
                    .review
                    .items
                    .iter()
                    .zip(&states)
                    .position(|(it, s)| (it.decision, it.edited.clone(), it.stale) != *s);
                self.status = if c == Command::Undo {
                    "undone".into()
                } else {
                    "redone".into()
                };
                let mut fx = self.changed();
                if let Some(t) = touched {
                    fx.extend(self.select(t));
                }
                // A list write made with the step is taken back (or made again) with it.
                let depth = self.articles[cur].review.undo_depth();
                let undo = c == Command::Undo;
                let at = if undo { depth_before } else { depth };
                if let Some(t) = self
                    .taught
                    .iter_mut()
                    .find(|t| t.article == cur && t.depth == at && t.undone != undo)
                {
                    t.undone = undo;
                    let term = redline::export::sanitize(&shorten(&t.term, 40));
                    if undo {
                        fx.push(Effect::RemoveFrom(t.list, t.term.clone()));
                        self.status = format!("undone; '{term}' taken off the {}.txt list", t.list);
                    } else {
                        fx.push(Effect::AppendTo(t.list, t.term.clone()));
                        self.status =
                            format!("redone; '{term}' put back on the {}.txt list", t.list);
                    }
                }
                fx
            }
            Command::EditReplacement if n > 0 => {
                let it = &self.articles[cur].review.items[self.selected];
                if it.stale {
                    self.status = "this finding no longer applies".into();
                } else {
                    self.mode = Mode::EditReplacement(LineEdit::new(it.replacement()));
                    self.status = "edit the replacement: Enter accepts, Esc cancels".into();
                }
                Vec::new()
            }
            Command::EditText if n > 0 && self.articles[cur].showing_source => {
                self.status =
                    "the page source is read-only: Ctrl-u goes back to the article".into();
                Vec::new()
            }
            Command::EditText if n > 0 => {
                if let Some(range) = self.edit_window() {
                    let review = &self.articles[cur].review;
                    let text = review.text[range.clone()].to_owned();
                    // The cursor starts where the finding does.
                    let at = review.items[self.selected]
                        .finding
                        .range
                        .start
                        .clamp(range.start, range.end)
                        - range.start;
                    let mut e = LineEdit::new(text);
                    e.cursor = redline::segment::grapheme_ceil(&e.text, at);
                    self.mode = Mode::EditText(e, range);
                    self.status = "edit the paragraph: Enter applies, Esc cancels".into();
                }
                Vec::new()
            }
            Command::ToggleSource => {
                if !self.articles[cur].toggle_source() {
                    self.status = "only HTML pages have a source view".into();
                    return Vec::new();
                }
                self.scroll = 0;
                self.relayout();
                self.status = if self.articles[cur].showing_source {
                    "page source: the same findings, highlighted in the markup".into()
                } else {
                    "extracted article".into()
                };
                vec![Effect::FullRedraw]
            }
            Command::ToggleDiff => {
                self.diff = !self.diff;
                self.relayout();
                self.status = if self.diff {
                    "diff view on".into()
                } else {
                    "diff view off".into()
                };
                vec![Effect::FullRedraw]
            }
            Command::ToggleReveal => {
                self.reveal = !self.reveal;
                self.relayout();
                self.status = if self.reveal {
                    "showing invisible characters".into()
                } else {
                    "invisible characters hidden".into()
                };
                vec![Effect::FullRedraw]
            }
            Command::Search => {
                self.mode = Mode::Search(LineEdit::new(""));
                Vec::new()
            }
            Command::SearchNext => self.jump_to_match(true),
            Command::SearchPrev => self.jump_to_match(false),
            Command::DenyTerm if n > 0 => {
                let it = &self.articles[cur].review.items[self.selected];
                if it.finding.kind != Kind::Spam {
                    self.status = "only spam terms go on the deny list".into();
                    return Vec::new();
                }
                let Some(term) = self.selected_text() else {
                    return Vec::new();
                };
                let sel = self.selected;
                let mut fx = self.decide(Decision::Accepted);
                self.teach(cur, DENY, &term);
                fx.push(Effect::AppendTo(DENY, term.clone()));
                self.status = format!(
                    "'{}' added to the deny list ({DENY}.txt), finding {} accepted; u takes both back",
                    redline::export::sanitize(&term),
                    sel + 1
                );
                fx
            }
            Command::IgnoreText if n > 0 => {
                let Some(term) = self.selected_text() else {
                    return Vec::new();
                };
                let kind = self.articles[cur].review.items[self.selected].finding.kind;
                // A spam term goes on the allow list; a repetition is legitimate here and
                // is remembered as such (repeats.txt), so it is not flagged again.
                let (list, key) = if kind == Kind::Duplicate {
                    (REPEATS, repeat_key(&term))
                } else {
                    (ALLOW, term.clone())
                };
                let review = &self.articles[cur].review;
                let same: Vec<usize> = (0..review.items.len())
                    .filter(|&j| {
                        let t = review.text[review.items[j].finding.range.clone()].trim();
                        review.items[j].finding.kind == kind
                            && if kind == Kind::Duplicate {
                                repeat_key(t) == key
                            } else {
                                t == term
                            }
                    })
                    .collect();
                self.forget_undone(cur);
                self.articles[cur]
                    .review
                    .decide_many(&same, Decision::Rejected);
                self.teach(cur, list, &key);
                let what = if kind == Kind::Duplicate {
                    "kept as a legitimate repetition"
                } else {
                    "added to the allow list"
                };
                self.status = format!(
                    "'{}' {what} ({list}.txt), {} here; u takes it back",
                    redline::export::sanitize(&shorten(&key, 40)),
                    plural(same.len(), "finding")
                );
                let mut fx = vec![Effect::AppendTo(list, key)];
                fx.extend(self.changed());
                if let Some(next) = self.next_pending_after(self.selected) {
                    fx.extend(self.select(next));
                }
                fx
            }
            Command::Write => {
                let targets: Vec<usize> = if self.articles.len() == 1 {
                    vec![cur]
                } else {
                    (0..self.articles.len())
                        .filter(|&i| self.articles[i].unwritten || i == cur)
                        .collect()
                };
                vec![Effect::Write(targets)]
            }
            Command::Help => {
                self.show_help();
                Vec::new()
            }
            Command::Quit => {
                if self.articles.len() > 1 {
                    self.screen = Screen::List;
                    self.sort_list();
                    self.list_selected = self.order.iter().position(|&j| j == cur).unwrap_or(0);
                    return vec![Effect::FullRedraw];
                }
                self.ask_quit()
            }
            Command::ForceQuit => vec![Effect::Quit],
            Command::NextArticle if self.articles.len() > 1 => self.go_to_next_article(cur),
            _ => Vec::new(),
        }
    }

    fn ask_quit(&mut self) -> Vec<Effect> {
        if self.any_unwritten() {
            self.mode = Mode::ConfirmQuit;
            self.status = "decisions are not written (w writes). Quit anyway? y/n".into();
            Vec::new()
        } else {
            vec![Effect::Quit]
        }
    }

    fn list_command(&mut self, c: Command) -> Vec<Effect> {
        let n = self.articles.len();
        match c {
            Command::NextFinding if n > 0 => {
                self.list_selected = (self.list_selected + 1).min(n - 1)
            }
            Command::PrevFinding => self.list_selected = self.list_selected.saturating_sub(1),
            Command::FirstFinding => self.list_selected = 0,
            Command::LastFinding => self.list_selected = n.saturating_sub(1),
            Command::ToggleDiff if n > 0 => {
                let i = self.order.get(self.list_selected).copied().unwrap_or(0);
                self.open(i);
                return vec![Effect::FullRedraw];
            }
            Command::NextArticle if n > 0 => {
                let i = self.order.get(self.list_selected).copied().unwrap_or(0);
                if self.articles[i].pending() > 0 {
                    self.open(i);
                    return vec![Effect::FullRedraw];
                }
                return self.go_to_next_article(i);
            }
            Command::Write => {
                return vec![Effect::Write(
                    (0..n).filter(|&i| self.articles[i].unwritten).collect(),
                )];
            }
            Command::CorpusTerms => {
                let lexicon = self
                    .lexicon
                    .clone()
                    .unwrap_or_else(redline::lexicon::Lexicon::builtin);
                let view = TermsView::mine(&self.articles, &lexicon);
                self.status = if view.candidates.is_empty() {
                    format!(
                        "no string recurs at injection sites in {}",
                        plural(self.articles.len(), "article")
                    )
                } else {
                    format!(
                        "{}: a accepts one everywhere, r rejects it, q goes back",
                        plural(view.candidates.len(), "candidate term")
                    )
                };
                self.screen = Screen::Terms(view);
                return vec![Effect::FullRedraw];
            }
            Command::Help => self.show_help(),
            Command::Quit => return self.ask_quit(),
            Command::ForceQuit => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn show_help(&mut self) {
        let under = std::mem::replace(&mut self.screen, Screen::List);
        self.screen = Screen::Help(Box::new(under));
    }

    fn terms_command(&mut self, c: Command) -> Vec<Effect> {
        let Screen::Terms(view) = &mut self.screen else {
            return Vec::new();
        };
        let n = view.candidates.len();
        match c {
            Command::NextFinding if n > 0 => view.selected = (view.selected + 1).min(n - 1),
            Command::PrevFinding => view.selected = view.selected.saturating_sub(1),
            Command::FirstFinding => view.selected = 0,
            Command::LastFinding => view.selected = n.saturating_sub(1),
            Command::Accept | Command::Reject if n > 0 => {
                let d = if c == Command::Accept {
                    Decision::Accepted
                } else {
                    Decision::Rejected
                };
                if let Some(cand) = view.current() {
                    let places = cluster_occurrences(&self.articles, cand);
                    let articles: std::collections::BTreeSet<usize> =
                        places.iter().map(|(d, _)| *d).collect();
                    self.status = format!(
                        "{} '{}' at all {} in {}{}? y/n",
                        if d == Decision::Accepted {
                            "delete"
                        } else {
                            "keep"
                        },
                        redline::export::sanitize(&cand.term),
                        plural(places.len(), "occurrence"),
                        plural(articles.len(), "article"),
                        if d == Decision::Accepted {
                            ", and add it to the deny list"
                        } else {
                            ""
                        }
                    );
                    self.mode = Mode::ConfirmCluster(d);
                }
            }
            Command::Help => self.show_help(),
            Command::Quit | Command::CorpusTerms => {
                self.screen = Screen::List;
                self.status.clear();
                return vec![Effect::FullRedraw];
            }
            Command::ForceQuit => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn decide_cluster(&mut self, d: Decision) -> Vec<Effect> {
        let Screen::Terms(view) = &mut self.screen else {
            return Vec::new();
        };
        let Some(cand) = view.candidates.get(view.selected).cloned() else {
            return Vec::new();
        };
        let outcome = decide_cluster(&mut self.articles, &cand, d);
        view.decided[view.selected] = Some(d);
        let mut fx = Vec::new();
        for &i in &outcome.articles {
            self.articles[i].unwritten = true;
            fx.push(Effect::SaveSession(i));
        }
        if d == Decision::Accepted {
            fx.push(Effect::AppendDeny(cand.term.clone()));
        }
        self.status = format!(
            "{} '{}': {} in {}{}",
            if d == Decision::Accepted {
                "deleted"
            } else {
                "kept"
            },
            redline::export::sanitize(&cand.term),
            plural(outcome.occurrences, "occurrence"),
            plural(outcome.articles.len(), "article"),
            if d == Decision::Accepted {
                "; added to the deny list"
            } else {
                ""
            }
        );
        fx
    }
}
