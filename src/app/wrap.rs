//! Thai that wraps between words on screen, as the documents break it (issue 17 §C14). iced
//! wraps at spaces and zero-width spaces only, and Thai writes no spaces between words, so
//! text gets a zero-width space at each line break of [`crate::domain::thai::breaks`] (ICU4X's
//! LSTM model less the glue rules) and a no-break space where the glue rules keep two words
//! together across a space (`3 งวด`, `นาย สมชาย`). The template editor holds the same
//! zero-width spaces in its content, kept invisible to editing: arrows step over them,
//! Backspace and Delete remove the letter beside them, and the wording saved has none.

use std::ops::Range;

use iced::widget::text_editor::{Action, Content, Cursor, Edit, Motion, Position};

use crate::domain::thai::breaks::{glued_breaks, line_breaks};

pub const ZWSP: char = '\u{200B}';
pub const NBSP: char = '\u{00A0}';

/// `text` wrapping between words: see the module. Costly (the LSTM model): once per text,
/// not in `view`.
pub fn breakable(text: &str) -> String {
    breakable_keeping(text, &[])
}

/// Like [`breakable`], with the `whole` byte ranges (field values: a name, a date) kept on
/// one line as the documents keep them.
pub fn breakable_keeping(text: &str, whole: &[Range<usize>]) -> String {
    let breaks = line_breaks(text, whole);
    let mut keep_space: Vec<bool> = text.bytes().map(|_| false).collect();
    for b in glued_breaks(text) {
        // The spaces just before a glued break: `3 |งวด`.
        let spaces = text[..b].len() - text[..b].trim_end_matches(' ').len();
        keep_space[b - spaces..b].iter_mut().for_each(|k| *k = true);
    }
    for r in whole {
        keep_space[r.start.min(text.len())..r.end.min(text.len())]
            .iter_mut()
            .for_each(|k| *k = true);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for (i, c) in text.char_indices() {
        if breaks.binary_search(&i).is_ok() && !text[..i].ends_with(char::is_whitespace) {
            out.push(ZWSP);
        }
        out.push(if c == ' ' && keep_space[i] { NBSP } else { c });
    }
    out
}

/// What [`breakable`] added taken out again.
pub fn plain(text: &str) -> String {
    text.chars().filter(|&c| c != ZWSP).map(|c| if c == NBSP { ' ' } else { c }).collect()
}

/// One line of the editor with zero-width spaces at its breaks (its spaces left as typed:
/// the user edits them).
fn editor_line(line: &str) -> String {
    let clean: String = line.chars().filter(|&c| c != ZWSP).collect();
    let breaks = line_breaks(&clean, &placeholders(&clean));
    let mut out = String::with_capacity(clean.len() + clean.len() / 4);
    for (i, c) in clean.char_indices() {
        if breaks.binary_search(&i).is_ok() && !clean[..i].ends_with(char::is_whitespace) {
            out.push(ZWSP);
        }
        out.push(c);
    }
    out
}

/// The `{field}` names of a template line, each kept whole.
fn placeholders(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('{').map(|i| i + from) {
        let Some(close) = line[open..].find('}').map(|i| i + open + 1) else { break };
        out.push(open..close);
        from = close;
    }
    out
}

/// Editor content for `text`, wrapping between words.
pub fn editor_content(text: &str) -> Content {
    let lines: Vec<String> = text.split('\n').map(editor_line).collect();
    Content::with_text(&lines.join("\n"))
}

/// The editor's text as typed, without the zero-width spaces.
pub fn editor_text(content: &Content) -> String {
    content.text().chars().filter(|&c| c != ZWSP).collect()
}

fn char_before(content: &Content, at: Position) -> Option<char> {
    let line = content.line(at.line)?;
    line.text.get(..at.column)?.chars().next_back()
}

fn char_after(content: &Content, at: Position) -> Option<char> {
    let line = content.line(at.line)?;
    line.text.get(at.column..)?.chars().next()
}

/// Performs `action` on the editor as if the zero-width spaces were not there, then puts
/// them back where the words of the edited lines now break.
pub fn perform(content: &mut Content, action: Action) {
    let at = content.cursor().position;
    let caret = content.cursor().selection.is_none();
    match &action {
        Action::Edit(Edit::Backspace) if caret && char_before(content, at) == Some(ZWSP) => {
            content.perform(Action::Edit(Edit::Backspace));
        }
        Action::Edit(Edit::Delete) if caret && char_after(content, at) == Some(ZWSP) => {
            content.perform(Action::Edit(Edit::Delete));
        }
        _ => {}
    }
    let edits = action.is_edit();
    let step = match &action {
        Action::Move(m) | Action::Select(m) => Some(*m),
        _ => None,
    };
    content.perform(action.clone());
    match step {
        // The cursor just before or after a zero-width space shows in the same place: one
        // more step, so each press of an arrow moves the cursor on screen.
        Some(Motion::Left) if char_before(content, content.cursor().position) == Some(ZWSP) => {
            content.perform(action);
        }
        Some(Motion::Right) if char_after(content, content.cursor().position) == Some(ZWSP) => {
            content.perform(action);
        }
        _ => {}
    }
    if edits {
        rebreak(content, at.line);
    }
}

/// Puts the zero-width spaces of lines `from − 1 ..= cursor line` where the words now break,
/// keeping the cursor between the same letters.
fn rebreak(content: &mut Content, from: usize) {
    let cursor = content.cursor().position;
    let (first, last) = (from.min(cursor.line).saturating_sub(1), from.max(cursor.line));
    let mut moved = cursor;
    for n in first..=last.min(content.line_count().saturating_sub(1)) {
        let Some(line) = content.line(n).map(|l| l.text.to_string()) else { continue };
        let fresh = editor_line(&line);
        if fresh == line {
            continue;
        }
        // Replace the whole line: select it from its start to its end and paste.
        content.move_to(Cursor {
            position: Position { line: n, column: 0 },
            selection: Some(Position { line: n, column: line.len() }),
        });
        content.perform(Action::Edit(Edit::Paste(std::sync::Arc::new(fresh.clone()))));
        if n == cursor.line {
            let letters =
                line[..cursor.column.min(line.len())].chars().filter(|&c| c != ZWSP).count();
            moved.column = column_after(&fresh, letters);
        }
    }
    content.move_to(Cursor { position: moved, selection: None });
}

/// The byte column after the first `letters` characters of `line` that are not zero-width
/// spaces.
fn column_after(line: &str, letters: usize) -> usize {
    let mut seen = 0;
    for (i, c) in line.char_indices() {
        if seen == letters {
            return i;
        }
        if c != ZWSP {
            seen += 1;
        }
    }
    line.len()
}
