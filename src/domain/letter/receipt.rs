//! What a receipt (ใบเสร็จรับเงิน) says: who brought the money, whose debt it pays, on which
//! contracts, how the money was
//! allocated (default interest, interest, principal, installment by installment, s.329), the
//! total in figures and words, and for a consolidated contract how much went to each fund.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::compose::{Addressee, Letterhead};
use crate::domain::Satang;
use crate::domain::statement::{Part, Slice};
use crate::domain::thai::words::baht_text;

/// One payment line of the receipt as the ledger holds it: a loan (a tranche of a consolidated
/// contract, say) and the slices its amount was allocated to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidLine {
    pub contract_no: String,
    pub fund: String,
    pub amount: Satang,
    pub slices: Vec<Slice>,
}

/// One row of the allocation table: what the payment paid on one installment of one loan,
/// by part (fees without an installment have their own row).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Row {
    pub contract_no: String,
    pub installment: Option<u32>,
    pub fee: Satang,
    pub default_interest: Satang,
    pub interest: Satang,
    pub principal: Satang,
}

impl Row {
    pub fn total(&self) -> Satang {
        self.fee + self.default_interest + self.interest + self.principal
    }

    fn add(&mut self, part: Part, amount: Satang) {
        match part {
            Part::Fee => self.fee += amount,
            Part::DefaultInterest => self.default_interest += amount,
            Part::Interest => self.interest += amount,
            Part::Principal => self.principal += amount,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundShare {
    pub fund: String,
    pub amount: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptDoc {
    pub head: Letterhead,
    pub receipt_no: String,
    pub paid_on: NaiveDate,
    pub payer: Addressee,
    /// The borrower whose debt the money pays (often not the one who brought it: a spouse or
    /// a child pays at the counter for the head of the household).
    pub debtor: String,
    pub channel: String,
    /// The contract the payer knows (the consolidated contract's number for its tranches).
    pub contract: String,
    pub rows: Vec<Row>,
    /// Only when the money went to more than one fund.
    pub funds: Vec<FundShare>,
    pub total: Satang,
    pub total_words: String,
    pub received_by: String,
    /// The reason, when the receipt was reversed (printed as ยกเลิก).
    pub cancelled: Option<String>,
}

/// Everything about the receipt besides its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub head: Letterhead,
    pub receipt_no: String,
    pub paid_on: NaiveDate,
    pub payer: Addressee,
    pub debtor: String,
    pub channel: String,
    pub contract: String,
    pub received_by: String,
    pub cancelled: Option<String>,
}

/// One row per loan and installment in the order the payment reached them (s.329: costs,
/// default interest, interest, principal; oldest installment first), with the parts as columns.
pub fn compose(h: Header, lines: &[PaidLine]) -> ReceiptDoc {
    let mut rows: Vec<Row> = Vec::new();
    let mut funds: Vec<FundShare> = Vec::new();
    for line in lines {
        for s in &line.slices {
            let found = rows
                .iter_mut()
                .find(|r| r.contract_no == line.contract_no && r.installment == s.installment);
            match found {
                Some(r) => r.add(s.part, s.amount),
                None => {
                    let mut r = Row {
                        contract_no: line.contract_no.clone(),
                        installment: s.installment,
                        ..Row::default()
                    };
                    r.add(s.part, s.amount);
                    rows.push(r);
                }
            }
        }
        // Money without a recorded allocation still shows, as principal of no installment.
        let sliced: Satang = line.slices.iter().map(|s| s.amount).sum();
        if sliced != line.amount {
            rows.push(Row {
                contract_no: line.contract_no.clone(),
                principal: line.amount - sliced,
                ..Row::default()
            });
        }
        match funds.iter_mut().find(|f| f.fund == line.fund) {
            Some(f) => f.amount += line.amount,
            None => funds.push(FundShare { fund: line.fund.clone(), amount: line.amount }),
        }
    }
    if funds.len() < 2 {
        funds.clear();
    }
    let total = lines.iter().map(|l| l.amount).sum();
    ReceiptDoc {
        head: h.head,
        receipt_no: h.receipt_no,
        paid_on: h.paid_on,
        payer: h.payer,
        debtor: h.debtor,
        channel: h.channel,
        contract: h.contract,
        rows,
        funds,
        total,
        total_words: baht_text(total),
        received_by: h.received_by,
        cancelled: h.cancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            head: Letterhead::default(),
            receipt_no: "ร.12/2568".into(),
            paid_on: NaiveDate::from_ymd_opt(2025, 11, 21).unwrap(),
            payer: Addressee {
                name: "นางสมศรี ใจดี".into(), lines: vec![]
            },
            debtor: "นายสมชาย ใจดี".into(),
            channel: "เงินสด".into(),
            contract: "รวม.1/2568".into(),
            received_by: "นางมาลี บุญมา".into(),
            cancelled: None,
        }
    }

    fn slice(installment: Option<u32>, part: Part, satang: i64) -> Slice {
        Slice { installment, part, amount: Satang(satang) }
    }

    #[test]
    fn a_consolidated_receipt_shows_each_funds_part_and_adds_up() {
        let lines = [
            PaidLine {
                contract_no: "รวม.1/2568-กทบ.".into(),
                fund: "กองทุนหมู่บ้าน".into(),
                amount: Satang(60_000),
                slices: vec![
                    slice(Some(1), Part::DefaultInterest, 1_000),
                    slice(Some(1), Part::Interest, 9_000),
                    slice(Some(1), Part::Principal, 50_000),
                ],
            },
            PaidLine {
                contract_no: "รวม.1/2568-ออม".into(),
                fund: "กลุ่มออมทรัพย์".into(),
                amount: Satang(40_000),
                slices: vec![slice(Some(1), Part::Principal, 40_000)],
            },
        ];
        let doc = compose(header(), &lines);
        assert_eq!(doc.total, Satang(100_000));
        assert_eq!(doc.total_words, "หนึ่งพันบาทถ้วน");
        assert_eq!(doc.rows.len(), 2, "one row per loan and installment");
        assert_eq!(doc.rows[0].default_interest, Satang(1_000));
        assert_eq!(doc.rows[0].total(), Satang(60_000));
        assert_eq!(doc.funds.len(), 2);
        assert_eq!(doc.rows.iter().map(Row::total).sum::<Satang>(), doc.total);
    }

    #[test]
    fn a_single_fund_receipt_has_no_fund_split() {
        let lines = [PaidLine {
            contract_no: "กทบ.1/2566".into(),
            fund: "กองทุนหมู่บ้าน".into(),
            amount: Satang(10_050),
            slices: vec![slice(Some(2), Part::Principal, 10_050)],
        }];
        let doc = compose(header(), &lines);
        assert_eq!((doc.payer.name.as_str(), doc.debtor.as_str()), ("นางสมศรี ใจดี", "นายสมชาย ใจดี"));
        assert!(doc.funds.is_empty());
        assert_eq!(doc.total_words, "หนึ่งร้อยบาทห้าสิบสตางค์");
    }
}
