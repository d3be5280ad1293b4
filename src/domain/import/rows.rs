//! Rows of a sheet read with a mapping: each becomes a member (and a loan, with guarantors), or is
//! refused with its Thai reason, or is passed over as blank or as a totals row, never dropped.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::dates::{self, Order, Verdict};
use super::header::{Field, Mapping};
use super::name::{self, Name};
use super::position::Figures;
use crate::domain::address::{parse_house_no, parse_village};
use crate::domain::money::Satang;
use crate::domain::national_id::NationalId;
use crate::domain::person::parse_phone;
use crate::domain::rate::AnnualRate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonIn {
    pub name: NameIn,
    pub national_id: Option<NationalId>,
    pub phone: String,
    pub house_no: String,
    pub village: Option<u8>,
    pub subdistrict: String,
    pub district: String,
    pub province: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameIn {
    pub title: String,
    pub first: String,
    pub last: String,
}

impl From<Name> for NameIn {
    fn from(n: Name) -> NameIn {
        NameIn { title: n.title, first: n.first, last: n.last }
    }
}

impl NameIn {
    pub fn full(&self) -> String {
        crate::domain::person::full_name(&self.title, &self.first, &self.last)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuarantorIn {
    pub name: NameIn,
    pub national_id: Option<NationalId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanIn {
    pub contract_no: String,
    pub fund: String,
    pub start: NaiveDate,
    pub principal: Satang,
    pub rate: Option<AnnualRate>,
    pub periods: Option<u32>,
    pub figures: Figures,
    pub last_payment: Option<NaiveDate>,
    pub last_acknowledgment: Option<NaiveDate>,
    pub guarantors: Vec<GuarantorIn>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowIn {
    pub person: PersonIn,
    pub loan: Option<LoanIn>,
}

/// What one sheet row became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Parsed {
    Row(Box<RowIn>),
    Refused(String),
    /// A blank row or a totals row: reported, not imported.
    Skipped(String),
}

/// What happened to a row in the end (the status column of the returned workbook).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "reason", rename_all = "snake_case")]
pub enum Outcome {
    Imported,
    AlreadyThere,
    Refused(String),
    Skipped(String),
}

impl Outcome {
    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Imported => "นำเข้าแล้ว",
            Outcome::AlreadyThere => "มีอยู่แล้ว",
            Outcome::Refused(_) => "ไม่รับ",
            Outcome::Skipped(_) => "ข้าม",
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            Outcome::Refused(r) | Outcome::Skipped(r) => r,
            _ => "",
        }
    }
}

/// A sheet read with a mapping: every row after the header with what it became, and the
/// problems found once per column (an ambiguous date order, a totals row that does not add up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub header_row: usize,
    /// (zero-based row index in the sheet, what it became)
    pub rows: Vec<(usize, Parsed)>,
    pub column_problems: Vec<String>,
}

struct Columns<'a> {
    at: BTreeMap<Field, usize>,
    row: &'a [Cell],
}

impl Columns<'_> {
    fn cell(&self, f: Field) -> &Cell {
        self.at.get(&f).and_then(|i| self.row.get(*i)).unwrap_or(&Cell::Empty)
    }
    fn text(&self, f: Field) -> String {
        self.cell(f).plain()
    }
}

fn is_totals(row: &[Cell]) -> bool {
    row.iter().any(|c| match c {
        Cell::Text(t) => {
            let t = t.trim();
            t.starts_with("รวม") || t.starts_with("ยอดรวม") || t == "Total"
        }
        _ => false,
    })
}

fn amount(cell: &Cell, what: &str) -> Result<Option<Satang>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    let Some(value) = cell.decimal() else {
        return Err(format!("{what} \"{}\" ไม่ใช่จำนวนเงิน", cell.plain()));
    };
    if value.is_sign_negative() {
        return Err(format!("{what} ติดลบไม่ได้"));
    }
    if value.round_dp(2) != value {
        return Err(format!("{what} \"{}\" มีทศนิยมเกิน 2 ตำแหน่ง", cell.plain()));
    }
    Ok(Some(Satang::from_decimal(value)))
}

fn read_id(cell: &Cell, whose: &str) -> Result<Option<NationalId>, String> {
    let text: String = cell.plain().chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if text.is_empty() {
        return Ok(None);
    }
    NationalId::parse(&text).map(Some).map_err(|e| format!("{whose}: {e}"))
}

/// Excel drops the leading 0 of a phone typed as a number (812345678).
fn phone(cell: &Cell) -> Result<String, String> {
    let mut text = cell.plain();
    if matches!(cell, Cell::Number(_)) && (8..=9).contains(&text.len()) {
        text.insert(0, '0');
    }
    parse_phone(&text).map_err(|e| e.to_string())
}

/// The order of each mapped date column: the user's choice, else what its values decide.
fn date_orders(
    rows: &[&[Cell]],
    at: &BTreeMap<Field, usize>,
    mapping: &Mapping,
) -> (HashMap<Field, Order>, Vec<String>) {
    let mut orders = HashMap::new();
    let mut problems = Vec::new();
    for (field, col) in at.iter().filter(|(f, _)| f.is_date()) {
        if let Some(order) = mapping.date_orders.get(field) {
            orders.insert(*field, *order);
            continue;
        }
        let verdict = dates::decide(rows.iter().filter_map(|r| r.get(*col)));
        match verdict {
            Verdict::Decided(order) => {
                orders.insert(*field, order);
            }
            _ => problems.extend(verdict.problem(&mapping.columns[field])),
        }
    }
    (orders, problems)
}

/// Rates as percentages; a column of fractions (0.06: a cell formatted as %) is multiplied out.
fn rate_is_fraction(rows: &[&[Cell]], col: Option<usize>) -> bool {
    let Some(col) = col else { return false };
    let values: Vec<Decimal> = rows.iter().filter_map(|r| r.get(col)?.decimal()).collect();
    !values.is_empty()
        && values.iter().all(|v| *v <= Decimal::ONE)
        && values.iter().any(|v| !v.is_zero())
}

pub fn parse(rows: &[Vec<Cell>], mapping: &Mapping) -> Result<Sheet, String> {
    let headers: Vec<String> = rows
        .get(mapping.header_row)
        .map(|r| r.iter().map(Cell::plain).collect())
        .unwrap_or_default();
    let at = mapping.resolve(&headers)?;
    if !at.contains_key(&Field::FullName) && !at.contains_key(&Field::FirstName) {
        return Err("ต้องมีคอลัมน์ชื่อ (ชื่อ-สกุล หรือ ชื่อ)".into());
    }
    let body: Vec<(usize, &[Cell])> = rows
        .iter()
        .enumerate()
        .skip(mapping.header_row + 1)
        .map(|(i, r)| (i, r.as_slice()))
        .collect();
    let data: Vec<&[Cell]> = body
        .iter()
        .map(|(_, r)| *r)
        .filter(|r| !r.iter().all(Cell::is_empty) && !is_totals(r))
        .collect();
    let (orders, mut problems) = date_orders(&data, &at, mapping);
    let fraction = rate_is_fraction(&data, at.get(&Field::Rate).copied());

    let mut out = Vec::with_capacity(body.len());
    for (i, row) in &body {
        let parsed = if row.iter().all(Cell::is_empty) {
            Parsed::Skipped("แถวว่าง".into())
        } else if is_totals(row) {
            Parsed::Skipped("แถวยอดรวม".into())
        } else {
            let c = Columns { at: at.clone(), row };
            match read_row(&c, &orders, fraction, mapping) {
                Ok(r) => Parsed::Row(Box::new(r)),
                Err(reason) => Parsed::Refused(reason),
            }
        };
        out.push((*i, parsed));
    }
    check_within_file(&mut out);
    problems.extend(check_totals(&body, &at, mapping));
    Ok(Sheet { header_row: mapping.header_row, rows: out, column_problems: problems })
}

fn date(
    c: &Columns,
    f: Field,
    orders: &HashMap<Field, Order>,
    mapping: &Mapping,
) -> Result<Option<NaiveDate>, String> {
    let cell = c.cell(f);
    if cell.is_empty() {
        return Ok(None);
    }
    let Some(order) = orders.get(&f) else {
        return Err(format!(
            "{}: รูปแบบวันที่ของคอลัมน์ \"{}\" ยังไม่ได้ระบุ (วัน/เดือน หรือ เดือน/วัน)",
            f, mapping.columns[&f]
        ));
    };
    dates::read(cell, *order).map_err(|e| format!("{f}: {e}"))
}

fn person_name(c: &Columns) -> Result<NameIn, String> {
    let full = c.text(Field::FullName);
    if !full.is_empty() {
        return name::split(&full).map(NameIn::from);
    }
    let first = c.text(Field::FirstName);
    if first.is_empty() {
        return Err("ไม่มีชื่อสมาชิก".into());
    }
    let title = c.text(Field::Title);
    let (title, first) = if title.is_empty() {
        let (t, rest) = name::split_title(&first);
        (t, rest.to_string())
    } else {
        (title, first)
    };
    Ok(NameIn { title, first, last: c.text(Field::LastName) })
}

fn read_row(
    c: &Columns,
    orders: &HashMap<Field, Order>,
    fraction: bool,
    mapping: &Mapping,
) -> Result<RowIn, String> {
    let contract_no = c.text(Field::ContractNo);
    let name = person_name(c).map_err(|e| {
        if contract_no.is_empty() {
            e
        } else {
            format!("สัญญาไม่มีผู้กู้ ({e})")
        }
    })?;
    let national_id = read_id(c.cell(Field::NationalId), "เลขบัตรประชาชน")?;
    let house = c.text(Field::HouseNo);
    let house_no = if house.is_empty() {
        String::new()
    } else {
        parse_house_no(&house).map_err(|e| e.to_string())?
    };
    let village_text = c
        .text(Field::Village)
        .trim_start_matches("หมู่ที่")
        .trim_start_matches("หมู่")
        .trim()
        .to_string();
    let village = if village_text.is_empty() {
        None
    } else {
        Some(parse_village(&village_text).map_err(|e| e.to_string())?)
    };
    let person = PersonIn {
        name,
        national_id,
        phone: phone(c.cell(Field::Phone))?,
        house_no,
        village,
        subdistrict: c.text(Field::Subdistrict),
        district: c.text(Field::District),
        province: c.text(Field::Province),
    };
    let principal = amount(c.cell(Field::Principal), "เงินกู้")?;
    if contract_no.is_empty() && principal.is_none() {
        return Ok(RowIn { person, loan: None });
    }
    if contract_no.is_empty() {
        return Err("มีเงินกู้แต่ไม่มีเลขที่สัญญา".into());
    }
    let Some(principal) = principal.filter(|p| p.is_positive()) else {
        return Err("ไม่มีจำนวนเงินกู้".into());
    };
    let Some(start) = date(c, Field::StartDate, orders, mapping)? else {
        return Err("ไม่มีวันที่กู้".into());
    };
    let rate = match c.cell(Field::Rate).decimal() {
        None if c.cell(Field::Rate).is_empty() => None,
        None => return Err(format!("อัตราดอกเบี้ย \"{}\" ไม่ใช่ตัวเลข", c.text(Field::Rate))),
        Some(v) => {
            let percent = if fraction { v * Decimal::ONE_HUNDRED } else { v };
            Some(AnnualRate::parse(&percent.normalize().to_string()).map_err(|e| e.to_string())?)
        }
    };
    let periods = match c.cell(Field::Periods).decimal() {
        None if c.cell(Field::Periods).is_empty() => None,
        Some(v) if v.fract().is_zero() && v > Decimal::ZERO && v < Decimal::from(1000) => {
            Some(u32::try_from(v.trunc().mantissa()).unwrap_or(0))
        }
        _ => return Err(format!("จำนวนงวด \"{}\" ไม่ถูกต้อง", c.text(Field::Periods))),
    };
    let installments_paid = match c.cell(Field::InstallmentsPaid).decimal() {
        None if c.cell(Field::InstallmentsPaid).is_empty() => None,
        Some(v) if v.fract().is_zero() && v >= Decimal::ZERO => {
            u32::try_from(v.trunc().mantissa()).ok()
        }
        _ => return Err(format!("งวดที่ชำระแล้ว \"{}\" ไม่ถูกต้อง", c.text(Field::InstallmentsPaid))),
    };
    let Some(principal_owed) = amount(c.cell(Field::PrincipalOwed), "เงินต้นคงเหลือ")?
    else {
        return Err("ไม่มีเงินต้นคงเหลือ ณ วันยกยอด".into());
    };
    let figures = Figures {
        principal_owed,
        installments_paid,
        interest_owed: amount(c.cell(Field::InterestOwed), "ดอกเบี้ยค้าง")?,
        arrears: amount(c.cell(Field::Arrears), "ยอดค้างชำระ")?,
        default_interest: amount(c.cell(Field::DefaultInterest), "ดอกเบี้ยผิดนัด")?,
    };
    let mut guarantors = Vec::new();
    for (nf, idf) in
        [(Field::Guarantor1, Field::Guarantor1Id), (Field::Guarantor2, Field::Guarantor2Id)]
    {
        let text = c.text(nf);
        let id = read_id(c.cell(idf), "เลขบัตรผู้ค้ำประกัน")?;
        if text.is_empty() {
            if id.is_some() {
                return Err("มีเลขบัตรผู้ค้ำประกันแต่ไม่มีชื่อ".into());
            }
            continue;
        }
        if id.is_some() && id == person.national_id {
            return Err("ผู้กู้ค้ำประกันตนเองไม่ได้".into());
        }
        guarantors.push(GuarantorIn { name: name::split(&text)?.into(), national_id: id });
    }
    let loan = LoanIn {
        contract_no,
        fund: c.text(Field::Fund),
        start,
        principal,
        rate,
        periods,
        figures,
        last_payment: date(c, Field::LastPayment, orders, mapping)?,
        last_acknowledgment: date(c, Field::LastAcknowledgment, orders, mapping)?,
        guarantors,
    };
    Ok(RowIn { person, loan: Some(loan) })
}

/// The same member twice with different names, or the same contract twice, refuses the later row.
fn check_within_file(rows: &mut [(usize, Parsed)]) {
    let mut ids: HashMap<NationalId, (usize, String)> = HashMap::new();
    let mut contracts: HashMap<String, usize> = HashMap::new();
    for (i, parsed) in rows.iter_mut() {
        let Parsed::Row(r) = parsed else { continue };
        let mut refuse = None;
        if let Some(id) = r.person.national_id {
            let name = r.person.name.full();
            match ids.get(&id) {
                Some((first, other)) if *other != name => {
                    refuse = Some(format!(
                        "สมาชิกซ้ำ: เลขบัตรประชาชนเดียวกับแถว {} ({other}) แต่ชื่อต่างกัน",
                        first + 1
                    ));
                }
                Some(_) => {}
                None => {
                    ids.insert(id, (*i, name));
                }
            }
        }
        if let Some(loan) = &r.loan {
            match contracts.get(&loan.contract_no) {
                Some(first) => {
                    refuse = Some(format!("เลขที่สัญญา {} ซ้ำกับแถว {}", loan.contract_no, first + 1))
                }
                None => {
                    contracts.insert(loan.contract_no.clone(), *i);
                }
            }
        }
        if let Some(reason) = refuse {
            *parsed = Parsed::Refused(reason);
        }
    }
}

/// A totals row's amounts must be the sums of the rows above it, or the book does not add up.
fn check_totals(
    body: &[(usize, &[Cell])],
    at: &BTreeMap<Field, usize>,
    mapping: &Mapping,
) -> Vec<String> {
    let mut problems = Vec::new();
    for field in [Field::Principal, Field::PrincipalOwed, Field::InterestOwed, Field::Arrears] {
        let Some(col) = at.get(&field) else { continue };
        let mut sum = Decimal::ZERO;
        for (i, row) in body {
            let value = row.get(*col).and_then(Cell::decimal);
            if is_totals(row) {
                if let Some(total) = value
                    && total != sum
                {
                    problems.push(format!(
                        "แถว {} (ยอดรวม): คอลัมน์ \"{}\" รวมได้ {} แต่ในแฟ้มเขียนไว้ {}",
                        i + 1,
                        mapping.columns[&field],
                        Satang::from_decimal(sum),
                        Satang::from_decimal(total)
                    ));
                }
                sum = Decimal::ZERO;
            } else {
                sum += value.unwrap_or_default();
            }
        }
    }
    problems
}

#[cfg(test)]
#[path = "rows_tests.rs"]
mod tests;
