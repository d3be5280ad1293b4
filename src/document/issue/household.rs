//! Reading the documents of 1 ครัวเรือน 1 สัญญา from the database: the consolidated contract of an
//! approved consolidation, the village-assembly list and a member's certification form. Each
//! returns the document's content; [`super::docs::issue`] numbers, renders and registers it.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::docs::{Entry, formal_document, opening};
use super::gather::{self, Office};
use super::{IssueError, Result};
use crate::document::PdfBuilder;
use crate::document::kinds;
use crate::document::kinds::assembly::{AssemblyDoc, AssemblyHousehold, OldLoan};
use crate::document::kinds::certification::{CertificationDoc, Guaranteed, OwnLoan};
use crate::document::kinds::contract::{ContractDoc, Party, ScheduleRow, SourceRow, TrancheRow};
use crate::document::kinds::formal::Heading;
use crate::domain::consolidation::{self, RatePolicy};
use crate::domain::letter::Kind;
use crate::domain::letter::facts::AmountRow;
use crate::domain::thai::date::format_long;
use crate::store::{consolidations, loans, persons};

pub(crate) fn heading(office: &Office, kind: Kind, date: NaiveDate) -> Heading {
    Heading { head: office.head.clone(), title: kind.to_string(), number: String::new(), date }
}

pub(crate) fn party(
    conn: &Connection,
    person_id: i64,
    consent_on: Option<NaiveDate>,
) -> Result<Party> {
    let p = persons::get(conn, person_id)?;
    Ok(Party {
        name: p.full_name(),
        national_id: p.national_id.map(|n| n.formatted()).unwrap_or_else(|| "-".into()),
        address: p.address.lines().join(" "),
        consent_on,
    })
}

/// The contract of an approved consolidation, dated `date`.
pub fn contract(conn: &Connection, consolidation_id: i64, date: NaiveDate) -> Result<ContractDoc> {
    let rec = consolidations::get(conn, consolidation_id)?;
    let (Some(contract_no), "approved") = (rec.contract_no.clone(), rec.status.as_str()) else {
        return Err(IssueError::Refused(
            "การรวมหนี้นี้ยังไม่ได้รับอนุมัติ (หรือถูกยกเลิกแล้ว) จึงพิมพ์สัญญารวมหนี้ไม่ได้".into(),
        ));
    };
    let built = consolidation::build(&rec.proposal)
        .map_err(|e| IssueError::Refused(format!("คำนวณสัญญารวมหนี้ไม่ได้: {e}")))?;
    let office = gather::office(conn)?;
    let borrower = party(conn, rec.borrower_id, None)?;
    let (mut co_borrowers, mut guarantors) = (Vec::new(), Vec::new());
    let mut stmt = conn.prepare(
        "SELECT person_id, role, consent_on FROM consolidation_party WHERE consolidation_id = ?1 ORDER BY role, person_id",
    )?;
    let rows = stmt.query_map([consolidation_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<NaiveDate>>(2)?))
    })?;
    for row in rows {
        let (person, role, on) = row?;
        if role == "guarantor" {
            guarantors.push(party(conn, person, on)?);
        } else {
            co_borrowers.push(party(conn, person, None)?);
        }
    }
    let mut sources = Vec::new();
    for l in &rec.proposal.loans {
        let w = rec.proposal.waivers.get(&l.loan_id).copied().unwrap_or_default();
        sources.push(SourceRow {
            contract_no: l.contract_no.clone(),
            fund: l.fund_name.clone(),
            borrower: persons::get(conn, l.borrower_id)?.full_name(),
            principal: l.principal,
            interest: l.interest,
            penalties: l.default_interest + l.fees,
            waived: w.total(),
        });
    }
    let rate = built.headline_rate().to_string();
    let (policy, rate) = match rec.proposal.policy {
        RatePolicy::Unified { .. } => ("อัตราเดียวทั้งสัญญา".to_string(), rate),
        RatePolicy::Weighted => ("ถัวเฉลี่ยถ่วงน้ำหนักตามเงินต้นของสัญญาเดิม".to_string(), rate),
        RatePolicy::Tranches => (
            "คงอัตราของแต่ละกองทุนตามข้อ 2 (ไม่สามารถปรับดอกเบี้ยให้เท่ากันได้)".to_string(),
            format!("ถัวเฉลี่ย {rate}"),
        ),
    };
    let schedule = built
        .installments
        .iter()
        .enumerate()
        .map(|(k, h)| ScheduleRow {
            no: h.no,
            due: h.due_date,
            principal: h.principal,
            interest: h.interest,
            carried: h.carried,
            parts: built
                .tranches
                .iter()
                .map(|t| {
                    t.schedule.installments.get(k).map(|i| i.payment()).unwrap_or_default()
                        + t.carried_parts.get(k).copied().unwrap_or_default()
                })
                .collect(),
        })
        .collect();
    let resolution = format!(
        "ที่ประชุมคณะกรรมการ ที่ {} วันที่ {}",
        rec.resolution_no.clone().unwrap_or_default(),
        rec.resolution_on.map(format_long).unwrap_or_default()
    );
    let opening = opening(
        conn,
        Kind::ConsolidatedContract,
        &[
            ("ชื่อสถาบัน", office.head.name.clone()),
            ("ผู้กู้", borrower.name.clone()),
            ("ผู้รับ", borrower.name.clone()),
            ("เลขที่สัญญา", contract_no.clone()),
            ("ณวันที่", format_long(rec.as_of)),
        ],
    )?;
    Ok(ContractDoc {
        heading: heading(&office, Kind::ConsolidatedContract, date),
        contract_no,
        opening,
        borrower_id: rec.borrower_id,
        loan_id: consolidations::tranches(conn, consolidation_id)?.first().map(|t| t.id),
        borrower,
        co_borrowers,
        guarantors,
        sources,
        tranches: built
            .tranches
            .iter()
            .map(|t| TrancheRow {
                fund: t.fund_name.clone(),
                rate: t.rate.to_string(),
                principal: t.principal,
                carried: t.carried,
            })
            .collect(),
        policy,
        per_tranche: matches!(rec.proposal.policy, RatePolicy::Tranches),
        rate,
        method: rec.proposal.method.to_string(),
        frequency: rec.proposal.frequency.to_string(),
        schedule,
        resolution,
        signer: office.chair.clone(),
    })
}

/// The consolidation a contract number names: the contract itself (`รวม.1/2568`) or one of its
/// tranches (`รวม.1/2568-กทบ.`).
pub fn consolidation_of(conn: &Connection, contract_no: &str) -> Result<i64> {
    if let Ok(rec) = consolidations::by_contract(conn, contract_no) {
        return Ok(rec.id);
    }
    let loan = loans::by_contract(conn, contract_no)?;
    loan.tranche_of
        .ok_or_else(|| IssueError::Refused(format!("สัญญา {} ไม่ใช่สัญญารวมหนี้", loan.contract_no)))
}

formal_document!(ContractDoc, Kind::ConsolidatedContract, kinds::contract::write, contract_entry);

fn contract_entry(d: &ContractDoc) -> Entry {
    Entry {
        loan_id: d.loan_id,
        person_id: Some(d.borrower_id),
        recipient_name: d.borrower.name.clone(),
        recipient_address: d.borrower.address.clone(),
        contract_no: d.contract_no.clone(),
        amounts: vec![
            AmountRow {
                label: "เงินต้นตามสัญญารวมหนี้".into(), amount: d.new_principal()
            },
            AmountRow {
                label: "หนี้ค้างยกมา (ไม่คิดดอกเบี้ย)".into(), amount: d.carried()
            },
        ],
        total: d.new_principal() + d.carried(),
    }
}

/// The assembly list of the households of one village (or all) with a consolidation prepared
/// or approved on or before `as_of`.
pub fn assembly(conn: &Connection, village: Option<u8>, as_of: NaiveDate) -> Result<AssemblyDoc> {
    let office = gather::office(conn)?;
    let ids: Vec<i64> = conn
        .prepare(
            "SELECT c.id FROM consolidation c JOIN household h ON h.id = c.household_id
             WHERE c.kind = 'consolidate' AND c.status IN ('draft', 'approved') AND c.as_of <= ?1
               AND (?2 IS NULL OR h.village_no = ?2)
             ORDER BY h.village_no, h.id, c.id",
        )?
        .query_map(params![as_of, village], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut households = Vec::new();
    for id in ids {
        let rec = consolidations::get(conn, id)?;
        let built = consolidation::build(&rec.proposal)
            .map_err(|e| IssueError::Refused(format!("คำนวณการรวมหนี้ไม่ได้: {e}")))?;
        let mut old = Vec::new();
        for l in &rec.proposal.loans {
            let p = persons::get(conn, l.borrower_id)?;
            old.push(OldLoan {
                member: p.full_name(),
                masked_id: p.masked_id(),
                fund: l.fund_name.clone(),
                contract_no: l.contract_no.clone(),
                outstanding: l.total(),
            });
        }
        let h = crate::store::households::get(conn, rec.household_id)?;
        households.push(AssemblyHousehold {
            house: format!("{} หมู่ {}", h.address.house_no, h.address.village_no),
            loans: old,
            new_contract: rec.contract_no.clone().unwrap_or_else(|| "ร่าง (รอมติ)".into()),
            new_total: built.new_principal() + built.carried(),
        });
    }
    if households.is_empty() {
        return Err(IssueError::Refused("ไม่มีครัวเรือนที่จัดทำการรวมหนี้ตามเงื่อนไขที่เลือก".into()));
    }
    let opening = opening(
        conn,
        Kind::AssemblyList,
        &[("ชื่อสถาบัน", office.head.name.clone()), ("ณวันที่", format_long(as_of))],
    )?;
    Ok(AssemblyDoc {
        heading: heading(&office, Kind::AssemblyList, as_of),
        scope: village.map(|v| format!("หมู่ที่ {v}")).unwrap_or_else(|| "ทุกหมู่บ้าน".into()),
        as_of,
        opening,
        households,
        signer: office.chair.clone(),
    })
}

formal_document!(AssemblyDoc, Kind::AssemblyList, kinds::assembly::write, assembly_entry);

fn assembly_entry(d: &AssemblyDoc) -> Entry {
    Entry {
        recipient_name: format!("เวทีประชาคม{}", d.scope),
        amounts: vec![AmountRow {
            label: "ยอดหนี้เดิม".into(), amount: d.old_total()
        }],
        total: d.new_total(),
        ..Entry::default()
    }
}

/// A member's certification form: their open loans as borrower and the open loans they
/// guarantee, as of `as_of`.
pub fn certification(
    conn: &Connection,
    person_id: i64,
    as_of: NaiveDate,
) -> Result<CertificationDoc> {
    let office = gather::office(conn)?;
    let p = persons::get(conn, person_id)?;
    let mut own = Vec::new();
    for l in loans::of_borrower(conn, person_id)?.into_iter().filter(|l| l.status.is_open()) {
        let st = loans::statement(conn, &l, as_of.max(l.start))?;
        own.push(OwnLoan {
            contract_no: l.contract_no.clone(),
            fund: l.fund_name.clone(),
            principal: st.outstanding_principal,
            interest: st.interest_due + st.accrued_interest,
            penalties: st.default_interest + st.fees_due,
        });
    }
    let mut guarantees = Vec::new();
    for l in loans::guaranteed_by(conn, person_id)?.into_iter().filter(|l| l.status.is_open()) {
        let st = loans::statement(conn, &l, as_of.max(l.start))?;
        guarantees.push(Guaranteed {
            contract_no: l.contract_no.clone(),
            fund: l.fund_name.clone(),
            borrower: l.borrower_name.clone(),
            outstanding: st.outstanding_principal
                + st.interest_due
                + st.accrued_interest
                + st.default_interest
                + st.fees_due,
        });
    }
    let opening = opening(
        conn,
        Kind::MemberCertification,
        &[
            ("ชื่อสถาบัน", office.head.name.clone()),
            ("ผู้กู้", p.full_name()),
            ("ผู้รับ", p.full_name()),
            ("ณวันที่", format_long(as_of)),
        ],
    )?;
    Ok(CertificationDoc {
        heading: heading(&office, Kind::MemberCertification, as_of),
        person_id,
        as_of,
        member: p.full_name(),
        masked_id: p.masked_id(),
        address: p.address.lines().join(" "),
        opening,
        loans: own,
        guarantees,
    })
}

formal_document!(
    CertificationDoc,
    Kind::MemberCertification,
    kinds::certification::write,
    certification_entry
);

fn certification_entry(d: &CertificationDoc) -> Entry {
    Entry {
        person_id: Some(d.person_id),
        recipient_name: d.member.clone(),
        recipient_address: d.address.clone(),
        amounts: d
            .loans
            .iter()
            .map(|l| AmountRow { label: l.contract_no.clone(), amount: l.total() })
            .collect(),
        total: d.owed(),
        ..Entry::default()
    }
}

/// The per-fund statement of `fund_id` for a period as a PDF (a report for the committee, not a
/// letter sent out, so it takes no register number).
pub fn fund_statement(
    conn: &Connection,
    fund_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    printed_on: NaiveDate,
) -> Result<Vec<u8>> {
    let fs = crate::store::fund_statement::compute(conn, fund_id, from, to)?;
    let office = gather::office(conn)?;
    let mut pdf = PdfBuilder::new(super::fonts(), &format!("รายงานกองทุน {}", fs.fund_name));
    let o = kinds::fund_report::ReportOffice {
        head: &office.head,
        logo: office.logo.as_deref(),
        treasurer: &office.treasurer,
        chair: &office.chair,
        printed_on,
    };
    kinds::fund_report::write(&mut pdf, &fs, &o)?;
    Ok(pdf.finish()?)
}
