//! A full name in one cell ("นายสมชาย ใจดี", "น.ส. สมหญิง  รักดี") split into title, first and last
//! name, as the member file keeps them.

/// Titles as offices write them, longest first so "นางสาว" wins over "นาง"; each maps to the
/// form the member file keeps.
const TITLES: &[(&str, &str)] = &[
    ("เด็กหญิง", "เด็กหญิง"),
    ("เด็กชาย", "เด็กชาย"),
    ("นางสาว", "นางสาว"),
    ("ด.ญ.", "เด็กหญิง"),
    ("ด.ช.", "เด็กชาย"),
    ("น.ส.", "นางสาว"),
    ("นส.", "นางสาว"),
    ("นาย", "นาย"),
    ("นาง", "นาง"),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub title: String,
    pub first: String,
    pub last: String,
}

/// Takes the title off the front, if any.
pub fn split_title(text: &str) -> (String, &str) {
    let text = text.trim();
    for (written, kept) in TITLES {
        if let Some(rest) = text.strip_prefix(written) {
            // "นางสาว" is a title, but "นาง" in "นางรอง" is not if nothing follows the title: a
            // name needs something after it.
            if !rest.trim().is_empty() {
                return ((*kept).to_string(), rest.trim_start());
            }
        }
    }
    (String::new(), text)
}

/// Splits a full name; Err with the Thai reason when there is no first name.
pub fn split(full: &str) -> Result<Name, String> {
    let (title, rest) = split_title(full);
    let mut words = rest.split_whitespace();
    let Some(first) = words.next() else {
        return Err("ไม่มีชื่อ".into());
    };
    let last = words.collect::<Vec<_>>().join(" ");
    Ok(Name { title, first: first.to_string(), last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(title: &str, first: &str, last: &str) -> Name {
        Name { title: title.into(), first: first.into(), last: last.into() }
    }

    #[test]
    fn full_names_split_into_title_first_and_last() {
        assert_eq!(split("นายสมชาย ใจดี").unwrap(), n("นาย", "สมชาย", "ใจดี"));
        assert_eq!(split("นางสาวสมหญิง รักดี").unwrap(), n("นางสาว", "สมหญิง", "รักดี"));
        assert_eq!(split(" น.ส. สมหญิง   รักดี ").unwrap(), n("นางสาว", "สมหญิง", "รักดี"));
        assert_eq!(split("นางบุญมี ศรีสุข").unwrap(), n("นาง", "บุญมี", "ศรีสุข"));
        assert_eq!(split("ด.ช.ก้อง ใจดี").unwrap(), n("เด็กชาย", "ก้อง", "ใจดี"));
    }

    #[test]
    fn names_without_title_or_last_name_and_two_word_last_names() {
        assert_eq!(split("สมศักดิ์ มั่นคง").unwrap(), n("", "สมศักดิ์", "มั่นคง"));
        assert_eq!(split("นายทอง").unwrap(), n("นาย", "ทอง", ""));
        assert_eq!(split("นายจอห์น ฟาน เดอร์").unwrap(), n("นาย", "จอห์น", "ฟาน เดอร์"));
    }

    #[test]
    fn a_title_alone_is_not_a_name() {
        assert_eq!(split("นาย").unwrap(), n("", "นาย", ""));
        assert!(split("   ").is_err());
    }
}
