//! `plodnee letter`, `letters`, `invoice`, `receipt`, `labels` and `register`: collection letters
//! and invoices one at a time or in batches (registered, one PDF or one file each), reprints
//! marked สำเนา, receipts, address labels, and the letter register.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::output::{Align, print_json, table};
use super::schedule::parse_date;
use super::{CliResult, Failure, open_store};
use crate::clock;
use crate::document::issue::{self, BatchRequest, Filter, IssuedLetter, Output, Request};
use crate::domain::backup_due::Event;
use crate::domain::letter::Kind;
use crate::domain::thai::date::format_short;
use crate::store::backup::auto;
use crate::store::{Actor, Store, letters, loans};

const KINDS: &str = "reminder, demand, demand2, guarantor, invoice";

#[derive(Debug, Args)]
pub struct LetterArgs {
    /// ประเภทหนังสือ: reminder | demand | demand2 | guarantor | invoice
    pub kind: Option<String>,
    /// เลขที่สัญญา (สัญญาเงินกู้หรือสัญญารวมหนี้)
    #[arg(long)]
    pub loan: Option<String>,
    /// พิมพ์หนังสือที่ออกแล้วซ้ำเป็นสำเนา (เลขที่หนังสือเดิม)
    #[arg(long, conflicts_with_all = ["kind", "loan"])]
    pub reprint: Option<String>,
    #[command(flatten)]
    pub when: When,
    /// ดูตัวอย่างโดยไม่ออกเลขและไม่ลงทะเบียน
    #[arg(long)]
    pub preview: bool,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
    #[arg(long)]
    pub json: bool,
}

/// The letter's date (amounts as of it) and the days given to pay.
#[derive(Debug, Args)]
pub struct When {
    /// วันที่ของหนังสือ (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub date: Option<String>,
    /// ให้ชำระภายในกี่วันนับจากวันที่ของหนังสือ
    #[arg(long)]
    pub pay_within: Option<u64>,
}

#[derive(Debug, Args)]
pub struct LettersArgs {
    /// ประเภทหนังสือ: reminder | demand | demand2 | guarantor | invoice
    pub kind: String,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub when: When,
    /// รวมทุกฉบับในไฟล์ PDF เดียว
    #[arg(
        long,
        value_name = "FILE.pdf",
        required_unless_present = "out_dir",
        conflicts_with = "out_dir"
    )]
    pub out: Option<PathBuf>,
    /// แยกไฟล์ละหนึ่งฉบับในโฟลเดอร์นี้
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct Select {
    /// เฉพาะสัญญาที่ค้างชำระอย่างน้อยกี่วัน
    #[arg(long, default_value_t = 0)]
    pub min_dpd: i64,
    /// เฉพาะหมู่ที่
    #[arg(long)]
    pub village: Option<u8>,
}

#[derive(Debug, Args)]
pub struct InvoiceArgs {
    /// เลขที่สัญญา (ไม่ระบุ: ออกใบแจ้งหนี้ทุกสัญญาที่มียอดถึงกำหนดตามเงื่อนไข)
    #[arg(long)]
    pub loan: Option<String>,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub when: When,
    #[arg(
        long,
        value_name = "FILE.pdf",
        required_unless_present = "out_dir",
        conflicts_with = "out_dir"
    )]
    pub out: Option<PathBuf>,
    #[arg(long, value_name = "DIR", conflicts_with = "loan")]
    pub out_dir: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// เลขที่ใบเสร็จ เช่น 2568/000123
    pub receipt_no: String,
    /// พิมพ์เป็นสำเนา
    #[arg(long)]
    pub copy: bool,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct LabelsArgs {
    /// ผู้รับตามประเภทหนังสือ (guarantor: ผู้ค้ำประกัน อื่น ๆ: ผู้กู้)
    #[arg(long, default_value = "reminder")]
    pub kind: String,
    #[command(flatten)]
    pub select: Select,
    /// วันที่ใช้คำนวณยอดค้าง (ค่าเริ่มต้น: วันนี้)
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RegisterArgs {
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long)]
    pub json: bool,
}

pub(super) fn parse_kind(text: &str) -> Result<Kind, Failure> {
    Kind::from_code(text.trim())
        .filter(|k| Kind::COLLECTION.contains(k))
        .ok_or_else(|| Failure::arg("KIND", format!("ไม่รู้จักประเภทหนังสือ \"{text}\" (ใช้ได้: {KINDS})")))
}

pub(super) fn request(kind: Kind, when: &When) -> Result<Request, Failure> {
    let as_of = match &when.date {
        Some(d) => parse_date("--date", d)?,
        None => clock::today(),
    };
    let mut req = Request::new(kind, as_of);
    if let Some(days) = when.pay_within {
        if !(1..=365).contains(&days) {
            return Err(Failure::arg("--pay-within", "ต้องเป็นจำนวนวัน 1–365"));
        }
        req.pay_within_days = days;
    }
    Ok(req)
}

pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), crate::store::StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    Ok(std::fs::write(path, bytes)?)
}

fn warn_all(warnings: &[String]) {
    for w in warnings {
        eprintln!("คำเตือน: {w}");
    }
}

pub(crate) fn print_issued(list: &[IssuedLetter], json: bool) -> CliResult {
    if json {
        return print_json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|l| {
            vec![l.number.clone(), l.contract_no.clone(), l.recipient.clone(), l.total.to_string()]
        })
        .collect();
    crate::say!(
        "{}",
        table(
            &["เลขที่หนังสือ", "สัญญา", "ผู้รับ", "ยอดที่แจ้ง"],
            &[Align::Left, Align::Left, Align::Left, Align::Right],
            &rows
        )
    );
    Ok(())
}

pub fn letter(data_dir: Option<&Path>, a: &LetterArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    if let Some(number) = &a.reprint {
        let pdf = store.write(|tx| Ok(issue::reprint(tx, &Actor::system(), number)?))?;
        write_file(&a.out, &pdf)?;
        crate::say!("พิมพ์สำเนาหนังสือเลขที่ {} แล้ว: {}", number.trim(), a.out.display());
        return Ok(());
    }
    let kind = parse_kind(a.kind.as_deref().unwrap_or_default())?;
    let contract = a.loan.as_deref().ok_or_else(|| Failure::arg("--loan", "กรุณาระบุเลขที่สัญญา"))?;
    one(&store, kind, contract, &a.when, &a.out, a.preview, a.json)
}

fn loan_id(store: &Store, contract: &str) -> Result<i64, Failure> {
    store
        .with(|c| match crate::store::consolidations::by_contract(c, contract) {
            Ok(rec) => crate::store::consolidations::tranches(c, rec.id)?
                .first()
                .map(|t| t.id)
                .ok_or_else(|| crate::store::StoreError::not_found(format!("สัญญา {contract}"))),
            Err(_) => Ok(loans::by_contract(c, contract)?.id),
        })
        .map_err(Failure::from)
}

fn one(
    store: &Store,
    kind: Kind,
    contract: &str,
    when: &When,
    out: &Path,
    preview: bool,
    json: bool,
) -> CliResult {
    let req = request(kind, when)?;
    let id = loan_id(store, contract)?;
    if preview {
        let pdf = store.with(|c| Ok(issue::preview(c, &req, id)?))?;
        write_file(out, &pdf)?;
        crate::say!("ตัวอย่าง{} (ยังไม่ออกเลข): {}", kind, out.display());
        return Ok(());
    }
    let issued = store.write(|tx| {
        let issued = issue::issue(tx, &Actor::system(), &req, id)?;
        // Written inside the transaction: a file that cannot be written registers nothing.
        write_file(out, &issued.pdf)?;
        Ok(issued)
    })?;
    warn_all(&issued.warnings);
    print_issued(&issued.letters, json)
}

pub fn letters(data_dir: Option<&Path>, a: &LettersArgs) -> CliResult {
    let kind = parse_kind(&a.kind)?;
    let output = Target::of(a.out.as_deref(), a.out_dir.as_deref());
    run_batch(data_dir, kind, &a.select, &a.when, output, a.json)
}

pub fn invoice(data_dir: Option<&Path>, a: &InvoiceArgs) -> CliResult {
    if let (Some(contract), Some(out)) = (&a.loan, &a.out) {
        let (store, _) = open_store(data_dir)?;
        return one(&store, Kind::Invoice, contract, &a.when, out, false, a.json);
    }
    let output = Target::of(a.out.as_deref(), a.out_dir.as_deref());
    run_batch(data_dir, Kind::Invoice, &a.select, &a.when, output, a.json)
}

enum Target<'a> {
    File(&'a Path),
    Dir(&'a Path),
}

impl<'a> Target<'a> {
    fn of(out: Option<&'a Path>, dir: Option<&'a Path>) -> Target<'a> {
        match (out, dir) {
            (_, Some(d)) => Target::Dir(d),
            (Some(f), None) => Target::File(f),
            (None, None) => Target::File(Path::new("letters.pdf")),
        }
    }
}

#[derive(Serialize)]
struct BatchJson<'a> {
    letters: &'a [IssuedLetter],
    skipped: usize,
    /// Contracts held back by the institute's thresholds, one Thai line per reason.
    held: Vec<String>,
    warnings: &'a [String],
    seconds: f64,
}

fn run_batch(
    data_dir: Option<&Path>,
    kind: Kind,
    select: &Select,
    when: &When,
    target: Target<'_>,
    json: bool,
) -> CliResult {
    if select.min_dpd < 0 {
        return Err(Failure::arg("--min-dpd", "ต้องไม่ติดลบ"));
    }
    let (store, _) = open_store(data_dir)?;
    let b = BatchRequest {
        request: request(kind, when)?,
        filter: Filter { min_dpd: select.min_dpd, village: select.village, fund: None },
        output: match target {
            Target::File(_) => Output::OneFile,
            Target::Dir(_) => Output::PerLetter,
        },
    };
    let started = Instant::now();
    let mut shown = 0;
    let mut progress = |p: issue::Progress| {
        // Every tenth of the way, and the end: enough to see it move without flooding stderr.
        let step = (p.total / 10).max(1);
        if p.done == p.total || p.done >= shown + step {
            shown = p.done;
            eprintln!("[{:.1} วินาที] {}/{} สัญญา", started.elapsed().as_secs_f64(), p.done, p.total);
        }
    };
    let cancel = AtomicBool::new(false);
    let (mut out, backup_warning) = auto::write_after(&store, Event::BeforeLetters, |tx| {
        let out = issue::batch(tx, &Actor::system(), &b, &mut progress, &cancel)?;
        for f in &out.files {
            match target {
                Target::File(path) => write_file(path, &f.pdf)?,
                Target::Dir(dir) => write_file(&dir.join(&f.name), &f.pdf)?,
            }
        }
        Ok(out)
    })?;
    out.warnings.extend(backup_warning);
    warn_all(&out.warnings);
    // Files below the tolerance or the letter minimum stay in the register of arrears; say how
    // many were held back and why, so the officer is not left wondering.
    let held = issue::skip_lines(&out.skips, &out.thresholds, kind);
    for line in &held {
        eprintln!("ไม่ออกหนังสือ: {line}");
    }
    if json {
        return print_json(&BatchJson {
            letters: &out.letters,
            skipped: out.skipped,
            held,
            warnings: &out.warnings,
            seconds: started.elapsed().as_secs_f64(),
        });
    }
    if out.letters.is_empty() {
        crate::say!("ไม่มีสัญญาที่ต้องออก{}ตามเงื่อนไขที่เลือก", kind);
        return Ok(());
    }
    let place = match target {
        Target::File(p) | Target::Dir(p) => p.display().to_string(),
    };
    crate::say!(
        "ออก{} {} ฉบับ (เลขที่ {} ถึง {}) ใน {:.1} วินาที: {}",
        kind,
        out.letters.len(),
        out.letters.first().map(|l| l.number.as_str()).unwrap_or_default(),
        out.letters.last().map(|l| l.number.as_str()).unwrap_or_default(),
        started.elapsed().as_secs_f64(),
        place
    );
    Ok(())
}

pub fn receipt(data_dir: Option<&Path>, a: &ReceiptArgs) -> CliResult {
    let (store, _) = open_store(data_dir)?;
    let pdf = store.with(|c| Ok(issue::receipt(c, &a.receipt_no, a.copy)?))?;
    write_file(&a.out, &pdf)?;
    crate::say!("ใบเสร็จรับเงินเลขที่ {}: {}", a.receipt_no.trim(), a.out.display());
    Ok(())
}

pub fn labels(data_dir: Option<&Path>, a: &LabelsArgs) -> CliResult {
    let kind = parse_kind(&a.kind).map_err(|e| Failure::arg("--kind", e.message))?;
    let as_of = match &a.date {
        Some(d) => parse_date("--date", d)?,
        None => clock::today(),
    };
    let (store, _) = open_store(data_dir)?;
    let filter = Filter { min_dpd: a.select.min_dpd.max(0), village: a.select.village, fund: None };
    let pdf = store.with(|c| Ok(issue::labels(c, &Request::new(kind, as_of), &filter)?))?;
    write_file(&a.out, &pdf)?;
    crate::say!("ป้ายชื่อที่อยู่: {}", a.out.display());
    Ok(())
}

pub fn register(data_dir: Option<&Path>, a: &RegisterArgs) -> CliResult {
    let today = clock::today();
    let from = match &a.from {
        Some(d) => parse_date("--from", d)?,
        None => NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today),
    };
    let to = match &a.to {
        Some(d) => parse_date("--to", d)?,
        None => today,
    };
    let (store, _) = open_store(data_dir)?;
    let list = store.with(|c| letters::between(c, from, to))?;
    if a.json {
        return print_json(&list);
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|l| {
            let kind = Kind::from_code(&l.kind).map(|k| k.to_string()).unwrap_or(l.kind.clone());
            vec![
                l.number.clone(),
                format_short(l.issued_on),
                kind,
                l.recipient_name.clone(),
                l.total.to_string(),
                format!("{} {}", l.pdf_scope, l.pdf_pages),
                l.pdf_sha256.chars().take(12).collect(),
            ]
        })
        .collect();
    crate::say!(
        "{}",
        table(
            &["เลขที่", "วันที่", "ประเภท", "ผู้รับ", "ยอดที่แจ้ง", "ไฟล์ (หน้า)", "SHA-256"],
            &[
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Left,
                Align::Left
            ],
            &rows
        )
    );
    Ok(())
}
