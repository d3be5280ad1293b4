//! บันทึกการใช้งาน (committee only): the audit log read back, newest first, filtered by user,
//! date range and action, and the hash chain verified on request (the first broken entry named
//! when someone edited the file outside the app).

use iced::widget::{Column, pick_list, row};
use iced::{Element, Fill, Task};

use crate::app::screen::{Action, Session, read};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    body, card, cell, col, error_banner, field, labelled, muted, notice_banner, page,
    primary_button, secondary_button, section, striped, table_header, table_row, title,
};
use crate::domain::audit_action;
use crate::domain::thai::date;
use crate::store::StoreError;
use crate::store::audit::{self, AuditEntry, Chain, Filter, Who};
use crate::store::users::{self, User};

/// The screen shows at most this many entries; the count says how many match.
pub const SHOWN: i64 = 500;
pub const FROM_ID: &str = "audit-from";
pub const TO_ID: &str = "audit-to";

/// Whose entries to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChoice {
    All,
    System,
    User(i64, String),
}

impl std::fmt::Display for UserChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UserChoice::All => f.write_str("ผู้ใช้ทุกคน"),
            UserChoice::System => f.write_str("ระบบ (คำสั่ง ข้อมูลตัวอย่าง)"),
            UserChoice::User(_, name) => f.write_str(name),
        }
    }
}

/// Which action to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionChoice {
    All,
    One(&'static str),
}

impl std::fmt::Display for ActionChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ActionChoice::All => f.write_str("ทุกการกระทำ"),
            ActionChoice::One(code) => f.write_str(audit_action::label(code)),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    UsersLoaded(Result<Vec<User>, StoreError>),
    Loaded(Result<(Vec<AuditEntry>, i64), StoreError>),
    UserChosen(UserChoice),
    ActionChosen(ActionChoice),
    FromChanged(String),
    ToChanged(String),
    Show,
    Verify,
    Verified(Result<Chain, StoreError>),
}

pub struct AuditLog {
    session: Session,
    pub users: Vec<UserChoice>,
    pub user: UserChoice,
    pub action: ActionChoice,
    pub from: String,
    pub to: String,
    pub from_error: Option<String>,
    pub to_error: Option<String>,
    pub entries: Option<Vec<AuditEntry>>,
    pub total: i64,
    pub chain: Option<Chain>,
    pub error: Option<String>,
}

impl AuditLog {
    pub fn new(session: Session) -> (AuditLog, Task<Message>) {
        let screen = AuditLog {
            session,
            users: vec![UserChoice::All, UserChoice::System],
            user: UserChoice::All,
            action: ActionChoice::All,
            from: String::new(),
            to: String::new(),
            from_error: None,
            to_error: None,
            entries: None,
            total: 0,
            chain: None,
            error: None,
        };
        let users = read(&screen.session.store, |c| users::list(c), Message::UsersLoaded);
        let task = Task::batch([users, screen.load(Filter::default())]);
        (screen, task)
    }

    fn load(&self, filter: Filter) -> Task<Message> {
        let actor = self.session.actor();
        read(&self.session.store, move |c| audit::query(c, &actor, &filter, SHOWN), Message::Loaded)
    }

    /// The filter the fields describe, or the fields' errors (shown beside them).
    pub fn filter(&self) -> Result<Filter, (Option<String>, Option<String>)> {
        let day = |text: &str| -> Result<Option<chrono::NaiveDate>, String> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            date::parse(text).map(Some).map_err(|e| e.to_string())
        };
        let (from, to) = (day(&self.from), day(&self.to));
        let order = match (&from, &to) {
            (Ok(Some(f)), Ok(Some(t))) if f > t => Some("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่ม".to_string()),
            _ => None,
        };
        match (from, to, order) {
            (Ok(from), Ok(to), None) => Ok(Filter {
                from,
                to,
                who: match &self.user {
                    UserChoice::All => None,
                    UserChoice::System => Some(Who::System),
                    UserChoice::User(id, _) => Some(Who::User(*id)),
                },
                action: match self.action {
                    ActionChoice::All => None,
                    ActionChoice::One(code) => Some(code.to_string()),
                },
            }),
            (from, to, order) => Err((from.err(), to.err().or(order))),
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::UsersLoaded(Ok(list)) => {
                self.users = [UserChoice::All, UserChoice::System]
                    .into_iter()
                    .chain(list.into_iter().map(|u| {
                        UserChoice::User(u.id, format!("{} ({})", u.full_name, u.username))
                    }))
                    .collect();
            }
            Message::Loaded(Ok((entries, total))) => {
                self.entries = Some(entries);
                self.total = total;
                self.error = None;
            }
            Message::UserChosen(c) => {
                self.user = c;
                return self.update(Message::Show);
            }
            Message::ActionChosen(c) => {
                self.action = c;
                return self.update(Message::Show);
            }
            Message::FromChanged(v) => {
                self.from = v;
                self.from_error = None;
            }
            Message::ToChanged(v) => {
                self.to = v;
                self.to_error = None;
            }
            Message::Show => match self.filter() {
                Ok(f) => {
                    self.from_error = None;
                    self.to_error = None;
                    return Action::Run(self.load(f));
                }
                Err((from, to)) => {
                    self.from_error = from;
                    self.to_error = to;
                }
            },
            Message::Verify => {
                let actor = self.session.actor();
                self.chain = None;
                return Action::Run(read(
                    &self.session.store,
                    move |c| audit::verify(c, &actor),
                    Message::Verified,
                ));
            }
            Message::Verified(Ok(chain)) => self.chain = Some(chain),
            Message::UsersLoaded(Err(e)) | Message::Loaded(Err(e)) | Message::Verified(Err(e)) => {
                self.error = Some(e.to_string());
            }
        }
        Action::None
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).push(title("บันทึกการใช้งาน"));
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        match &self.chain {
            Some(chain @ Chain::Whole { .. }) => {
                content = content.push(notice_banner(chain.message()));
            }
            Some(chain @ Chain::Broken(_)) => content = content.push(error_banner(chain.message())),
            None => {}
        }
        content = content.push(self.view_filter()).push(self.view_entries());
        page(content)
    }

    fn view_filter(&self) -> Element<'_, Message> {
        let actions: Vec<ActionChoice> = std::iter::once(ActionChoice::All)
            .chain(audit_action::ALL.iter().map(|(c, _)| ActionChoice::One(c)))
            .collect();
        let users = pick_list(self.users.clone(), Some(self.user.clone()), Message::UserChosen)
            .width(dim::FIELD);
        let actions =
            pick_list(actions, Some(self.action.clone()), Message::ActionChosen).width(dim::FIELD);
        let from = field("ตั้งแต่วันที่", FROM_ID, "เช่น 1/11/2568", &self.from, Message::FromChanged)
            .error(self.from_error.as_deref())
            .submit(Message::Show);
        let to = field("ถึงวันที่", TO_ID, "เช่น 30/11/2568", &self.to, Message::ToChanged)
            .error(self.to_error.as_deref())
            .submit(Message::Show);
        let buttons = row![
            primary_button("แสดงบันทึก", Some(Message::Show)),
            secondary_button("ตรวจห่วงโซ่บันทึก", Some(Message::Verify)),
        ]
        .spacing(space::M);
        card(
            Column::new()
                .spacing(space::M)
                .push(labelled("ผู้ใช้", users))
                .push(labelled("การกระทำ", actions))
                .push(from)
                .push(to)
                .push(buttons),
        )
    }

    fn view_entries(&self) -> Element<'_, Message> {
        let Some(entries) = &self.entries else {
            return card(muted("กำลังอ่านบันทึก…"));
        };
        if entries.is_empty() {
            return card(body("ไม่มีบันทึกตามเงื่อนไขที่เลือก"));
        }
        let cols = [
            col("ลำดับ", 2),
            col("วันเวลา", 4),
            col("ผู้ใช้", 5),
            col("การกระทำ", 5),
            col("รายละเอียด", 8),
        ];
        let mut table = Column::new().push(table_header(&cols));
        for (i, e) in entries.iter().enumerate() {
            table = table.push(striped(
                i,
                table_row(
                    &cols,
                    vec![
                        cell(thousands(e.id)).into(),
                        cell(audit_action::when(&e.at)).into(),
                        cell(&e.user).into(),
                        cell(audit_action::label(&e.action)).into(),
                        cell(&e.detail).into(),
                    ],
                ),
            ));
        }
        let heading = if self.total > entries.len() as i64 {
            format!("{} รายการ (แสดง {} รายการล่าสุด)", thousands(self.total), entries.len())
        } else {
            format!("{} รายการ", thousands(self.total))
        };
        section("บันทึก", vec![muted(heading).into()], Column::new().push(table).width(Fill))
    }
}

fn thousands(n: i64) -> String {
    crate::app::screen::home::thousands(n)
}
