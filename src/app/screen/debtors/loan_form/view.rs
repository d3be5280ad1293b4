//! The loan form's look: terms, the schedule preview, guarantors and collateral, each invalid
//! field with its Thai message beside it.

use iced::widget::column;

use super::*;

impl LoanForm {
    pub(super) fn input<'a>(
        &'a self,
        label: &'a str,
        input: Input,
        placeholder: &'a str,
    ) -> Field<'a, Message> {
        field(label, input.id(), placeholder, self.form.get(input), move |v| {
            Message::Edit(input, v)
        })
        .error(self.form.error(input))
        .submit(Message::Save)
    }

    pub fn view(&self) -> Element<'_, Message> {
        let who = self
            .borrower
            .as_ref()
            .map(|b| format!("ผู้กู้ {} · {}", b.full_name(), b.address.one_line()))
            .unwrap_or_default();
        let mut content = Column::new()
            .spacing(space::L)
            .max_width(dim::FORM * 1.3)
            .push(column![title("ทำสัญญาเงินกู้ใหม่"), muted(who)]);
        if let Some(e) = &self.error {
            content = content.push(error_banner(e));
        }
        content = content
            .push(card(self.view_terms()))
            .push(self.view_preview())
            .push(self.view_guarantors())
            .push(self.view_collateral());
        let mut end = Column::new().spacing(space::S);
        if self.form.has_errors() {
            end = end.push(error_text("ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง"));
        }
        end = end.push(
            row![
                primary_button("บันทึกสัญญา (Enter)", (!self.saving).then_some(Message::Save)),
                secondary_button("ยกเลิก (Esc)", Some(Message::Cancel)),
            ]
            .spacing(space::M),
        );
        page(content.push(end))
    }

    pub(super) fn view_terms(&self) -> Element<'_, Message> {
        let fund = column![choices(&self.funds, self.fund.as_ref(), Message::FundSelected)];
        let fund = match self.form.error(Input::Fund) {
            Some(e) => fund.push(error_text(e)),
            None => fund,
        };
        column![
            labelled("กองทุน", fund),
            self.input("เงินต้น (บาท)", Input::Principal, "เช่น 20,000"),
            self.input("อัตราดอกเบี้ย (% ต่อปี)", Input::Rate, "ไม่เกิน 15")
                .hint("ป.พ.พ. มาตรา 654 ห้ามเกินร้อยละ 15 ต่อปี"),
            labelled(
                "วิธีคิดดอกเบี้ย",
                choices(Method::ALL, Some(&self.method), Message::MethodSelected),
            ),
            labelled(
                "ผ่อนชำระ",
                choices(Frequency::ALL, Some(&self.frequency), Message::FrequencySelected),
            ),
            self.input("จำนวนงวด", Input::Periods, "เช่น 12"),
            self.input("วันเริ่มสัญญา", Input::Start, "วว/ดด/ปปปป (พ.ศ.)"),
            labelled(
                "การคิดดอกเบี้ยต่องวด",
                choices(DayCount::ALL, Some(&self.day_count), Message::DayCountSelected),
            ),
            labelled(
                "",
                checkbox(self.round_up)
                    .label("ปัดค่างวดขึ้นเป็นบาทเต็ม")
                    .on_toggle(Message::RoundUpToggled)
                    .text_line_height(iced::widget::text::LineHeight::Relative(dim::LINE_HEIGHT)),
            ),
            self.input("ดอกเบี้ยผิดนัด (% ต่อปี)", Input::Penalty, "ปกติ 5"),
            self.input("วัตถุประสงค์", Input::Purpose, "เช่น ลงทุนปลูกข้าว (เว้นว่างได้)"),
        ]
        .spacing(space::M)
        .into()
    }

    pub(super) fn view_preview(&self) -> Element<'_, Message> {
        let content: Element<'_, Message> = match &self.preview {
            None => muted("กรอกเงื่อนไขให้ครบและถูกต้อง ตารางผ่อนชำระจะแสดงที่นี่ก่อนบันทึก").into(),
            Some(Err(e)) => error_text(e.as_str()).into(),
            Some(Ok(schedule)) => {
                let cols = [
                    num("งวด", 1),
                    col("ครบกำหนด", 3),
                    num("เงินต้น", 3),
                    num("ดอกเบี้ย", 3),
                    num("ค่างวด", 3),
                    num("คงเหลือ", 3),
                ];
                let items = &schedule.installments;
                let list = virtual_list(
                    PREVIEW_ID,
                    items.len(),
                    self.preview_window,
                    |i| {
                        let it = &items[i];
                        widget::striped(
                            i,
                            table_row(
                                &cols,
                                vec![
                                    cell(it.no.to_string()).into(),
                                    cell(format_short(it.due_date)).into(),
                                    money(it.principal).into(),
                                    money(it.interest).into(),
                                    money(it.payment()).into(),
                                    money(it.balance).into(),
                                ],
                            ),
                        )
                    },
                    Message::PreviewScrolled,
                );
                let height = items.len().clamp(1, PREVIEW_ROWS) as f32 * dim::ROW;
                let facts = row![
                    column![
                        fact("ค่างวดแรก", format!("{} บาท", schedule.first_payment())),
                        fact("ดอกเบี้ยรวม", format!("{} บาท", schedule.total_interest())),
                    ]
                    .width(Fill),
                    column![
                        fact("รวมต้องชำระ", format!("{} บาท", schedule.total_payment())),
                        fact(
                            "งวดสุดท้าย",
                            schedule.end_date().map(format_long).unwrap_or_else(|| "-".into())
                        ),
                    ]
                    .width(Fill),
                ];
                column![
                    facts,
                    beside_scrollbar(table_header(&cols)),
                    container(list).height(Length::Fixed(height))
                ]
                .spacing(space::S)
                .into()
            }
        };
        section("ตารางผ่อนชำระ (ก่อนบันทึก)", vec![], content)
    }

    pub(super) fn view_guarantors(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::S);
        for g in &self.guarantors {
            content = content.push(
                row![
                    body(&g.name).width(Fill),
                    muted(&g.detail),
                    link("เอาออก", Message::RemoveGuarantor(g.person_id)),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            );
        }
        if self.guarantors.is_empty() {
            content = content.push(muted("ยังไม่มีผู้ค้ำประกัน"));
        }
        content = content.push(
            field(
                "ค้นหาผู้ค้ำประกัน",
                Input::GuarantorQuery.id(),
                "พิมพ์ชื่อ เลขประจำตัว หรือโทรศัพท์",
                self.form.get(Input::GuarantorQuery),
                |v| Message::Edit(Input::GuarantorQuery, v),
            )
            .error(self.guarantor_error.as_deref()),
        );
        let cols = [col("ชื่อ-สกุล", 5), col("เลขประจำตัวประชาชน", 4), col("บ้านเลขที่", 2), col("", 2)];
        if !self.guarantor_hits.is_empty() {
            let mut hits = Column::new().push(table_header(&cols));
            for hit in &self.guarantor_hits {
                hits = hits.push(clickable(
                    table_row(
                        &cols,
                        vec![
                            cell(&hit.name).into(),
                            cell(&hit.national_id_masked).into(),
                            cell(format!("{} ม.{}", hit.house_no, hit.village_no)).into(),
                            cell("เพิ่มเป็นผู้ค้ำ").style(crate::app::theme::texts::primary).into(),
                        ],
                    ),
                    Message::AddGuarantor(hit.clone()),
                    false,
                ));
            }
            content = content.push(hits);
        }
        section("ผู้ค้ำประกัน", vec![], content)
    }

    pub(super) fn view_collateral(&self) -> Element<'_, Message> {
        let mut content = Column::new().spacing(space::S);
        for (i, c) in self.collateral.iter().enumerate() {
            content = content.push(
                row![
                    body(c.kind.to_string()).width(Length::FillPortion(2)),
                    body(&c.document_no).width(Length::FillPortion(2)),
                    body(&c.description).width(Length::FillPortion(3)),
                    container(money(c.value)).width(Length::FillPortion(2)),
                    link("เอาออก", Message::RemoveCollateral(i)),
                ]
                .spacing(space::M)
                .align_y(iced::Center),
            );
        }
        if self.collateral.is_empty() {
            content = content.push(muted("ยังไม่มีหลักประกัน"));
        }
        let error_of = |input: Input| {
            self.collateral_error.as_ref().filter(|(i, _)| *i == input).map(|(_, e)| e.as_str())
        };
        let plain = |label, input: Input, placeholder| {
            field(label, input.id(), placeholder, self.form.get(input), move |v| {
                Message::Edit(input, v)
            })
            .error(error_of(input))
            .submit(Message::AddCollateral)
        };
        content = content
            .push(labelled(
                "ประเภท",
                choices(
                    CollateralKind::ALL,
                    Some(&self.collateral_kind),
                    Message::CollateralKindSelected,
                ),
            ))
            .push(plain("เลขที่เอกสาร", Input::CollateralDocument, "เช่น โฉนดเลขที่ 1234"))
            .push(plain("รายละเอียด", Input::CollateralDescription, "เช่น ที่ดิน 2 ไร่"))
            .push(plain("มูลค่า (บาท)", Input::CollateralValue, "เว้นว่างได้"))
            .push(labelled("", secondary_button("เพิ่มหลักประกัน", Some(Message::AddCollateral))));
        section("หลักประกัน", vec![], content)
    }
}
