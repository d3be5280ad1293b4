//! Consent for uses of personal data beyond the loan contract (PDPA s.19): contact by LINE or
//! SMS and photographs, each given or withdrawn on a date, and the ways the privacy notice
//! (ประกาศความเป็นส่วนตัว) reaches a member. The loan itself needs no consent (s.24(3), a
//! contract), so nothing here gates the office's work on a loan.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Purpose {
    LineSms,
    Photo,
}

impl Purpose {
    pub const ALL: [Purpose; 2] = [Purpose::LineSms, Purpose::Photo];

    pub fn code(self) -> &'static str {
        match self {
            Purpose::LineSms => "line_sms",
            Purpose::Photo => "photo",
        }
    }

    pub fn from_code(code: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Purpose::LineSms => "ติดต่อทาง LINE หรือ SMS",
            Purpose::Photo => "ถ่ายภาพและใช้ภาพ",
        }
    }
}

/// How the notice reached the member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeWay {
    Hand,
    Post,
    Line,
    Email,
}

impl NoticeWay {
    pub const ALL: [NoticeWay; 4] =
        [NoticeWay::Hand, NoticeWay::Post, NoticeWay::Line, NoticeWay::Email];

    pub fn code(self) -> &'static str {
        match self {
            NoticeWay::Hand => "hand",
            NoticeWay::Post => "post",
            NoticeWay::Line => "line",
            NoticeWay::Email => "email",
        }
    }

    pub fn from_code(code: &str) -> Option<NoticeWay> {
        NoticeWay::ALL.into_iter().find(|w| w.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            NoticeWay::Hand => "มอบให้ด้วยตนเอง",
            NoticeWay::Post => "ส่งทางไปรษณีย์",
            NoticeWay::Line => "ส่งทาง LINE",
            NoticeWay::Email => "ส่งทางอีเมล",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_stored_in_the_database() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::from_code(p.code()), Some(p));
        }
        for w in NoticeWay::ALL {
            assert_eq!(NoticeWay::from_code(w.code()), Some(w));
        }
        assert_eq!(Purpose::from_code("email"), None);
    }
}
