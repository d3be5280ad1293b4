//! The sign-in settings as the committee types them on ตั้งค่าระบบ: how many wrong passwords in a
//! row lock a user name, for how long, and after how many idle minutes the window locks. Each
//! value is checked with a Thai message for its own field; the bounds keep the lockout meaningful
//! (never off, never so long that an office is shut out for days).

use std::collections::BTreeMap;

use super::sign_in::Policy;
use super::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    MaxFailures,
    LockMinutes,
    IdleMinutes,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::MaxFailures, Field::LockMinutes, Field::IdleMinutes];

    pub fn label(self) -> &'static str {
        match self {
            Field::MaxFailures => "ใส่รหัสผ่านผิดติดกันได้",
            Field::LockMinutes => "ล็อกชื่อผู้ใช้นาน (นาที)",
            Field::IdleMinutes => "ล็อกหน้าจอเมื่อไม่ได้ใช้งาน (นาที)",
        }
    }

    /// The allowed range: 3–10 tries (the 5 in the middle; fewer locks people out by
    /// typos, more lets a guesser try), 1 minute to a day, idle 0 (never) to 4 hours.
    pub fn range(self) -> (i64, i64) {
        match self {
            Field::MaxFailures => (3, 10),
            Field::LockMinutes => (1, 24 * 60),
            Field::IdleMinutes => (0, 240),
        }
    }
}

/// The form's starting values.
pub fn form(p: &Policy) -> Vec<(Field, String)> {
    vec![
        (Field::MaxFailures, p.max_failures.to_string()),
        (Field::LockMinutes, p.lock_minutes.to_string()),
        (Field::IdleMinutes, p.idle_minutes.to_string()),
    ]
}

fn whole(field: Field, text: &str) -> Result<i64, String> {
    let t = to_ascii_digits(text.trim());
    let (lo, hi) = field.range();
    if t.is_empty() {
        return Err("กรุณากรอกตัวเลข".into());
    }
    let Ok(n) = t.parse::<i64>() else {
        return Err(format!("กรุณากรอกจำนวนเต็ม {lo}–{hi}"));
    };
    if n < lo || n > hi {
        return Err(format!("ต้องอยู่ระหว่าง {lo} ถึง {hi}"));
    }
    Ok(n)
}

pub fn validate(values: &BTreeMap<Field, String>) -> Result<Policy, BTreeMap<Field, String>> {
    let get = |f: Field| values.get(&f).map(String::as_str).unwrap_or("");
    let mut errors = BTreeMap::new();
    let mut take = |f: Field| match whole(f, get(f)) {
        Ok(n) => n,
        Err(e) => {
            errors.insert(f, e);
            0
        }
    };
    let max_failures = take(Field::MaxFailures);
    let lock_minutes = take(Field::LockMinutes);
    let idle_minutes = take(Field::IdleMinutes);
    if errors.is_empty() {
        Ok(Policy { max_failures: max_failures as u32, lock_minutes, idle_minutes })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(a: &str, b: &str, c: &str) -> BTreeMap<Field, String> {
        Field::ALL.into_iter().zip([a, b, c]).map(|(f, v)| (f, v.to_string())).collect()
    }

    #[test]
    fn the_defaults_and_thai_digits_read_back() {
        assert_eq!(validate(&values("5", "15", "10")), Ok(Policy::default()));
        let p = validate(&values(" ๓ ", "๖๐", "0")).unwrap();
        assert_eq!((p.max_failures, p.lock_minutes, p.idle_minutes), (3, 60, 0));
        let back: BTreeMap<Field, String> = form(&p).into_iter().collect();
        assert_eq!(validate(&back), Ok(p));
    }

    #[test]
    fn every_bad_value_is_answered_beside_its_field() {
        let e = validate(&values("0", "1441", "-1")).unwrap_err();
        assert_eq!(e[&Field::MaxFailures], "ต้องอยู่ระหว่าง 3 ถึง 10");
        assert_eq!(e[&Field::LockMinutes], "ต้องอยู่ระหว่าง 1 ถึง 1440");
        assert_eq!(e[&Field::IdleMinutes], "ต้องอยู่ระหว่าง 0 ถึง 240");
        let e = validate(&values("", "7.5", "๑๐,๐๐๐")).unwrap_err();
        assert_eq!(e[&Field::MaxFailures], "กรุณากรอกตัวเลข");
        assert_eq!(e[&Field::LockMinutes], "กรุณากรอกจำนวนเต็ม 1–1440");
        assert_eq!(e.len(), 3);
        let e = validate(&values(&"9".repeat(10_000), "15", "10")).unwrap_err();
        assert!(e.contains_key(&Field::MaxFailures));
    }
}
