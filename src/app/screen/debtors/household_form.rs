//! The household form: บ้านเลขที่, หมู่ที่, ตำบล, อำเภอ, จังหวัด, รหัสไปรษณีย์. A new household's area
//! starts from the last household added, since one office serves one area; editing ("แก้ไข")
//! starts from the household's own values and checks them the same way.

use iced::widget::{Column, column, row};
use iced::{Element, Task};

use crate::app::form::{Checker, Errors, Form};
use crate::app::screen::{Action, Destination, Session, read, write};
use crate::app::theme::{dim, space};
use crate::app::widget::{
    Field, card, error_banner, error_text, field, muted, page, primary_button, secondary_button,
    title,
};
use crate::domain::address::{self, Address};
use crate::store::StoreError;
use crate::store::households::{self, Household, NewHousehold};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    HouseNo,
    VillageNo,
    VillageName,
    Subdistrict,
    District,
    Province,
    Postcode,
    RegistrationNo,
}

impl Input {
    pub const ALL: [Input; 8] = [
        Input::HouseNo,
        Input::VillageNo,
        Input::VillageName,
        Input::Subdistrict,
        Input::District,
        Input::Province,
        Input::Postcode,
        Input::RegistrationNo,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Input::HouseNo => "household-house-no",
            Input::VillageNo => "household-village-no",
            Input::VillageName => "household-village-name",
            Input::Subdistrict => "household-subdistrict",
            Input::District => "household-district",
            Input::Province => "household-province",
            Input::Postcode => "household-postcode",
            Input::RegistrationNo => "household-registration-no",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Input::HouseNo => "บ้านเลขที่",
            Input::VillageNo => "หมู่ที่",
            Input::VillageName => "ชื่อหมู่บ้าน",
            Input::Subdistrict => "ตำบล",
            Input::District => "อำเภอ",
            Input::Province => "จังหวัด",
            Input::Postcode => "รหัสไปรษณีย์",
            Input::RegistrationNo => "เลขทะเบียนบ้าน",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            Input::HouseNo => "เช่น 12/3",
            Input::VillageNo => "1–99",
            Input::VillageName => "เช่น หนองบัว (เว้นว่างได้)",
            Input::Postcode => "5 หลัก (เว้นว่างได้)",
            Input::RegistrationNo => "11 หลัก (เว้นว่างได้)",
            _ => "",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Prefilled(Result<Option<Address>, StoreError>),
    /// Editing: the household as stored.
    Loaded(Result<Household, StoreError>),
    Edit(Input, String),
    Save,
    Saved(Result<i64, StoreError>),
    Cancel,
}

pub struct HouseholdForm {
    session: Session,
    pub form: Form<Input>,
    /// The household being edited; None for a new one.
    pub editing: Option<i64>,
    pub saving: bool,
    pub error: Option<String>,
}

impl HouseholdForm {
    pub fn new(session: Session) -> (HouseholdForm, Task<Message>) {
        let prefill =
            read(&session.store, |conn| households::last_address(conn), Message::Prefilled);
        let form = HouseholdForm {
            session,
            form: Form::default(),
            editing: None,
            saving: false,
            error: None,
        };
        (form, Task::batch([prefill, iced::widget::operation::focus(Input::HouseNo.id())]))
    }

    /// The form filled with household `id`, to correct it.
    pub fn edit(session: Session, id: i64) -> (HouseholdForm, Task<Message>) {
        let load = read(&session.store, move |conn| households::get(conn, id), Message::Loaded);
        let form = HouseholdForm {
            session,
            form: Form::default(),
            editing: Some(id),
            saving: false,
            error: None,
        };
        (form, Task::batch([load, iced::widget::operation::focus(Input::HouseNo.id())]))
    }

    pub fn parse(&self) -> Result<NewHousehold, Errors<Input>> {
        let f = &self.form;
        let mut c = Checker::default();
        let house_no = c.take(Input::HouseNo, address::parse_house_no(f.get(Input::HouseNo)));
        let village_no = c.take(Input::VillageNo, address::parse_village(f.get(Input::VillageNo)));
        for (input, what) in
            [(Input::Subdistrict, "ตำบล"), (Input::District, "อำเภอ"), (Input::Province, "จังหวัด")]
        {
            if f.get(input).trim().is_empty() {
                c.fail(input, format!("กรุณากรอก{what}"));
            }
        }
        let postcode = c.take(Input::Postcode, address::parse_postcode(f.get(Input::Postcode)));
        match (house_no, village_no, postcode, c.is_ok()) {
            (Some(house_no), Some(village_no), Some(postcode), true) => Ok(NewHousehold {
                address: Address {
                    house_no,
                    village_no,
                    village_name: f.get(Input::VillageName).trim().to_string(),
                    subdistrict: strip(f.get(Input::Subdistrict), "ตำบล"),
                    district: strip(f.get(Input::District), "อำเภอ"),
                    province: strip(f.get(Input::Province), "จังหวัด"),
                    postcode,
                },
                registration_no: f.get(Input::RegistrationNo).trim().to_string(),
            }),
            _ => Err(c.errors),
        }
    }

    pub fn update(&mut self, message: Message) -> Action<Message> {
        match message {
            Message::Prefilled(Ok(Some(a))) => {
                for (input, value) in [
                    (Input::Subdistrict, a.subdistrict),
                    (Input::District, a.district),
                    (Input::Province, a.province),
                    (Input::Postcode, a.postcode),
                ] {
                    if self.form.get(input).is_empty() {
                        self.form.preset(input, value);
                    }
                }
                Action::None
            }
            // Without a previous household the officer simply types the area.
            Message::Prefilled(_) => Action::None,
            Message::Loaded(Ok(h)) => {
                let a = h.address;
                for (input, value) in [
                    (Input::HouseNo, a.house_no),
                    (Input::VillageNo, a.village_no.to_string()),
                    (Input::VillageName, a.village_name),
                    (Input::Subdistrict, a.subdistrict),
                    (Input::District, a.district),
                    (Input::Province, a.province),
                    (Input::Postcode, a.postcode),
                    (Input::RegistrationNo, h.registration_no),
                ] {
                    self.form.preset(input, value);
                }
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Edit(input, value) => {
                self.form.edit(input, value);
                self.form.show(self.parse().err().unwrap_or_default());
                Action::None
            }
            Message::Save => {
                if self.saving {
                    return Action::None;
                }
                self.form.submit();
                let parsed = self.parse();
                self.form.show(parsed.clone().err().unwrap_or_default());
                let Ok(household) = parsed else {
                    return Action::None;
                };
                self.saving = true;
                self.error = None;
                let actor = self.session.actor();
                let editing = self.editing;
                Action::Run(write(
                    &self.session.store,
                    move |tx| match editing {
                        Some(id) => households::update(tx, &actor, id, &household).map(|()| id),
                        None => households::create(tx, &actor, &household),
                    },
                    Message::Saved,
                ))
            }
            Message::Saved(Ok(id)) => {
                self.saving = false;
                Action::Replace(Destination::Household(id))
            }
            Message::Saved(Err(e)) => {
                self.saving = false;
                self.error = Some(e.to_string());
                Action::None
            }
            Message::Cancel => Action::Back,
        }
    }

    fn input(&self, input: Input) -> Field<'_, Message> {
        field(input.label(), input.id(), input.placeholder(), self.form.get(input), move |v| {
            Message::Edit(input, v)
        })
        .error(self.form.error(input))
        .submit(Message::Save)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::L).max_width(dim::FORM).push(column![
            title(if self.editing.is_some() {
                "แก้ไขครัวเรือน"
            } else {
                "เพิ่มครัวเรือน"
            }),
            muted("ช่องที่ไม่ได้เขียนว่าเว้นว่างได้ต้องกรอก")
        ]);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        let mut fields = Column::new().spacing(space::M);
        for input in Input::ALL {
            fields = fields.push(self.input(input));
        }
        if self.form.has_errors() {
            fields = fields.push(error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
        }
        fields = fields.push(
            row![
                primary_button("บันทึก (Enter)", (!self.saving).then_some(Message::Save)),
                secondary_button("ยกเลิก (Esc)", Some(Message::Cancel)),
            ]
            .spacing(space::M),
        );
        page(content.push(card(fields)))
    }
}

/// Officers often type the prefix the address adds itself: "ตำบลบ้านโป่ง" is stored "บ้านโป่ง".
fn strip(value: &str, prefix: &str) -> String {
    let v = value.trim();
    v.strip_prefix(prefix).unwrap_or(v).trim().to_string()
}
