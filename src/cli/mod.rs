//! The command line: one module per subcommand. Errors reach the user in Thai on stderr with a
//! non-zero exit code; `--json` output is for scripts and tests.

pub mod approve;
pub mod audit;
pub mod backup;
pub mod campaign;
pub mod case;
pub mod check;
pub mod complaint;
pub mod complaint_attach;
pub mod consolidate;
pub mod contact;
pub mod demo;
pub mod documents;
pub mod import;
pub mod legal;
pub mod letter;
pub mod output;
pub mod payment;
pub mod personal_data;
pub mod plan;
pub mod privacy;
pub mod queue;
pub mod report;
pub mod schedule;
pub mod search;
pub mod sheet;
pub mod targets;
pub mod weekly;
pub mod writeoff;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::store::{self, Store};

#[derive(Debug, Parser)]
#[command(
    name = "plodnee",
    version,
    about = "ปลดหนี้: ทะเบียนลูกหนี้ รวมหนี้ และปรับโครงสร้างหนี้ของกองทุนชุมชน"
)]
pub struct Cli {
    /// โฟลเดอร์ข้อมูล (ค่าเริ่มต้น: โฟลเดอร์ข้อมูลของผู้ใช้ หรือ PLODNEE_DATA_DIR)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// คำนวณตารางผ่อนชำระ
    Schedule(schedule::ScheduleArgs),
    /// คำนวณรายการเดินบัญชี ดอกเบี้ยผิดนัด ยอดค้าง และยอดปิดบัญชี ณ วันที่กำหนด
    Statement(schedule::StatementArgs),
    /// ใส่ข้อมูลตัวอย่างลงในฐานข้อมูลว่าง
    Demo(demo::DemoArgs),
    /// นำเข้าทะเบียนสมาชิกและสัญญาเงินกู้จาก Excel หรือ CSV (ตรวจก่อนด้วย --dry-run) ยกเลิกชุด หรือสร้างแม่แบบ
    Import(import::ImportArgs),
    /// ค้นหาสมาชิกจากชื่อ เลขประจำตัวประชาชน เบอร์โทร บ้านเลขที่ หรือหมู่
    Search(search::SearchArgs),
    /// ตรวจความถูกต้องของฐานข้อมูลและกระทบยอดเงิน
    Check(check::CheckArgs),
    /// รวมหนี้ครัวเรือน (1 ครัวเรือน 1 สัญญา)
    #[command(subcommand)]
    Consolidate(consolidate::ConsolidateCommand),
    /// รายงานรายกองทุน: ยอดที่ได้รับและคงค้าง ทั้งโดยตรงและผ่านสัญญารวมหนี้
    FundStatement(consolidate::FundStatementArgs),
    /// แผนปรับโครงสร้างหนี้ ยึด ลด ปลด หมดหนี้
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// ตัดยอดเศษสตางค์ของสัญญาที่ชำระครบแล้วเหลือยอดต่ำกว่าเกณฑ์ (เสนอ อนุมัติ ไม่อนุมัติ)
    #[command(subcommand)]
    Writeoff(writeoff::WriteOffCommand),
    /// ออกหนังสือทวงถามหรือใบแจ้งหนี้หนึ่งสัญญา (ลงทะเบียนหนังสือส่ง) หรือพิมพ์สำเนา
    Letter(letter::LetterArgs),
    /// ออกหนังสือเป็นชุดตามเงื่อนไข (ไฟล์เดียวหรือแยกไฟล์)
    Letters(letter::LettersArgs),
    /// ออกใบแจ้งหนี้พร้อมคิวอาร์โค้ดพร้อมเพย์
    Invoice(letter::InvoiceArgs),
    /// พิมพ์ใบเสร็จรับเงิน
    Receipt(letter::ReceiptArgs),
    /// พิมพ์ป้ายชื่อที่อยู่ (ไม่มีข้อความเกี่ยวกับหนี้)
    Labels(letter::LabelsArgs),
    /// ทะเบียนหนังสือส่ง
    Register(letter::RegisterArgs),
    /// พิมพ์สัญญารวมหนี้ (ลงทะเบียนหนังสือส่ง)
    Contract(documents::ContractArgs),
    /// บัญชีรายชื่อเพื่อรับรองข้อมูลในเวทีประชาคม (เลขประจำตัวประชาชนแสดง 4 หลักท้าย)
    AssemblyList(documents::AssemblyArgs),
    /// แบบรับรองข้อมูลสมาชิก
    Certification(documents::CertificationArgs),
    /// หนังสือรับรองการชำระหนี้เสร็จสิ้น
    Certificate(documents::CertificateArgs),
    /// สำรองฐานข้อมูล (ตรวจไฟล์สำรองก่อนนับว่าใช้ได้) และคัดลอกไปโฟลเดอร์ที่สอง
    Backup(backup::BackupArgs),
    /// รายการไฟล์สำรอง พร้อมสถานะการตรวจ
    Backups(backup::BackupsArgs),
    /// กู้คืนฐานข้อมูลจากไฟล์สำรอง (ตรวจก่อน ฐานข้อมูลเดิมเก็บไว้)
    Restore(backup::RestoreArgs),
    /// บันทึกการใช้งาน (กรองตามวันที่ ผู้ใช้ การกระทำ) และ `audit verify` ตรวจห่วงโซ่บันทึก
    Audit(audit::AuditArgs),
    /// รับชำระและยกเลิกใบเสร็จจากคำสั่ง (สำหรับสคริปต์)
    #[command(subcommand)]
    Payment(payment::PaymentCommand),
    /// งานติดตามวันนี้: ใครต้องติดต่อ เพราะอะไร และต้องทำอะไร
    Queue(queue::QueueArgs),
    /// บันทึกการติดตาม (ตรวจเวลาและจำนวนครั้งตาม พ.ร.บ.การทวงถามหนี้)
    #[command(subcommand)]
    Contact(contact::ContactCommand),
    /// นัดชำระ
    #[command(subcommand)]
    Promises(contact::PromisesCommand),
    /// พักการติดตาม: งานติดตามและหนังสือเป็นชุดข้ามสัญญานี้ (อายุความยังนับต่อ)
    #[command(subcommand)]
    Hold(contact::HoldCommand),
    /// คำนวณชั้นสมาชิก (A–D) ใหม่จากประวัติการชำระ
    Grades(contact::GradesArgs),
    /// ร่อนตะแกรง: หนังสือพร้อมกำหนดเวลาถึงทั้งกลุ่ม แล้วส่งขั้นต่อไปเฉพาะรายที่ไม่ปฏิบัติ
    #[command(subcommand)]
    Campaign(campaign::CampaignCommand),
    /// ทะเบียนเหตุละเมิดข้อมูลส่วนบุคคล (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล มาตรา 37(4): แจ้ง สคส. ภายใน 72 ชั่วโมง)
    #[command(subcommand)]
    Breach(privacy::BreachCommand),
    /// สำเนาข้อมูลทั้งหมดที่เก็บเกี่ยวกับสมาชิกหนึ่งคน (คำขอของเจ้าของข้อมูล) เป็นไฟล์ JSON
    SubjectAccess(privacy::SubjectAccessArgs),
    /// ข้อมูลส่วนบุคคล: ลบข้อมูลระบุตัวตนเมื่อพ้นระยะเวลาเก็บรักษา
    #[command(subcommand)]
    Privacy(personal_data::PrivacyCommand),
    /// งานด้านกฎหมาย: กำหนดเวลาตามกฎหมาย (แจ้งเตือน) และหนังสือรับสภาพหนี้
    #[command(subcommand)]
    Legal(legal::LegalCommand),
    /// แฟ้มคดี: เปิดแฟ้ม ยื่นฟ้อง นัดศาล คำพิพากษา ประนีประนอมยอมความ บังคับคดี
    #[command(subcommand)]
    Case(case::CaseCommand),
    /// บอกเลิกสัญญา: จัดทำหนังสือ บันทึกวันที่ได้รับ อนุมัติ ยกเลิก
    #[command(subcommand)]
    Terminate(legal::TerminateCommand),
    /// เรื่องร้องเรียน: รับเรื่องและบันทึกขั้นตอน (ISO 10002)
    #[command(subcommand)]
    Complaint(complaint::ComplaintCommand),
    /// รายการเรื่องร้องเรียน (ชื่อผู้ร้องเรียนปกปิด) และ `complaints report`
    Complaints(complaint::ComplaintsArgs),
    /// รายงาน ณ วันที่ใดก็ได้: อายุหนี้และ PAR30/PAR90 แนวโน้ม 12 เดือน ภาพรวมสินเชื่อ
    Report(report::ReportArgs),
    /// ส่งออกรายการเป็น Excel หรือ CSV
    Export(report::ExportArgs),
    /// เป้าการเก็บเงินรายเดือน (สถาบัน กองทุน เจ้าหน้าที่ หมู่ ลูกหนี้ตามแผน) เทียบยอดที่เก็บได้ และตั้งเป้าเอง
    Targets(targets::TargetsArgs),
    /// ใบรับชำระรายกลุ่มของหัวหน้ากลุ่มหรือหมู่ (ยอดครบกำหนด ยอดค้าง และช่องว่างสำหรับกรอก)
    Sheet(sheet::SheetArgs),
}

/// A failed command: the Thai message and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: i32,
}

impl Failure {
    pub fn new(message: impl ToString) -> Failure {
        Failure { message: message.to_string(), code: 1 }
    }

    /// A bad option value: names the option so the user knows what to fix.
    pub fn arg(option: &str, message: impl std::fmt::Display) -> Failure {
        Failure { message: format!("{option}: {message}"), code: 2 }
    }
}

impl From<store::StoreError> for Failure {
    fn from(e: store::StoreError) -> Self {
        Failure::new(e)
    }
}

pub type CliResult = Result<(), Failure>;

pub fn open_store(data_dir: Option<&Path>) -> Result<(Store, PathBuf), Failure> {
    let dir = store::open::resolve_data_dir(data_dir)?;
    Ok((Store::open_in(&dir)?, dir))
}

/// Runs a subcommand (not the GUI).
pub fn run(cli: &Cli, command: &Command) -> CliResult {
    let dir = cli.data_dir.as_deref();
    match command {
        Command::Schedule(args) => schedule::run_schedule(args),
        Command::Statement(args) => schedule::run_statement(args),
        Command::Demo(args) => demo::run(dir, args),
        Command::Import(args) => import::run(dir, args),
        Command::Search(args) => search::run(dir, args),
        Command::Check(args) => check::run(dir, args),
        Command::Consolidate(c) => consolidate::run(dir, c),
        Command::FundStatement(args) => consolidate::fund_statement(dir, args),
        Command::Plan(c) => plan::run(dir, c),
        Command::Writeoff(c) => writeoff::run(dir, c),
        Command::Breach(c) => privacy::breach(dir, c),
        Command::SubjectAccess(a) => privacy::subject_access(dir, a),
        Command::Privacy(c) => personal_data::run(dir, c),
        Command::Letter(a) => letter::letter(dir, a),
        Command::Letters(a) => letter::letters(dir, a),
        Command::Invoice(a) => letter::invoice(dir, a),
        Command::Receipt(a) => letter::receipt(dir, a),
        Command::Labels(a) => letter::labels(dir, a),
        Command::Register(a) => letter::register(dir, a),
        Command::Contract(a) => documents::contract(dir, a),
        Command::AssemblyList(a) => documents::assembly(dir, a),
        Command::Certification(a) => documents::certification(dir, a),
        Command::Certificate(a) => documents::certificate(dir, a),
        Command::Backup(a) => backup::backup(dir, a),
        Command::Backups(a) => backup::backups(dir, a),
        Command::Restore(a) => backup::restore(dir, a),
        Command::Audit(a) => audit::run(dir, a),
        Command::Payment(c) => payment::run(dir, c),
        Command::Queue(a) => queue::run(dir, a),
        Command::Contact(c) => contact::run(dir, c),
        Command::Promises(c) => contact::promises(dir, c),
        Command::Campaign(c) => campaign::run(dir, c),
        Command::Hold(c) => contact::hold(dir, c),
        Command::Grades(a) => contact::grades(dir, a),
        Command::Legal(c) => legal::legal(dir, c),
        Command::Terminate(c) => legal::terminate(dir, c),
        Command::Case(c) => case::run(dir, c),
        Command::Complaint(c) => complaint::run(dir, c),
        Command::Complaints(a) => complaint::list(dir, a),
        Command::Report(a) => report::report(dir, a),
        Command::Export(a) => report::export(dir, a),
        Command::Targets(a) => targets::run(dir, a),
        Command::Sheet(a) => sheet::run(dir, a),
    }
}
