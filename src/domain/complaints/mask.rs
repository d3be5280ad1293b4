//! The complainant's name as lists show it to those who may not see who complained: the first
//! letter of each part kept, the rest hidden behind a fixed mark, so neither the length nor the
//! title gives the person away.

const HIDDEN: &str = "•••";

/// The first user-perceived character of `word`: a Thai leading vowel (เ แ โ ใ ไ) is written
/// before its consonant, so both are kept, with any marks that sit on the consonant.
fn first_letter(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let leading = matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ');
        while let Some(&m) = chars.peek() {
            if is_mark(m) {
                out.push(m);
                chars.next();
            } else {
                break;
            }
        }
        if !leading {
            break;
        }
    }
    out
}

/// Thai marks written above or below the consonant before them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// `สมชาย ใจดี` → `ส••• ใจ•••`; the title (นาย, นาง, นางสาว) is never passed in, it would tell
/// the sex; an anonymous complaint is the caller's to word (ไม่ประสงค์ออกนาม).
pub fn mask_name(first_name: &str, last_name: &str) -> String {
    let parts: Vec<String> = [first_name, last_name]
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| format!("{}{HIDDEN}", first_letter(p)))
        .collect();
    if parts.is_empty() { HIDDEN.to_string() } else { parts.join(" ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_letter_of_each_name_is_shown() {
        let table = [
            ("สมชาย", "ใจดี", "ส••• ใจ•••"),
            ("นิด", "", "นิ•••"),
            ("เกศินี", "แก้วมณี", "เก••• แก้•••"),
            ("ปิยะ", "ศรีสุข", "ปิ••• ศ•••"),
            ("", "", "•••"),
            ("John", "Smith", "J••• S•••"),
        ];
        for (first, last, masked) in table {
            assert_eq!(mask_name(first, last), masked, "{first} {last}");
        }
    }

    #[test]
    fn names_of_different_lengths_mask_alike() {
        assert_eq!(mask_name("สม", "ดี"), mask_name("สมศักดิ์", "ดีเลิศประเสริฐ"));
    }
}
