//! Whether the loan file's โอนภาระหนี้ and ปรับโครงสร้างหนี้ may be pressed, and if not why
//! (issue 17 §B7 spirit): the button is disabled with the reason beside it instead of failing
//! after the click. Pure: the facts are loaded with the file.

use crate::domain::loan::LoanStatus;

/// What the file knows that decides the two buttons.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub status: Option<LoanStatus>,
    /// A tranche of a consolidated contract moves only with its contract.
    pub tranche: bool,
    pub in_arrears: bool,
    /// The proposal already waiting on the loan ("แผนปรับโครงสร้างหนี้ เลขที่ 3").
    pub pending: Option<String>,
    /// The reason of a collection hold running today.
    pub hold: Option<String>,
    pub may_prepare: bool,
}

/// Why neither action may start, or None. The order is the order an officer would fix it in.
fn common(f: &Facts) -> Option<String> {
    match f.status {
        Some(LoanStatus::Terminated) | Some(LoanStatus::Litigation) => {
            return Some("สัญญาถูกบอกเลิกแล้ว จึงโอนภาระหนี้หรือปรับโครงสร้างหนี้ไม่ได้".into());
        }
        Some(s) if !s.is_open() => return Some("สัญญานี้ปิดแล้ว".into()),
        _ => {}
    }
    if !f.may_prepare {
        return Some("บัญชีผู้ใช้นี้ไม่มีสิทธิ์เสนอเรื่อง".into());
    }
    if let Some(p) = &f.pending {
        return Some(format!("มี{p} รออนุมัติอยู่ (เสนอได้ครั้งละหนึ่งเรื่อง)"));
    }
    if let Some(h) = &f.hold {
        return Some(format!("สัญญาพักการติดตามอยู่: {h}"));
    }
    None
}

pub fn transfer(f: &Facts) -> Option<String> {
    common(f)
        .or_else(|| f.tranche.then(|| "สัญญาย่อยของการรวมหนี้ โอนได้พร้อมสัญญารวมหนี้เท่านั้น".to_string()))
}

pub fn restructure(f: &Facts) -> Option<String> {
    common(f)
        .or_else(|| (!f.in_arrears).then(|| "ไม่มียอดค้างชำระ จึงยังไม่ต้องปรับโครงสร้างหนี้".to_string()))
}

/// The line under the buttons: why each disabled one is disabled (one line when both share the
/// reason), a space when both may be pressed so the line is reserved.
pub fn line(transfer: Option<&str>, restructure: Option<&str>) -> String {
    match (transfer, restructure) {
        (Some(t), Some(r)) if t == r => t.to_string(),
        (Some(t), Some(r)) => format!("โอนภาระหนี้ไม่ได้: {t} · ปรับโครงสร้างหนี้ไม่ได้: {r}"),
        (Some(t), None) => format!("โอนภาระหนี้ไม่ได้: {t}"),
        (None, Some(r)) => format!("ปรับโครงสร้างหนี้ไม่ได้: {r}"),
        (None, None) => " ".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open() -> Facts {
        Facts {
            status: Some(LoanStatus::Active),
            in_arrears: true,
            may_prepare: true,
            ..Facts::default()
        }
    }

    #[test]
    fn an_open_loan_in_arrears_offers_both() {
        assert_eq!((transfer(&open()), restructure(&open())), (None, None));
    }

    #[test]
    fn a_terminated_loan_offers_neither_whatever_else_holds() {
        let f = Facts { status: Some(LoanStatus::Terminated), ..open() };
        let why = "สัญญาถูกบอกเลิกแล้ว จึงโอนภาระหนี้หรือปรับโครงสร้างหนี้ไม่ได้";
        assert_eq!(transfer(&f).as_deref(), Some(why));
        assert_eq!(restructure(&f).as_deref(), Some(why));
        let f = Facts { status: Some(LoanStatus::Litigation), ..open() };
        assert_eq!(restructure(&f).as_deref(), Some(why));
    }

    #[test]
    fn each_refusal_says_why() {
        let closed = Facts { status: Some(LoanStatus::Closed), ..open() };
        assert_eq!(transfer(&closed).as_deref(), Some("สัญญานี้ปิดแล้ว"));
        let officer = Facts { may_prepare: false, ..open() };
        assert_eq!(restructure(&officer).as_deref(), Some("บัญชีผู้ใช้นี้ไม่มีสิทธิ์เสนอเรื่อง"));
        let pending = Facts {
            pending: Some("แผนปรับโครงสร้างหนี้ เลขที่ 3".into()), ..open()
        };
        assert_eq!(
            transfer(&pending).as_deref(),
            Some("มีแผนปรับโครงสร้างหนี้ เลขที่ 3 รออนุมัติอยู่ (เสนอได้ครั้งละหนึ่งเรื่อง)")
        );
        let held =
            Facts { hold: Some("ผู้กู้เสียชีวิต".into()), ..open() };
        assert_eq!(restructure(&held).as_deref(), Some("สัญญาพักการติดตามอยู่: ผู้กู้เสียชีวิต"));
        let current = Facts { in_arrears: false, ..open() };
        assert_eq!(transfer(&current), None, "a current loan may still be transferred");
        assert!(restructure(&current).is_some());
        let tranche = Facts { tranche: true, ..open() };
        assert!(transfer(&tranche).unwrap().contains("สัญญาย่อย"));
        assert_eq!(restructure(&tranche), None);
    }
}
