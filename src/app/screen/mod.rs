//! The screens, one module each (iced's "Scaling Applications" pattern): a struct, its own
//! `Message`, `update(&mut self, Message) -> Action` and `view`. What a screen wants from the app
//! (run a task, open another file, go back) it says with an [`Action`].

// One folder per area of the office's work, in the sidebar's order; a screen with a separate view
// is a folder of its own (`mod.rs` + `view.rs`), a screen in one file is that file.
pub mod home;
pub mod sign_in;

pub mod admin;
pub mod approvals;
pub mod collections;
pub mod complaints;
pub mod consolidation;
pub mod debtors;
pub mod legal;
pub mod letters;
pub mod plans;
pub mod reports;

use std::sync::Arc;

use chrono::NaiveDate;
use iced::Task;
use rusqlite::Connection;

use super::dialogs::FileDialogs;
use crate::domain::role::Permission;
use crate::store::users::User;
use crate::store::{self, Actor, Store, StoreError};

/// Where the officer can go; every file can be opened from anywhere with one of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Home,
    Find,
    Funds,
    Household(i64),
    Member(i64),
    Loan(i64),
    RecordPayment(i64),
    NewHousehold,
    NewMember {
        household_id: i64,
    },
    NewLoan {
        borrower_id: i64,
    },
    Letter {
        loan_id: i64,
    },
    LettersBatch,
    LetterRegister,
    Templates,
    Consolidate {
        household_id: i64,
    },
    Approvals,
    Plan {
        loan_id: i64,
    },
    PlansAtRisk,
    /// งานติดตามวันนี้.
    Queue,
    /// เป้าการเก็บเงิน.
    Targets,
    /// รายงานประจำสัปดาห์.
    WeeklyReport,
    /// ใบรับชำระรายกลุ่ม: print, then enter the returned sheet.
    CollectionSheet,
    /// แจ้งเตือนด้านกฎหมาย: every legal deadline ahead.
    LegalDeadlines,
    /// แฟ้มคดี of one loan.
    Case {
        loan_id: i64,
    },
    /// บันทึกการติดตาม about one loan.
    Contact {
        loan_id: i64,
    },
    FundStatement {
        fund_id: i64,
    },
    Users,
    Backups,
    /// นำเข้าข้อมูลจาก Excel (treasurer, committee).
    Import,
    AuditLog,
    /// ทะเบียนเหตุละเมิดข้อมูลส่วนบุคคล (committee, PDPA s.37(4)).
    Breaches,
    /// ข้อมูลพ้นระยะเก็บรักษา: anonymising members after the retention period (committee).
    Retention,
    /// ตั้งค่าระบบ (committee).
    Settings,
    EditHousehold(i64),
    EditMember(i64),
    Transfer {
        loan_id: i64,
    },
    /// เรื่องร้องเรียน.
    Complaints,
    /// รับเรื่องร้องเรียน, from the list or a member's file.
    NewComplaint {
        person_id: Option<i64>,
    },
    Complaint(i64),
    /// รายงานเรื่องร้องเรียน.
    ComplaintsReport,
    /// รายงานและกราฟ: every report as of a day, with its chart, saved as PDF, .xlsx or CSV.
    Reports,
}

impl Destination {
    /// Whether `role` may open this at all: what a role may not do is not offered, and a
    /// destination sent anyway (a stale button, a test) is refused here too.
    pub fn allowed(&self, role: crate::domain::role::Role) -> bool {
        match self {
            Destination::FundStatement { .. } => role.may(Permission::FundStatements),
            Destination::Users => role.may(Permission::ManageUsers),
            Destination::Backups => role.may(Permission::Backup),
            Destination::Import => role.may(Permission::ImportBooks),
            Destination::AuditLog => role.may(Permission::ViewAudit),
            Destination::Breaches | Destination::Retention => {
                role.may(Permission::ManagePersonalData)
            }
            Destination::Settings => role.may(Permission::EditSettings),
            Destination::EditHousehold(_) | Destination::EditMember(_) => {
                role.may(Permission::KeepFiles)
            }
            Destination::Transfer { .. } => role.may(Permission::Prepare),
            Destination::CollectionSheet => role.may(Permission::RecordPayment),
            Destination::Contact { .. } | Destination::NewComplaint { .. } => {
                role.may(Permission::KeepFiles)
            }
            _ => true,
        }
    }
}

/// The office's areas of work: the sidebar's sections and the folders of `screen/`, in one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Home,
    Debtors,
    Collections,
    Legal,
    Complaints,
    Consolidation,
    Plans,
    Approvals,
    Letters,
    Reports,
    Admin,
}

impl Area {
    /// The section's heading in the sidebar (never the same words as a button's label: the
    /// simulator tests click by text).
    pub fn label(self) -> &'static str {
        match self {
            Area::Home => "หน้าหลัก",
            Area::Debtors => "แฟ้มลูกหนี้",
            Area::Collections => "งานติดตามหนี้",
            Area::Legal => "งานด้านกฎหมาย",
            Area::Complaints => "เรื่องร้องเรียน",
            Area::Consolidation => "งานรวมหนี้",
            Area::Plans => "งานปรับโครงสร้างหนี้",
            Area::Approvals => "งานอนุมัติ",
            Area::Letters => "งานหนังสือ",
            Area::Reports => "รายงาน",
            Area::Admin => "ดูแลระบบ",
        }
    }
}

impl Destination {
    /// The area a destination belongs to, so the sidebar can mark where the user is even in a
    /// file that has no entry of its own (a loan file is in ลูกหนี้).
    pub fn area(&self) -> Area {
        match self {
            Destination::Home => Area::Home,
            Destination::Find
            | Destination::Household(_)
            | Destination::Member(_)
            | Destination::Loan(_)
            | Destination::RecordPayment(_)
            | Destination::NewHousehold
            | Destination::NewMember { .. }
            | Destination::NewLoan { .. }
            | Destination::EditHousehold(_)
            | Destination::EditMember(_) => Area::Debtors,
            Destination::Queue
            | Destination::Contact { .. }
            | Destination::Targets
            | Destination::WeeklyReport
            | Destination::CollectionSheet => Area::Collections,
            Destination::LegalDeadlines | Destination::Case { .. } => Area::Legal,
            Destination::Complaints
            | Destination::NewComplaint { .. }
            | Destination::Complaint(_)
            | Destination::ComplaintsReport => Area::Complaints,
            Destination::Consolidate { .. } | Destination::Transfer { .. } => Area::Consolidation,
            Destination::Plan { .. } | Destination::PlansAtRisk => Area::Plans,
            Destination::Approvals => Area::Approvals,
            Destination::Letter { .. }
            | Destination::LettersBatch
            | Destination::LetterRegister
            | Destination::Templates => Area::Letters,
            Destination::Funds | Destination::FundStatement { .. } | Destination::Reports => {
                Area::Reports
            }
            Destination::Users
            | Destination::Backups
            | Destination::Import
            | Destination::AuditLog
            | Destination::Breaches
            | Destination::Retention
            | Destination::Settings => Area::Admin,
        }
    }
}

/// What a screen asks of the app after an update.
pub enum Action<M> {
    None,
    Run(Task<M>),
    Open(Destination),
    /// Leave this screen for another without keeping it in the history (a saved form opens the
    /// record it made; going back should not return to the filled-in form).
    Replace(Destination),
    Back,
    SignedIn(User),
}

impl<M> std::fmt::Debug for Action<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::None => f.write_str("None"),
            Action::Run(_) => f.write_str("Run(..)"),
            Action::Open(d) => write!(f, "Open({d:?})"),
            Action::Replace(d) => write!(f, "Replace({d:?})"),
            Action::Back => f.write_str("Back"),
            Action::SignedIn(u) => write!(f, "SignedIn({})", u.username),
        }
    }
}

impl<M: Send + 'static> Action<M> {
    pub fn map<N: Send + 'static>(self, f: impl Fn(M) -> N + Send + 'static) -> Action<N> {
        match self {
            Action::None => Action::None,
            Action::Run(task) => Action::Run(task.map(f)),
            Action::Open(d) => Action::Open(d),
            Action::Replace(d) => Action::Replace(d),
            Action::Back => Action::Back,
            Action::SignedIn(u) => Action::SignedIn(u),
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Action::None)
    }
}

/// Who is signed in, on which database, and what day it is: what every file screen needs.
#[derive(Debug, Clone)]
pub struct Session {
    pub store: Store,
    /// A second, read-only connection for long reads (home figures, fund totals); see
    /// [`Store::reader`].
    pub reader: Store,
    pub user: User,
    pub today: NaiveDate,
    pub dialogs: Arc<dyn FileDialogs>,
}

impl Session {
    pub fn actor(&self) -> Actor {
        self.user.actor()
    }

    pub fn may(&self, permission: Permission) -> bool {
        self.user.role.may(permission)
    }
}

/// Runs a read off the UI thread and turns its result into a message.
pub fn read<T, M>(
    store: &Store,
    f: impl FnOnce(&mut Connection) -> store::Result<T> + Send + 'static,
    to: impl FnOnce(Result<T, StoreError>) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    let store = store.clone();
    Task::perform(async move { store.run(f).await }, to)
}

/// Runs a write as one transaction off the UI thread.
pub fn write<T, M>(
    store: &Store,
    f: impl FnOnce(&rusqlite::Transaction) -> store::Result<T> + Send + 'static,
    to: impl FnOnce(Result<T, StoreError>) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    read(store, move |conn| store::tx::write(conn, f), to)
}

/// Runs a write guarded by an automatic backup (see [`store::backup::auto`]) off the UI thread:
/// the backup first when `event` makes one due, then the write in one transaction. The result
/// carries the Thai warning to show when the backup failed (the write went ahead all the same).
pub fn write_after_backup<T, M>(
    store: &Store,
    event: crate::domain::backup_due::Event,
    f: impl FnOnce(&rusqlite::Transaction) -> store::Result<T> + Send + 'static,
    to: impl FnOnce(Result<(T, Option<String>), StoreError>) -> M + Send + 'static,
) -> Task<M>
where
    T: Send + 'static,
    M: Send + 'static,
{
    let store = store.clone();
    Task::perform(store::backup::auto::write_after_async(store, event, f), to)
}
