//! What a follow-up contact (บันทึกการติดตาม) is made of: the channel, whom it reached and what
//! came of it, each from a fixed list with its Thai label and the code stored in the database.

use std::fmt;

macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

coded! {
    /// How the office reached (or tried to reach) the debtor.
    Channel {
        Phone => "phone", "โทรศัพท์";
        Visit => "visit", "เยี่ยมบ้าน";
        Letter => "letter", "หนังสือ";
        Message => "message", "LINE/SMS";
        Meeting => "meeting", "ประชุมกลุ่ม";
        Office => "office", "มาที่สำนักงาน";
    }
}

coded! {
    /// Whom the contact reached. A third party may only be asked where the debtor can be found.
    Reached {
        Borrower => "borrower", "ผู้กู้";
        CoBorrower => "co_borrower", "ผู้กู้ร่วม";
        Guarantor => "guarantor", "ผู้ค้ำประกัน";
        Relative => "relative", "ญาติหรือบุคคลอื่น";
    }
}

coded! {
    /// What came of the contact.
    Outcome {
        Promise => "promise", "ติดต่อได้และนัดชำระ";
        Paid => "paid", "ชำระแล้ว";
        Refused => "refused", "ปฏิเสธ";
        NoAnswer => "no_answer", "ไม่รับสาย";
        WrongNumber => "wrong_number", "เบอร์ผิด";
        Moved => "moved", "ย้ายที่อยู่";
        Deceased => "deceased", "เสียชีวิต";
        Disputed => "disputed", "โต้แย้งยอดหนี้";
        Hardship => "hardship", "ขอผ่อนผัน/ขอปรับโครงสร้าง";
    }
}

impl Outcome {
    /// Whether the contact reached a person. An unanswered call or a wrong number is an attempt:
    /// it does not use up the day's one contact with that person.
    pub fn reached_someone(self) -> bool {
        !matches!(self, Outcome::NoAnswer | Outcome::WrongNumber)
    }

    /// Only a contact that reached the debtor and agreed a payment carries a promise.
    pub fn takes_promise(self) -> bool {
        self == Outcome::Promise
    }
}

impl Channel {
    /// Calls and visits are what the Debt Collection Act's hours govern; a letter or a member who
    /// walks into the office is not the collector reaching out.
    pub fn bound_by_hours(self) -> bool {
        matches!(self, Channel::Phone | Channel::Visit | Channel::Message)
    }
}

impl Reached {
    /// A relative or anyone else is a third party: nothing about the debt may be disclosed.
    pub fn is_third_party(self) -> bool {
        self == Reached::Relative
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_labels_are_thai() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(*c));
        }
        for r in Reached::ALL {
            assert_eq!(Reached::from_code(r.code()), Some(*r));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_code(o.code()), Some(*o));
            assert!(o.label().chars().any(|ch| ('\u{0E00}'..='\u{0E7F}').contains(&ch)));
        }
        assert_eq!(Outcome::ALL.len(), 9, "the issue's fixed list of outcomes");
        assert_eq!(Channel::from_code("fax"), None);
    }

    #[test]
    fn attempts_do_not_reach_anyone() {
        assert!(!Outcome::NoAnswer.reached_someone());
        assert!(!Outcome::WrongNumber.reached_someone());
        assert!(Outcome::Refused.reached_someone());
        assert!(Outcome::Promise.takes_promise() && !Outcome::Paid.takes_promise());
        assert!(Reached::Relative.is_third_party() && !Reached::Guarantor.is_third_party());
        assert!(Channel::Phone.bound_by_hours() && !Channel::Office.bound_by_hours());
    }
}
