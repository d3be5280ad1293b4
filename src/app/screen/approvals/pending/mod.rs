//! รายการรออนุมัติ: consolidation drafts, debt transfers and proposed plans with who prepared them.
//! A treasurer or committee member approves with the meeting resolution number and date and each
//! guarantor's fresh consent (s.700); the preparer cannot approve (maker-checker), and a draft whose
//! loans moved since it was prepared is refreshed first. The committee can reverse an approved
//! consolidation, with a reason, while nothing has been paid on it. A treasurer or committee
//! member who did not prepare an item may also reject it with a reason (issue 17 §B7): the
//! rejected proposal stays on record and is listed below. Each approval (write-offs included)
//! and reversal is preceded by a verified automatic backup; if that fails the action goes ahead
//! and the screen says so in red. The view is in `view`.

mod view;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use iced::{Element, Task};

use crate::app::screen::{Action, Destination, Session, read, write, write_after_backup};
use crate::domain::arrears::write_off::Residue;
use crate::domain::backup_due::Event;
use crate::domain::role::{ApprovalError, Permission};
use crate::domain::thai::date::{self, format_numeric};
use crate::store::approvals::{self, Pending, PendingKind};
use crate::store::consolidations::{self, Record as Draft};
use crate::store::loans::Party;
use crate::store::plans::{self, Record as PlanRecord};
use crate::store::rejections::{self, Rejected};
use crate::store::write_offs::{self, WriteOff};
use crate::store::{Result, StoreError, transfers};

pub const RESOLUTION_ID: &str = "approve-resolution";
pub const RESOLUTION_ON_ID: &str = "approve-resolution-on";
pub const REASON_ID: &str = "reverse-reason";
pub const REJECT_REASON_ID: &str = "reject-reason";
/// How many rejected proposals the screen lists.
const REJECTED_SHOWN: usize = 20;

/// What the approver sees of the selected item before approving.
#[derive(Debug, Clone)]
pub enum Detail {
    Consolidation {
        draft: Box<Draft>,
        guarantors: Vec<Party>,
        stale: bool,
    },
    Plan {
        plan: Box<PlanRecord>,
        guarantors: Vec<Party>,
        stale: bool,
    },
    Transfer {
        stale: bool,
    },
    /// A residue write-off, with the residue the loan has today (`None`: it no longer qualifies).
    WriteOff {
        write_off: Box<WriteOff>,
        now: Option<Residue>,
    },
}

#[derive(Debug, Clone)]
pub struct Data {
    pub pending: Vec<Pending>,
    /// Approved consolidations and how many payments were made on each.
    pub approved: Vec<(Draft, i64)>,
    /// Proposals rejected lately, newest first (they stay on record).
    pub rejected: Vec<Rejected>,
}

fn load(conn: &rusqlite::Connection) -> Result<Data> {
    Ok(Data {
        pending: approvals::pending(conn)?,
        approved: consolidations::approved(conn)?,
        rejected: rejections::recent(conn, REJECTED_SHOWN)?,
    })
}

fn detail(conn: &rusqlite::Connection, p: &Pending, today: NaiveDate) -> Result<Detail> {
    Ok(match p.kind {
        PendingKind::Consolidation => {
            let draft = consolidations::get(conn, p.id)?;
            let ids: Vec<i64> = draft.proposal.loans.iter().map(|l| l.loan_id).collect();
            let stale = consolidations::fingerprint(conn, &ids)? != draft.fingerprint;
            // Each guarantor of the new contract consents afresh at approval (s.700).
            let mut guarantors = Vec::new();
            for &id in &draft.settings.guarantors {
                let p = crate::store::persons::get(conn, id)?;
                guarantors.push(Party {
                    person_id: id,
                    name: p.full_name(),
                    role: crate::domain::loan::PartyRole::Guarantor,
                    consent_on: None,
                });
            }
            Detail::Consolidation { draft: Box::new(draft), guarantors, stale }
        }
        PendingKind::Plan => {
            let plan = plans::get(conn, p.id)?;
            let guarantors = plans::guarantors(conn, plan.target)?;
            let ids = plans::loan_ids(conn, plan.target)?;
            let stale = consolidations::fingerprint(conn, &ids)? != plan.fingerprint;
            Detail::Plan { plan: Box::new(plan), guarantors, stale }
        }
        PendingKind::Transfer => {
            let t = transfers::get(conn, p.id)?;
            let stale = consolidations::fingerprint(conn, &[t.transfer.loan_id])? != t.fingerprint;
            Detail::Transfer { stale }
        }
        PendingKind::WriteOff => {
            let w = write_offs::get(conn, p.id)?;
            let loan = crate::store::loans::get(conn, w.loan_id)?;
            let now = write_offs::qualifies(conn, &loan, today)?;
            Detail::WriteOff { write_off: Box::new(w), now }
        }
    })
}

/// What an approval made (Thai) and the loan file to open after.
pub type Done = (String, Option<i64>);

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Result<Box<Data>, StoreError>),
    Select(usize),
    DetailLoaded(Result<Box<Detail>, StoreError>),
    ResolutionChanged(String),
    ResolutionOnChanged(String),
    ConsentToggled(i64, bool),
    Refresh,
    Refreshed(Result<(), StoreError>),
    Approve,
    /// What was approved, and the loan file to open after (the new contract or plan loan).
    /// With the warning of the automatic backup taken before, if it failed.
    Approved(Result<(Done, Option<String>), StoreError>),
    StartReversal(i64),
    ReasonChanged(String),
    ConfirmReversal,
    Reversed(Result<((), Option<String>), StoreError>),
    StartReject,
    RejectReasonChanged(String),
    ConfirmReject,
    CancelReject,
    /// What was rejected ("แผนที่ 5").
    Rejected(Result<String, StoreError>),
    Open(Destination),
}

/// A rejection being written: the reason typed and what is wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Rejecting {
    pub reason: String,
    pub error: Option<String>,
}

pub struct Approvals {
    pub(super) session: Session,
    pub data: Option<Data>,
    pub selected: Option<usize>,
    pub detail: Option<Detail>,
    pub resolution_no: String,
    pub resolution_on: String,
    pub consents: BTreeSet<i64>,
    /// The consolidation being reversed and the reason typed.
    pub reversal: Option<(i64, String)>,
    /// The selected item's rejection being written.
    pub rejecting: Option<Rejecting>,
    /// The last approval: what it made and where to see it.
    pub done: Option<(String, Option<i64>)>,
    /// The automatic backup before the last approval or reversal failed: why (the action went
    /// ahead; the committee should back up by hand).
    pub backup_warning: Option<String>,
    pub busy: bool,
    pub error: Option<String>,
}

impl Approvals {
    pub fn new(session: Session) -> (Approvals, Task<Message>) {
        let task = read(&session.store, |conn| load(conn).map(Box::new), Message::Loaded);
        let resolution_on = format_numeric(session.today);
        let screen = Approvals {
            session,
            data: None,
            selected: None,
            detail: None,
            resolution_no: String::new(),
            resolution_on,
            consents: BTreeSet::new(),
            reversal: None,
            rejecting: None,
            done: None,
            backup_warning: None,
            busy: false,
            error: None,
        };
        (screen, task)
    }

    fn reload(&self) -> Task<Message> {
        read(&self.session.store, |conn| load(conn).map(Box::new), Message::Loaded)
    }

    pub fn selected_item(&self) -> Option<&Pending> {
        self.data.as_ref()?.pending.get(self.selected?)
    }

    /// The Thai reason this user may not approve the selected item, if any (shown before trying).
    pub fn refusal(&self) -> Option<String> {
        let item = self.selected_item()?;
        if !self.session.may(Permission::Approve) {
            return Some(ApprovalError::NotAllowed(self.session.user.role).to_string());
        }
        if item.prepared_by == Some(self.session.user.id) {
            return Some(ApprovalError::SelfApproval.to_string());
        }
        None
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(Ok(data)) => {
                self.data = Some(*data);
                self.busy = false;
            }
            Message::Select(i) => {
                self.selected = Some(i);
                self.detail = None;
                self.error = None;
                self.done = None;
                self.rejecting = None;
                self.consents.clear();
                let Some(item) = self.selected_item().cloned() else { return Action::None };
                let today = self.session.today;
                return Action::Run(read(
                    &self.session.store,
                    move |conn| detail(conn, &item, today).map(Box::new),
                    Message::DetailLoaded,
                ));
            }
            Message::DetailLoaded(Ok(d)) => self.detail = Some(*d),
            Message::ResolutionChanged(v) => self.resolution_no = v,
            Message::ResolutionOnChanged(v) => self.resolution_on = v,
            Message::ConsentToggled(person, on) => {
                if on {
                    self.consents.insert(person);
                } else {
                    self.consents.remove(&person);
                }
            }
            Message::Refresh => {
                let Some(item) = self.selected_item() else { return Action::None };
                let (actor, id) = (self.session.actor(), item.id);
                return Action::Run(write(
                    &self.session.store,
                    move |tx| consolidations::refresh(tx, &actor, id),
                    Message::Refreshed,
                ));
            }
            Message::Refreshed(Ok(())) => {
                if let Some(i) = self.selected {
                    return self.update(Message::Select(i));
                }
            }
            Message::Approve => return self.approve(),
            Message::Approved(Ok((done, warning))) => {
                self.done = Some(done);
                self.backup_warning = warning;
                self.selected = None;
                self.detail = None;
                self.resolution_no.clear();
                self.error = None;
                return Action::Run(self.reload());
            }
            Message::StartReversal(id) => self.reversal = Some((id, String::new())),
            Message::ReasonChanged(v) => {
                if let Some((_, reason)) = &mut self.reversal {
                    *reason = v;
                }
            }
            Message::ConfirmReversal => {
                let Some((id, reason)) = self.reversal.clone() else { return Action::None };
                let actor = self.session.actor();
                self.busy = true;
                return Action::Run(write_after_backup(
                    &self.session.store,
                    Event::BeforeApproval,
                    move |tx| consolidations::reverse(tx, &actor, id, &reason),
                    Message::Reversed,
                ));
            }
            Message::Reversed(Ok(((), warning))) => {
                self.reversal = None;
                self.backup_warning = warning;
                self.done = Some(("ยกเลิกการรวมหนี้แล้ว สัญญาเดิมกลับมาเหมือนก่อนรวม".into(), None));
                return Action::Run(self.reload());
            }
            Message::StartReject => {
                if self.refusal().is_none() {
                    self.rejecting = Some(Rejecting::default());
                    return Action::Run(iced::widget::operation::focus(REJECT_REASON_ID));
                }
            }
            Message::RejectReasonChanged(v) => {
                if let Some(r) = &mut self.rejecting {
                    r.reason = v;
                    r.error = None;
                }
            }
            Message::CancelReject => self.rejecting = None,
            Message::ConfirmReject => return self.reject(),
            Message::Rejected(Ok(what)) => {
                self.rejecting = None;
                self.selected = None;
                self.detail = None;
                self.busy = false;
                self.done = Some((format!("ไม่อนุมัติ{what}แล้ว รายการยังเก็บไว้ในประวัติ"), None));
                return Action::Run(self.reload());
            }
            Message::Rejected(Err(e)) => {
                self.busy = false;
                match &mut self.rejecting {
                    Some(r) => r.error = Some(e.to_string()),
                    None => self.error = Some(e.to_string()),
                }
            }
            Message::Open(d) => return Action::Open(d),
            Message::Loaded(Err(e))
            | Message::DetailLoaded(Err(e))
            | Message::Refreshed(Err(e))
            | Message::Approved(Err(e))
            | Message::Reversed(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    fn reject(&mut self) -> Action<Message> {
        let Some(item) = self.selected_item().cloned() else { return Action::None };
        let Some(r) = &mut self.rejecting else { return Action::None };
        // The reason is required: say so beside the field and change nothing.
        if r.reason.trim().is_empty() {
            r.error = Some("กรุณาระบุเหตุผลที่ไม่อนุมัติ".into());
            return Action::None;
        }
        if self.busy {
            return Action::None;
        }
        self.busy = true;
        let (actor, reason) = (self.session.actor(), r.reason.trim().to_string());
        Action::Run(write(
            &self.session.store,
            move |tx| {
                rejections::reject(tx, &actor, item.kind, item.id, &reason)?;
                Ok(format!("{} ({})", item.kind, item.number))
            },
            Message::Rejected,
        ))
    }

    fn approve(&mut self) -> Action<Message> {
        let Some(item) = self.selected_item().cloned() else { return Action::None };
        if let Some(reason) = self.refusal() {
            self.error = Some(reason);
            return Action::None;
        }
        let on = match date::parse(&self.resolution_on) {
            Ok(d) => d,
            Err(e) => {
                self.error = Some(format!("วันที่ประชุม: {e}"));
                return Action::None;
            }
        };
        if self.busy {
            return Action::None;
        }
        self.busy = true;
        let actor = self.session.actor();
        let no = self.resolution_no.trim().to_string();
        // Consent is given on the meeting day: the guarantors sign at the meeting.
        let consents: Vec<(i64, NaiveDate)> = self.consents.iter().map(|p| (*p, on)).collect();
        let today = self.session.today;
        Action::Run(write_after_backup(
            &self.session.store,
            Event::BeforeApproval,
            move |tx| approve_item(tx, &actor, &item, &no, (on, today), &consents),
            Message::Approved,
        ))
    }

    pub fn view(&self) -> Element<'_, Message> {
        crate::app::screen::approvals::pending::view::view(self)
    }
}

fn approve_item(
    tx: &rusqlite::Transaction,
    actor: &crate::store::Actor,
    item: &Pending,
    no: &str,
    (on, today): (NaiveDate, NaiveDate),
    consents: &[(i64, NaiveDate)],
) -> Result<(String, Option<i64>)> {
    match item.kind {
        PendingKind::Consolidation => {
            let a = consolidations::Approval {
                resolution_no: no,
                resolution_on: on,
                guarantor_consents: consents,
            };
            let contract_no = consolidations::approve(tx, actor, item.id, &a)?;
            let first = consolidations::tranches(tx, item.id)?.first().map(|l| l.id);
            Ok((format!("อนุมัติการรวมหนี้แล้ว สัญญารวมหนี้เลขที่ {contract_no}"), first))
        }
        PendingKind::Plan => {
            let a = plans::Approval {
                resolution_no: no,
                resolution_on: on,
                guarantor_consents: consents,
            };
            let loans = plans::approve(tx, actor, item.id, &a)?;
            Ok(("อนุมัติแผนปรับโครงสร้างหนี้แล้ว ตารางผ่อนใหม่มีผลทันที".into(), loans.first().copied()))
        }
        PendingKind::Transfer => {
            transfers::approve(tx, actor, item.id, no, on)?;
            Ok(("อนุมัติการโอนภาระหนี้แล้ว".into(), None))
        }
        PendingKind::WriteOff => {
            // Written off and closed today, the day the approver signs.
            let r = write_offs::approve(tx, actor, item.id, no, today)?;
            let loan = write_offs::get(tx, item.id)?.loan_id;
            Ok((format!("อนุมัติตัดยอดเศษสตางค์ {} บาทแล้ว สัญญาปิดบัญชี", r.total()), Some(loan)))
        }
    }
}
