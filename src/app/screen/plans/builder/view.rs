//! The look of the plan builder: what is owed, one column of inputs per option, the comparison
//! table with a "เสนอแผนนี้" button under each option, and the balance chart.

use iced::widget::{Column, Row, canvas, checkbox, column, container, row, text_input};
use iced::{Element, Fill, FillPortion, Padding};

use crate::app::screen::Destination;
use crate::app::screen::plans::builder::{MAX_OPTIONS, Message, PlanBuilder};
use crate::app::screen::plans::chart::BalanceChart;
use crate::app::screen::plans::option::{CadenceKind, Field, GraceChoice, OptionForm, SizingKind};
use crate::app::theme::{boxes, dim, inputs, size, space, texts};
use crate::app::widget::{
    body, card, choices, error_banner, error_text, fact, muted, notice_banner, page,
    primary_button, secondary_button, section, small, strong, subtitle, title,
};
use crate::domain::thai::date::format_long;

/// Height of the balance chart.
const CHART_HEIGHT: f32 = 340.0;

pub fn view(s: &PlanBuilder) -> Element<'_, Message> {
    let Some(basis) = &s.basis else {
        return page(match &s.error {
            Some(e) => error_banner(e),
            None => muted("กำลังอ่านยอดหนี้ของสัญญา…").into(),
        });
    };
    let o = &basis.outstanding;
    let mut content = Column::new().spacing(space::L).push(title(format!(
        "ปรับโครงสร้างหนี้ สัญญาเลขที่ {} {}",
        basis.loan.contract_no, basis.loan.borrower_name
    )));
    if let Some(e) = &s.error {
        content = content.push(error_banner(e));
    }
    let owed = column![
        fact("ณ วันที่", format_long(o.as_of)),
        fact("เงินต้นคงเหลือ", format!("{} บาท", o.principal)),
        fact("ดอกเบี้ยค้าง", format!("{} บาท", o.interest)),
        fact("ดอกเบี้ยผิดนัดและค่าธรรมเนียม", format!("{} บาท", o.default_interest + o.fees)),
        fact("อัตราดอกเบี้ยเดิม", format!("{} ต่อปี", o.rate)),
    ]
    .spacing(space::XS);
    content = content.push(section("ยอดหนี้ที่จะปรับโครงสร้าง", vec![], owed));
    let columns =
        Row::with_children(s.options.iter().enumerate().map(|(i, opt)| view_option(s, i, opt)))
            .spacing(space::M);
    let add = (s.options.len() < MAX_OPTIONS)
        .then(|| secondary_button("เพิ่มทางเลือก", Some(Message::AddOption)));
    content = content
        .push(row![subtitle("ทางเลือก").width(Fill)].extend(add).align_y(iced::Center))
        .push(columns)
        .push(view_compare(s))
        .push(view_chart(s));
    page(content)
}

/// A label over its input: the columns are too narrow for labels beside.
fn stacked<'a>(
    label: &'a str,
    input: Element<'a, Message>,
    error: Option<&'a str>,
) -> Element<'a, Message> {
    let mut c = column![small(label).style(texts::muted), input].spacing(2);
    if let Some(e) = error {
        c = c.push(error_text(e));
    }
    c.into()
}

fn input<'a>(
    opt: &'a OptionForm,
    i: usize,
    field: Field,
    label: &'a str,
    hint: &'a str,
) -> Element<'a, Message> {
    let invalid = opt.form.error(field).is_some();
    let t = text_input(hint, opt.form.get(field))
        .id(field.id(i))
        .on_input(move |v| Message::Edit(i, field, v))
        .size(size::BODY)
        .line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT))
        .padding(Padding::from([space::XS, space::S]))
        .style(if invalid { inputs::invalid } else { inputs::normal });
    stacked(label, t.into(), opt.form.error(field))
}

fn toggle<'a>(on: bool, label: &'a str, f: impl Fn(bool) -> Message + 'a) -> Element<'a, Message> {
    checkbox(on)
        .label(label)
        .on_toggle(f)
        .text_line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT))
        .into()
}

fn view_option<'a>(s: &'a PlanBuilder, i: usize, opt: &'a OptionForm) -> Element<'a, Message> {
    let remove =
        (s.options.len() > 1).then(|| secondary_button("นำออก", Some(Message::RemoveOption(i))));
    let mut c = Column::new()
        .spacing(space::S)
        .push(
            row![strong(format!("ทางเลือกที่ {}", i + 1)).width(Fill)]
                .extend(remove)
                .align_y(iced::Center),
        )
        .push(choices(SizingKind::ALL, Some(&opt.sizing), move |k| Message::SizingChosen(i, k)));
    let amount = match opt.sizing {
        SizingKind::Capacity => "ชำระได้งวดละ (บาท)",
        SizingKind::Periods => "จำนวนงวด",
    };
    c = c.push(input(opt, i, Field::Amount, amount, "เช่น 1,500")).push(stacked(
        "งวดชำระ",
        choices(CadenceKind::ALL, Some(&opt.cadence), move |k| Message::CadenceChosen(i, k)),
        None,
    ));
    if opt.cadence == CadenceKind::Harvest {
        c = c.push(input(opt, i, Field::Months, "เดือนที่ชำระ (1–12)", "เช่น 3, 11"));
    }
    c = c
        .push(input(opt, i, Field::Grace, "ผ่อนผันช่วงแรก (งวด)", "0 = ไม่ผ่อนผัน"))
        .push(choices(GraceChoice::ALL, Some(&opt.grace_kind), move |g| Message::GraceChosen(i, g)))
        .push(input(opt, i, Field::StepUp, "เพิ่มค่างวดปีละ (%)", "เช่น 10"))
        .push(input(opt, i, Field::Rate, "อัตราดอกเบี้ยใหม่ (% ต่อปี)", "เว้นว่าง = อัตราเดิม"))
        .push(toggle(
            opt.waive_default_interest,
            "ยกดอกเบี้ยผิดนัดและค่าธรรมเนียม",
            move |on| Message::WaiveToggled(i, on),
        ))
        .push(toggle(
            opt.release,
            "พักดอกเบี้ยผิดนัดไว้ ปลดเมื่อทำตามแผน",
            move |on| Message::ReleaseToggled(i, on),
        ));
    if opt.release {
        c = c
            .push(input(opt, i, Field::Every, "ปลดทุก (งวดที่ชำระตรง)", "เช่น 12"))
            .push(input(opt, i, Field::MaxLate, "ช้าได้ไม่เกิน (วัน)", "เช่น 15"))
            .push(input(opt, i, Field::BreakAfter, "ผิดแผนเมื่อค้าง (งวด)", "เช่น 3"));
    }
    if let Some(p) = &opt.problem {
        c = c.push(error_text(p));
    }
    container(c).padding(space::M).width(FillPortion(1)).style(boxes::card).into()
}

fn view_compare(s: &PlanBuilder) -> Element<'_, Message> {
    type Metric = fn(&crate::domain::plan::Plan) -> String;
    // Each reduction on its own line with its amount (issue 17 §A4: an option 55.44 cheaper
    // showed "ปลดหนี้ 0.00" because its reduction was waived up front, not released later).
    let metrics: [(&str, Metric); 8] = [
        ("ค่างวดปกติ (บาท)", |p| p.regular_installment().to_string()),
        ("ค่างวดสูงสุด (บาท)", |p| p.max_installment().to_string()),
        ("จำนวนงวด", |p| p.periods().to_string()),
        ("งวดสุดท้าย", |p| p.end_date().map(format_long).unwrap_or_default()),
        ("ดอกเบี้ยรวม (บาท)", |p| p.total_interest().to_string()),
        ("ชำระรวม (บาท)", |p| p.total_paid().to_string()),
        ("ลดหนี้ทันทีเมื่ออนุมัติ (บาท)", |p| p.waived.to_string()),
        ("ปลดหนี้ภายหลังเมื่อทำตามแผน (บาท)", |p| p.released_if_kept().to_string()),
    ];
    let head = Row::new()
        .push(small("").width(FillPortion(2)))
        .extend(s.options.iter().enumerate().map(|(i, _)| {
            strong(format!("ทางเลือกที่ {}", i + 1)).align_x(iced::Right).width(FillPortion(2)).into()
        }))
        .spacing(space::M);
    let mut table = Column::new().spacing(space::XS).push(head);
    for (name, metric) in metrics {
        let cells = s.options.iter().map(|o| {
            let v = o.plan.as_ref().map(metric).unwrap_or_else(|| "—".into());
            body(v).align_x(iced::Right).width(FillPortion(2)).into()
        });
        table = table.push(
            Row::new().push(body(name).width(FillPortion(2))).extend(cells).spacing(space::M),
        );
    }
    let pending = s.basis.as_ref().and_then(|b| b.pending.as_deref());
    let buttons = s.options.iter().enumerate().map(|(i, o)| {
        let proposed = s.proposed.map(|(k, _)| k) == Some(i);
        let press = (o.plan.is_some() && !s.busy && s.proposed.is_none() && pending.is_none())
            .then_some(Message::Propose(i));
        let b: Element<'_, Message> = if proposed {
            muted("เสนอแล้ว").into()
        } else {
            primary_button("เสนอแผนนี้", press)
        };
        container(b).align_right(FillPortion(2)).into()
    });
    table = table
        .push(Row::new().push(small("").width(FillPortion(2))).extend(buttons).spacing(space::M));
    // Why the buttons are off, right under them (issue 17 §B7, §12).
    if let Some(what) = pending
        && s.proposed.is_none()
    {
        table = table.push(error_text(format!(
            "สัญญานี้มีรายการรออนุมัติอยู่แล้ว ({what}) ต้องอนุมัติหรือไม่อนุมัติรายการนั้นก่อนจึงจะเสนอใหม่ได้"
        )));
    }
    if let Some((i, id)) = s.proposed
        && id > 0
    {
        table = table.push(
            row![
                notice_banner(format!(
                    "เสนอทางเลือกที่ {} แล้ว (แผนเลขที่ {id}) รอเหรัญญิกหรือกรรมการอนุมัติ",
                    i + 1
                )),
                secondary_button("ไปหน้ารออนุมัติ", Some(Message::Open(Destination::Approvals))),
            ]
            .spacing(space::M)
            .align_y(iced::Center),
        );
    }
    section("เปรียบเทียบทางเลือก", vec![], table)
}

fn view_chart(s: &PlanBuilder) -> Element<'_, Message> {
    let chart = BalanceChart {
        curves: s
            .options
            .iter()
            .map(|o| o.plan.as_ref().map(|p| p.balance_curve()).unwrap_or_default())
            .collect(),
        names: (1..=s.options.len()).map(|k| format!("ทางเลือกที่ {k}")).collect(),
    };
    card(
        column![
            subtitle("ยอดคงเหลือตามเวลาของแต่ละทางเลือก"),
            canvas(chart).width(Fill).height(CHART_HEIGHT),
        ]
        .spacing(space::M),
    )
}
