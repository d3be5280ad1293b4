//! Terminal output: Thai-aware column widths (combining marks take no cell) and JSON printing.

use serde::Serialize;

use super::Failure;

/// Thai vowels above/below and tone marks combine with the letter before them.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

pub fn display_width(s: &str) -> usize {
    s.chars().filter(|c| !is_combining(*c)).count()
}

#[derive(Clone, Copy)]
pub enum Align {
    Left,
    Right,
}

/// Renders rows as an aligned text table with a header and a rule under it.
pub fn table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: Vec<&str>| -> String {
        cells
            .iter()
            .zip(&widths)
            .zip(align)
            .map(|((cell, w), a)| {
                let pad = " ".repeat(w - display_width(cell));
                match a {
                    Align::Left => format!("{cell}{pad}"),
                    Align::Right => format!("{pad}{cell}"),
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut out = line(header.to_vec());
    out.push('\n');
    out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1)));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

pub fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::new(format!("สร้าง JSON ไม่ได้: {e}")))?;
    emit(&format!("{text}\n"));
    Ok(())
}

/// Writes to stdout; a reader that went away (`plodnee … | head`) ends the output quietly
/// instead of a panic.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
}

/// `emit` with a newline: the command line's `println!`.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::cli::output::emit(&format!("{}\n", format_args!($($arg)*))) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_marks_take_no_column() {
        assert_eq!(display_width("น้ำ"), 2);
        assert_eq!(display_width("ที่"), 1);
        assert_eq!(display_width("งวด"), 3);
    }

    #[test]
    fn tables_align_thai_and_numbers() {
        let t = table(
            &["ชื่อ", "ยอด"],
            &[Align::Left, Align::Right],
            &[vec!["สมชาย".into(), "1.00".into()], vec!["น้ำ".into(), "10,000.00".into()]],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(display_width(lines[2]), display_width(lines[3]));
    }
}
