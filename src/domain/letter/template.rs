//! Editable wording with named fields: `เรียน {ผู้รับ}`. Officers edit the words; the fields are
//! filled from the database. A rendered paragraph keeps each field as one run, so the layout can
//! keep a name, an address part, a contract number or an amount on one line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Kind;
use super::compliance;

/// One field a template may use, with what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub name: &'static str,
    pub about: &'static str,
}

pub const FIELDS: &[FieldDef] = &[
    FieldDef {
        name: "ชื่อสถาบัน", about: "ชื่อสถาบันผู้ทวงถามหนี้"
    },
    FieldDef {
        name: "โทรศัพท์สถาบัน", about: "เบอร์ติดต่อของสถาบัน"
    },
    FieldDef {
        name: "ผู้รับ", about: "ชื่อผู้รับหนังสือ"
    },
    FieldDef { name: "ผู้กู้", about: "ชื่อผู้กู้" },
    FieldDef {
        name: "เลขที่สัญญา", about: "เลขที่สัญญาเงินกู้"
    },
    FieldDef {
        name: "วันที่สัญญา", about: "วันที่ทำสัญญา"
    },
    FieldDef {
        name: "กองทุน", about: "ชื่อกองทุนเจ้าของเงิน"
    },
    FieldDef {
        name: "เงินต้น", about: "เงินต้นตามสัญญา"
    },
    FieldDef {
        name: "ณวันที่", about: "วันที่ยอดหนี้ในหนังสือ"
    },
    FieldDef {
        name: "ยอดค้างชำระ", about: "ยอดเงินที่ต้องชำระ (ตัวเลข)"
    },
    FieldDef {
        name: "ยอดค้างชำระตัวอักษร", about: "ยอดเงินที่ต้องชำระ (ตัวอักษร)"
    },
    FieldDef {
        name: "งวดค้าง", about: "จำนวนงวดที่ค้างชำระ"
    },
    FieldDef {
        name: "จำนวนวันค้าง", about: "จำนวนวันที่ค้างชำระ"
    },
    FieldDef {
        name: "วันครบกำหนด", about: "วันครบกำหนดของงวดที่ค้างนานที่สุด"
    },
    FieldDef {
        name: "วันผิดนัด", about: "วันที่ลูกหนี้ผิดนัด"
    },
    FieldDef {
        name: "ชำระภายในวันที่", about: "วันสุดท้ายที่ขอให้ชำระ"
    },
    FieldDef {
        name: "ยอดปิดบัญชี", about: "ยอดที่ต้องชำระเพื่อปิดบัญชี"
    },
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub kind: Kind,
    /// เรื่อง
    pub subject: String,
    /// เรียน …
    pub salutation: String,
    /// อ้างถึง (may be empty)
    pub reference: String,
    /// สิ่งที่ส่งมาด้วย (may be empty)
    pub enclosure: String,
    /// Body paragraphs; the amounts table is printed after the first.
    pub body: Vec<String>,
    /// ขอแสดงความนับถือ
    pub closing: String,
}

/// A piece of rendered text: words from the template, or a field's value (kept unbroken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    pub field: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("วงเล็บปีกกาไม่ครบคู่: \"{0}\"")]
    Unbalanced(String),
    #[error("ไม่รู้จักช่องข้อมูล {{{0}}}")]
    UnknownField(String),
    #[error("หนังสือประเภทนี้ต้องมีช่องข้อมูล {{{0}}} (พ.ร.บ.การทวงถามหนี้ฯ)")]
    MissingField(&'static str),
    #[error("ห้ามใช้ถ้อยคำ \"{0}\" ในหนังสือทวงถามหนี้ (ข่มขู่ ดูหมิ่น หรือทำให้เข้าใจผิด)")]
    ForbiddenWording(&'static str),
    #[error("ไม่มีข้อมูลสำหรับช่อง {{{0}}}")]
    NoValue(String),
}

/// Splits text into literal parts and field names.
fn pieces(text: &str) -> Result<Vec<(bool, &str)>, TemplateError> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if rest[..open].contains('}') {
            return Err(TemplateError::Unbalanced(text.to_string()));
        }
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| TemplateError::Unbalanced(text.to_string()))?;
        let name = &after[..close];
        if name.contains('{') {
            return Err(TemplateError::Unbalanced(text.to_string()));
        }
        out.push((true, name.trim()));
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(TemplateError::Unbalanced(text.to_string()));
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    Ok(out)
}

pub fn field_names(text: &str) -> Result<Vec<String>, TemplateError> {
    Ok(pieces(text)?.into_iter().filter(|(f, _)| *f).map(|(_, n)| n.to_string()).collect())
}

/// Fills a text's fields; an unknown field or a missing value is an error, never a blank.
pub fn render(text: &str, values: &BTreeMap<String, String>) -> Result<Vec<Run>, TemplateError> {
    pieces(text)?
        .into_iter()
        .map(|(field, part)| {
            if field {
                values
                    .get(part)
                    .map(|v| Run { text: v.clone(), field: true })
                    .ok_or_else(|| TemplateError::NoValue(part.to_string()))
            } else {
                Ok(Run { text: part.to_string(), field: false })
            }
        })
        .collect()
}

/// Renders to plain text (previews, tests, the register's copy of what was said).
pub fn render_plain(
    text: &str,
    values: &BTreeMap<String, String>,
) -> Result<String, TemplateError> {
    Ok(render(text, values)?.into_iter().map(|r| r.text).collect())
}

impl Template {
    pub fn texts(&self) -> Vec<&str> {
        let mut all = vec![
            self.subject.as_str(),
            self.salutation.as_str(),
            self.reference.as_str(),
            self.enclosure.as_str(),
            self.closing.as_str(),
        ];
        all.extend(self.body.iter().map(String::as_str));
        all
    }

    /// Every problem with the wording: unknown fields, a debt letter that does not name the
    /// collector and the amount, forbidden wording (Debt Collection Act B.E. 2558).
    pub fn problems(&self) -> Vec<TemplateError> {
        let mut out = Vec::new();
        let mut used = Vec::new();
        for text in self.texts() {
            match field_names(text) {
                Ok(names) => used.extend(names),
                Err(e) => out.push(e),
            }
            for word in compliance::forbidden_in_letter(text) {
                out.push(TemplateError::ForbiddenWording(word));
            }
        }
        for name in &used {
            if !FIELDS.iter().any(|f| f.name == name) {
                out.push(TemplateError::UnknownField(name.clone()));
            }
        }
        if self.kind.states_debt() {
            for required in ["ชื่อสถาบัน", "ยอดค้างชำระ"]
            {
                if !used.iter().any(|u| u == required) {
                    out.push(TemplateError::MissingField(required));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> BTreeMap<String, String> {
        [("ผู้รับ", "นายสมชาย ใจดี"), ("ยอดค้างชำระ", "1,234.50")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fields_become_unbroken_runs() {
        let runs = render("เรียน {ผู้รับ} ค้าง {ยอดค้างชำระ} บาท", &values()).unwrap();
        assert_eq!(runs.len(), 5);
        assert_eq!(runs[1], Run { text: "นายสมชาย ใจดี".into(), field: true });
        assert_eq!(render_plain("เรียน {ผู้รับ}", &values()).unwrap(), "เรียน นายสมชาย ใจดี");
    }

    #[test]
    fn broken_braces_and_unknown_fields_are_reported() {
        assert!(matches!(render("เรียน {ผู้รับ", &values()), Err(TemplateError::Unbalanced(_))));
        assert!(matches!(render("เรียน ผู้รับ}", &values()), Err(TemplateError::Unbalanced(_))));
        assert_eq!(render("{ไม่มี}", &values()), Err(TemplateError::NoValue("ไม่มี".into())));
    }

    #[test]
    fn a_debt_letter_must_name_the_collector_and_the_amount_and_not_threaten() {
        let t = Template {
            kind: Kind::Demand,
            subject: "ทวงถาม".into(),
            salutation: "เรียน {ผู้รับ}".into(),
            reference: String::new(),
            enclosure: String::new(),
            body: vec!["หากไม่ชำระจะถูกจำคุก {ไม่มีช่องนี้}".into()],
            closing: "ขอแสดงความนับถือ".into(),
        };
        let problems = t.problems();
        assert!(problems.contains(&TemplateError::ForbiddenWording("จำคุก")));
        assert!(problems.contains(&TemplateError::UnknownField("ไม่มีช่องนี้".into())));
        assert!(problems.contains(&TemplateError::MissingField("ชื่อสถาบัน")));
        assert!(problems.contains(&TemplateError::MissingField("ยอดค้างชำระ")));
    }
}
