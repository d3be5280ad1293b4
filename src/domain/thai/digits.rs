//! Thai digits (๐–๙) as officers sometimes type them; everything is stored with Arabic digits.

/// Replaces Thai digits with ASCII digits, leaving every other character as it is.
pub fn to_ascii_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            other => other,
        })
        .collect()
}

/// Replaces ASCII digits with Thai digits (for documents that ask for them).
pub fn to_thai_digits(input: &str) -> String {
    input
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('๐' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_digits_become_arabic_and_back() {
        assert_eq!(to_ascii_digits("๑,๒๓๔.๕๐ บาท"), "1,234.50 บาท");
        assert_eq!(to_thai_digits("2568"), "๒๕๖๘");
        assert_eq!(to_ascii_digits("๐๙"), "09");
    }
}
