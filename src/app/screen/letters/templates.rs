//! Letter wording (committee): pick a kind, edit its parts with named fields such as
//! `{ยอดค้างชำระ}`, see the letter it makes for a real overdue contract as you type, and the Debt
//! Collection Act problems beside the editor. Wording with a problem cannot be saved (the store
//! refuses it too); "restore default" goes back to the shipped wording.

use std::sync::Arc;

use iced::widget::{Column, column, container, row, text_editor};
use iced::{Element, Fill, FillPortion, Task};

use crate::app::screen::letters::issue::KINDS;
use crate::app::screen::letters::issue::view::{self as letter_view, Shown};
use crate::app::screen::{Action, Session, read, write};
use crate::app::theme::{boxes, dim, size, space};
use crate::app::widget::{
    badge, body, choices, error_banner, error_text, field, labelled, link, muted, notice_banner,
    page, primary_button, secondary_button, section, small, title,
};
use crate::app::wrap;
use crate::document::issue::{self, Composed, Request};
use crate::document::templates;
use crate::domain::letter::Kind;
use crate::domain::letter::printable::TemplatePart;
use crate::domain::letter::template::{FIELDS, Template};
use crate::domain::role::Permission;
use crate::store::{StoreError, letters};

pub const BODY_ID: &str = "template-body";

/// The one-line parts of a template, each its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Subject,
    Salutation,
    Reference,
    Enclosure,
    Closing,
}

impl Part {
    pub const ALL: [Part; 5] =
        [Part::Subject, Part::Salutation, Part::Reference, Part::Enclosure, Part::Closing];

    pub fn id(self) -> &'static str {
        match self {
            Part::Subject => "template-subject",
            Part::Salutation => "template-salutation",
            Part::Reference => "template-reference",
            Part::Enclosure => "template-enclosure",
            Part::Closing => "template-closing",
        }
    }

    fn part(self) -> TemplatePart {
        match self {
            Part::Subject => TemplatePart::Subject,
            Part::Salutation => TemplatePart::Salutation,
            Part::Reference => TemplatePart::Reference,
            Part::Enclosure => TemplatePart::Enclosure,
            Part::Closing => TemplatePart::Closing,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Part::Subject => "เรื่อง",
            Part::Salutation => "คำขึ้นต้น",
            Part::Reference => "อ้างถึง",
            Part::Enclosure => "สิ่งที่ส่งมาด้วย",
            Part::Closing => "คำลงท้าย",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Loaded(Kind, Result<(Template, Option<i64>), StoreError>),
    KindChosen(Kind),
    Edit(Part, String),
    BodyEdited(text_editor::Action),
    InsertField(&'static str),
    Previewed(u64, Result<Composed, StoreError>),
    Save,
    Saved(Result<(), StoreError>),
    RestoreDefault,
}

pub struct Templates {
    session: Session,
    pub kind: Kind,
    pub parts: [String; 5],
    pub body: text_editor::Content,
    pub problems: Vec<String>,
    /// Characters the fonts cannot print, by the part they are in (issue 17 §C15): shown
    /// under that part's field, and saving is refused while there are any.
    pub unprintable: Vec<(TemplatePart, String)>,
    /// The overdue contract the preview is written about (none: nothing to preview with).
    pub sample: Option<i64>,
    pub preview: Option<Vec<Shown>>,
    pub preview_error: Option<String>,
    generation: u64,
    pub loaded: bool,
    pub busy: bool,
    pub error: Option<String>,
    pub notice: Option<String>,
}

impl Templates {
    pub fn new(session: Session) -> (Templates, Task<Message>) {
        let mut screen = Templates {
            session,
            kind: Kind::Demand,
            parts: Default::default(),
            body: text_editor::Content::new(),
            problems: Vec::new(),
            unprintable: Vec::new(),
            sample: None,
            preview: None,
            preview_error: None,
            generation: 0,
            loaded: false,
            busy: false,
            error: None,
            notice: None,
        };
        let task = screen.load(Kind::Demand);
        (screen, task)
    }

    fn load(&mut self, kind: Kind) -> Task<Message> {
        self.kind = kind;
        self.loaded = false;
        self.preview = None;
        let today = self.session.today;
        read(
            &self.session.store,
            move |conn| {
                Ok((letters::template(conn, kind)?, issue::sample_loan(conn, kind, today)?))
            },
            move |r| Message::Loaded(kind, r),
        )
    }

    /// The wording on screen as a template: one body paragraph per non-empty line.
    pub fn template(&self) -> Template {
        let [subject, salutation, reference, enclosure, closing] = self.parts.clone();
        Template {
            kind: self.kind,
            subject,
            salutation,
            reference,
            enclosure,
            body: wrap::editor_text(&self.body)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            closing,
        }
    }

    fn show(&mut self, t: &Template) {
        self.parts = [
            t.subject.clone(),
            t.salutation.clone(),
            t.reference.clone(),
            t.enclosure.clone(),
            t.closing.clone(),
        ];
        self.body = wrap::editor_content(&t.body.join("\n"));
    }

    /// Checks the wording and asks for a new preview (only the latest answer is shown).
    fn edited(&mut self) -> Action<Message> {
        let t = self.template();
        self.problems = t.problems().iter().map(ToString::to_string).collect();
        self.unprintable =
            templates::unprintable(&t).into_iter().map(|(p, u)| (p, u.to_string())).collect();
        self.notice = None;
        let Some(loan_id) = self.sample else { return Action::None };
        self.generation += 1;
        let generation = self.generation;
        let req = Request::new(self.kind, self.session.today);
        Action::Run(read(
            &self.session.reader,
            move |conn| Ok(issue::compose_preview(conn, &req, loan_id, Some(&t))?),
            move |r| Message::Previewed(generation, r),
        ))
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Loaded(kind, Ok((t, sample))) if kind == self.kind => {
                self.loaded = true;
                self.sample = sample;
                self.show(&t);
                self.edited()
            }
            Message::Loaded(..) => Action::None,
            Message::KindChosen(kind) => Action::Run(self.load(kind)),
            Message::Edit(part, value) => {
                if let Some(i) = Part::ALL.iter().position(|p| *p == part) {
                    self.parts[i] = value;
                }
                self.edited()
            }
            Message::BodyEdited(action) => {
                let edits = action.is_edit();
                wrap::perform(&mut self.body, action);
                if edits { self.edited() } else { Action::None }
            }
            Message::InsertField(name) => {
                let paste = text_editor::Edit::Paste(Arc::new(format!("{{{name}}}")));
                wrap::perform(&mut self.body, text_editor::Action::Edit(paste));
                self.edited()
            }
            Message::Previewed(generation, result) => {
                if generation == self.generation {
                    match result {
                        Ok(c) => {
                            self.preview = Some(c.letters.iter().take(1).map(Shown::of).collect());
                            self.preview_error = None;
                        }
                        // The last good preview stays; the reason shows above it.
                        Err(e) => self.preview_error = Some(e.to_string()),
                    }
                }
                Action::None
            }
            Message::Save => {
                if self.busy || !self.session.may(Permission::EditTemplates) {
                    return Action::None;
                }
                if let Some((_, why)) = self.unprintable.first() {
                    self.error = Some(format!("บันทึกไม่ได้: {why}"));
                    return Action::None;
                }
                if !self.problems.is_empty() {
                    self.error = Some(format!(
                        "บันทึกไม่ได้: แบบหนังสือยังมีข้อที่ต้องแก้ {} ข้อ (ดูรายการข้างช่องแก้ไข)",
                        self.problems.len()
                    ));
                    return Action::None;
                }
                self.busy = true;
                self.error = None;
                let (actor, t) = (self.session.actor(), self.template());
                Action::Run(write(
                    &self.session.store,
                    move |tx| templates::save(tx, &actor, &t),
                    Message::Saved,
                ))
            }
            Message::Saved(Ok(())) => {
                self.busy = false;
                self.notice = Some(format!("บันทึกแบบ{}แล้ว หนังสือที่ออกต่อจากนี้ใช้ถ้อยคำใหม่", self.kind));
                Action::None
            }
            Message::RestoreDefault => {
                if !self.session.may(Permission::EditTemplates) {
                    return Action::None;
                }
                let (actor, kind) = (self.session.actor(), self.kind);
                self.busy = true;
                Action::Run(write(
                    &self.session.store,
                    move |tx| letters::reset_template(tx, &actor, kind),
                    move |r| match r {
                        Ok(()) => Message::KindChosen(kind),
                        Err(e) => Message::Saved(Err(e)),
                    },
                ))
            }
            Message::Saved(Err(e)) => {
                self.busy = false;
                self.error = Some(e.to_string());
                Action::None
            }
        }
    }

    pub fn view(&self) -> Element<'_, Message> {
        let may = self.session.may(Permission::EditTemplates);
        let mut content = Column::new()
            .spacing(space::L)
            .push(title("แบบหนังสือ"))
            .push(labelled("ประเภทหนังสือ", choices(KINDS, Some(&self.kind), Message::KindChosen)));
        if !may {
            content =
                content.push(notice_banner("เฉพาะประธาน/กรรมการแก้ไขแบบหนังสือได้ ท่านดูได้อย่างเดียว"));
        }
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        if let Some(n) = &self.notice {
            content = content.push(notice_banner(n.as_str()));
        }
        if !self.loaded {
            return page(content.push(muted("กำลังเปิดแบบหนังสือ…")));
        }
        content = content.push(
            row![
                container(self.view_editor(may)).width(FillPortion(1)),
                container(self.view_preview()).width(FillPortion(1)),
            ]
            .spacing(space::L),
        );
        page(content)
    }

    /// The message about an unprintable character in `part`, if there is one.
    pub fn unprintable_in(&self, part: TemplatePart) -> Option<&str> {
        self.unprintable.iter().find(|(p, _)| *p == part).map(|(_, why)| why.as_str())
    }

    fn view_editor(&self, may: bool) -> Element<'_, Message> {
        let mut form = Column::new().spacing(space::S);
        for (i, part) in Part::ALL.into_iter().enumerate() {
            form = form.push(
                field(part.label(), part.id(), "", &self.parts[i], move |v| Message::Edit(part, v))
                    .error(self.unprintable_in(part.part()))
                    .width(Fill),
            );
        }
        let editor = text_editor(&self.body)
            .id(BODY_ID)
            .on_action(Message::BodyEdited)
            .size(size::BODY)
            .line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT))
            .padding(space::S)
            // Words break at the zero-width spaces `wrap` keeps in the content; glyph wrapping
            // only for a run longer than the line.
            .wrapping(iced::widget::text::Wrapping::WordOrGlyph)
            .height(dim::ROW * 7.0);
        form = form
            .push(body("เนื้อความ (ขึ้นบรรทัดใหม่ = ย่อหน้าใหม่ ตารางยอดเงินพิมพ์ต่อจากย่อหน้าแรก)"))
            .push(editor)
            .push(match self.unprintable_in(TemplatePart::Body) {
                Some(why) => error_text(why),
                None => small(" "),
            });
        let problems: Element<'_, Message> = if self.problems.is_empty() {
            badge("ถ้อยคำเป็นไปตาม พ.ร.บ.การทวงถามหนี้ฯ", crate::app::theme::Tone::Good)
        } else {
            Column::with_children(self.problems.iter().map(|p| error_text(p.as_str()).into()))
                .spacing(space::XS)
                .into()
        };
        form = form.push(container(problems).padding(space::S).width(Fill).style(boxes::card));
        let fields = FIELDS.iter().map(|f| {
            row![
                link(format!("{{{}}}", f.name), Message::InsertField(f.name)),
                small(f.about).style(crate::app::theme::texts::muted),
            ]
            .spacing(space::S)
            .into()
        });
        form = form
            .push(muted("ช่องข้อมูล (กดเพื่อแทรกในเนื้อความ)"))
            .push(Column::with_children(fields).spacing(0));
        let save = may && !self.busy;
        form = form.push(
            row![
                primary_button("บันทึกแบบหนังสือ", save.then_some(Message::Save)),
                secondary_button("คืนค่าเริ่มต้น", save.then_some(Message::RestoreDefault)),
            ]
            .spacing(space::M),
        );
        section("ถ้อยคำ", vec![], form)
    }

    fn view_preview(&self) -> Element<'_, Message> {
        let mut col = Column::new().spacing(space::M);
        if self.sample.is_none() {
            col = col.push(muted("ยังไม่มีสัญญาที่ค้างชำระให้ใช้เป็นตัวอย่าง"));
        }
        if let Some(e) = &self.preview_error {
            col = col.push(error_banner(e));
        }
        if let Some(letters) = &self.preview {
            for l in letters {
                col = col.push(letter_view::letter(l, true));
            }
        }
        section("ตัวอย่างหนังสือ (จากสัญญาที่ค้างชำระจริง)", vec![], column![col])
    }
}
