//! The choices a complaint is recorded with: category, channel, severity, satisfaction.

use std::fmt;

macro_rules! coded {
    ($name:ident { $($v:ident => $code:literal, $thai:literal;)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($v),* }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$v),*];

            pub fn code(self) -> &'static str {
                match self { $($name::$v => $code),* }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|c| c.code() == code)
            }

            pub fn thai(self) -> &'static str {
                match self { $($name::$v => $thai),* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.thai())
            }
        }
    };
}

coded!(Category {
    DisputedAmount => "disputed-amount", "โต้แย้งยอดหนี้";
    Conduct => "conduct", "พฤติกรรมผู้ติดตามหนี้";
    Data => "data", "ข้อมูลส่วนบุคคล";
    Service => "service", "การให้บริการ";
    Other => "other", "อื่น ๆ";
});

coded!(Channel {
    WalkIn => "walk-in", "มาด้วยตนเอง";
    Phone => "phone", "โทรศัพท์";
    Letter => "letter", "หนังสือ";
    Line => "line", "LINE";
    Box => "box", "ตู้รับเรื่องร้องเรียน";
    Referred => "referred", "หน่วยงานส่งต่อ";
});

coded!(Severity {
    Low => "low", "ต่ำ";
    Medium => "medium", "ปานกลาง";
    High => "high", "สูง";
});

coded!(Satisfaction {
    Satisfied => "satisfied", "พอใจ";
    Partly => "partly", "พอใจบางส่วน";
    Unsatisfied => "unsatisfied", "ไม่พอใจ";
    Unknown => "unknown", "ติดต่อผู้ร้องเรียนไม่ได้";
});

impl Category {
    /// A complaint that disputes what a loan is said to owe stops collection on it while open.
    pub fn holds_collection(self) -> bool {
        self == Category::DisputedAmount
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_its_choice() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(*c));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(*c));
        }
        assert_eq!(Category::from_code("amount"), None);
    }

    #[test]
    fn only_a_disputed_amount_holds_collection() {
        let holding: Vec<_> = Category::ALL.iter().filter(|c| c.holds_collection()).collect();
        assert_eq!(holding, [&Category::DisputedAmount]);
    }
}
