//! The loan file's residue write-off (ตัดยอดเศษสตางค์): the button that proposes it, shown only
//! when the loan qualifies today and has nothing else waiting, with the amount; and the file's
//! write-off history (waiting, approved, or rejected with the reason).

use iced::Element;
use iced::widget::Column;

use crate::app::theme::Tone;
use crate::app::widget::{
    badge, cell, cell_hint, col, money, num, section, table_header, table_row,
};
use crate::domain::arrears::Tolerance;
use crate::domain::arrears::write_off::Residue;
use crate::domain::thai::date::format_short;
use crate::store::Result;
use crate::store::loans::Loan;
use crate::store::rejections;
use crate::store::write_offs::{self, WriteOff};

/// What the loan file knows about write-offs of this loan.
#[derive(Debug, Clone, Default)]
pub struct Info {
    /// The residue a write-off would clear today, when the loan qualifies.
    pub residue: Option<Residue>,
    /// Another proposal of any kind waiting on the loan ("แผนปรับโครงสร้างหนี้ เลขที่ 5").
    pub pending_elsewhere: Option<String>,
    pub history: Vec<WriteOff>,
    pub tolerance: Tolerance,
    /// The button's label with the amount, when it may be offered.
    label: Option<String>,
}

impl Info {
    /// The approved write-off's day and what it cleared, if the loan was closed by one.
    pub fn approved(&self) -> Option<(chrono::NaiveDate, Residue)> {
        self.history
            .iter()
            .find(|w| w.status == "approved")
            .and_then(|w| Some((w.written_off_on?, w.cleared)))
    }

    /// What is left of `amount` as of `on` once an approved write-off has cleared its residue.
    pub fn after(
        &self,
        amount: crate::domain::Satang,
        on: chrono::NaiveDate,
    ) -> crate::domain::Satang {
        match self.approved() {
            Some((day, r)) if on >= day => (amount - r.total()).max(crate::domain::Satang::ZERO),
            _ => amount,
        }
    }

    /// The button's label with the amount, when the write-off may be proposed.
    pub fn offer(&self) -> Option<&str> {
        self.label.as_deref()
    }
}

pub fn load(conn: &rusqlite::Connection, loan: &Loan, today: chrono::NaiveDate) -> Result<Info> {
    let residue = write_offs::qualifies(conn, loan, today)?;
    let pending_elsewhere = rejections::pending_on(conn, &[loan.id])?;
    let label = match (residue, &pending_elsewhere) {
        (Some(r), None) => Some(format!("เสนอตัดยอดเศษสตางค์ {} บาท", r.total())),
        _ => None,
    };
    Ok(Info {
        residue,
        pending_elsewhere,
        history: write_offs::of_loan(conn, loan.id)?,
        tolerance: crate::store::settings::tolerance(conn)?,
        label,
    })
}

/// The write-off history of the file, newest first; nothing when it has none.
pub fn view<'a, M: 'a>(info: &'a Info) -> Option<Element<'a, M>> {
    if info.history.is_empty() {
        return None;
    }
    let cols = [
        col("รายการ", 3),
        col("สถานะ", 2),
        num("ยอด", 2),
        col("ผู้เสนอ", 3),
        col("ผู้พิจารณา / เหตุผล", 5),
        col("วันที่", 2),
    ];
    let mut table = Column::new().push(table_header(&cols));
    for w in &info.history {
        let tone = match w.status.as_str() {
            "approved" => Tone::Good,
            "rejected" => Tone::Bad,
            _ => Tone::Warn,
        };
        let (who, on) = match (&w.rejection, w.written_off_on) {
            (Some(r), _) => (format!("{}: {}", r.by_name, r.reason), format_short(w.as_of)),
            (None, Some(on)) => (w.approved_by_name.clone(), format_short(on)),
            (None, None) => ("-".into(), format_short(w.as_of)),
        };
        let amount = if w.status == "approved" { w.cleared.total() } else { w.amount };
        table = table.push(table_row(
            &cols,
            vec![
                cell(format!("ตัดยอดเศษสตางค์ที่ {}", w.id)).into(),
                badge(w.status_label(), tone),
                money(amount).into(),
                cell_hint(w.prepared_by_name.clone()),
                cell_hint(who),
                cell(on).into(),
            ],
        ));
    }
    Some(section("ตัดยอดเศษสตางค์", vec![], table))
}
