//! ISO 10002's analysis of the complaints (issue 16 §5): by category and month, time to each
//! step, the share closed within target, repeat complainants, lessons.

use super::*;

/// ISO 10002's analysis: complaints by category and month, time to each step, the share closed
/// within target, repeat complainants (masked), and the lessons recorded at closing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub total: usize,
    pub open: usize,
    pub overdue: usize,
    /// ("2568-11", category code, count), by month then category.
    pub by_month: Vec<MonthCount>,
    pub steps: Vec<StepTime>,
    pub closed: usize,
    pub closed_within_target: usize,
    /// e.g. "66.7", None before anything is closed.
    pub within_target_percent: Option<String>,
    pub target_percent: u32,
    pub repeat: Vec<Repeat>,
    pub lessons: Vec<Lesson>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MonthCount {
    /// The B.E. year and month, "2568-11".
    pub month: String,
    pub category: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StepTime {
    pub step: String,
    pub reached: usize,
    /// Mean working days from receipt, to one decimal ("1.5").
    pub mean_working_days: Option<String>,
    pub target_days: u32,
    pub late: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Repeat {
    pub complainant: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Lesson {
    pub number: String,
    pub category: String,
    pub lesson: String,
}

/// `n / d` as a percentage or a mean to one decimal, half away from zero, in integers.
fn tenths(n: u64, d: u64) -> Option<String> {
    (d > 0).then(|| {
        let t = (n * 10 * 2 + d) / (2 * d);
        format!("{}.{}", t / 10, t % 10)
    })
}

/// The report of the complaints received from `from` to `to`.
pub fn report(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Report> {
    let targets = targets(conn)?;
    let rows: Vec<Row> = list(conn, false, today)?
        .into_iter()
        .filter(|r| r.received_on >= from && r.received_on <= to)
        .collect();
    let mut by_month: std::collections::BTreeMap<(String, Category), usize> = Default::default();
    for r in &rows {
        use chrono::Datelike;
        let month = format!("{}-{:02}", be_year(r.received_on), r.received_on.month());
        *by_month.entry((month, r.category)).or_default() += 1;
    }
    let mut calendars: std::collections::HashMap<i32, crate::domain::collections::hours::Holidays> =
        Default::default();
    let timed = [Step::Acknowledge, Step::Assess, Step::Investigate, Step::Respond, Step::Close];
    let mut sums = [(0usize, 0u64, 0usize); 5];
    let (mut closed, mut within) = (0, 0);
    for r in &rows {
        use chrono::Datelike;
        let flow = workflow(conn, r.id)?;
        let year = r.received_on.year();
        if let std::collections::hash_map::Entry::Vacant(e) = calendars.entry(year) {
            e.insert(holidays::calendar(conn, r.received_on)?);
        }
        let cal = &calendars[&year];
        for (i, step) in timed.iter().enumerate() {
            if let Some(on) = flow.reached(*step) {
                let days = crate::domain::complaints::working_days_between(r.received_on, on, cal);
                sums[i].0 += 1;
                sums[i].1 += u64::from(days);
                if targets.days(*step).is_some_and(|t| days > t) {
                    sums[i].2 += 1;
                }
                if *step == Step::Close {
                    closed += 1;
                    if days <= targets.close {
                        within += 1;
                    }
                }
            }
        }
    }
    let mut people: std::collections::BTreeMap<i64, (String, usize)> = Default::default();
    for r in &rows {
        if let Some(p) = r.person_id {
            people.entry(p).or_insert((r.complainant.clone(), 0)).1 += 1;
        }
    }
    let mut stmt = conn.prepare(
        "SELECT no, be_year, category, lesson FROM complaint WHERE trim(lesson) <> ''
         AND received_on BETWEEN ?1 AND ?2 ORDER BY received_on, id",
    )?;
    let lessons = stmt
        .query_map(params![from, to], |r| {
            Ok(Lesson {
                number: number(r.get(0)?, r.get(1)?),
                category: Category::from_code(&r.get::<_, String>(2)?)
                    .map(|c| c.thai())
                    .unwrap_or("")
                    .to_string(),
                lesson: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Report {
        from,
        to,
        total: rows.len(),
        open: rows.iter().filter(|r| r.open).count(),
        overdue: rows.iter().filter(|r| r.overdue).count(),
        by_month: by_month
            .into_iter()
            .map(|((month, c), count)| MonthCount { month, category: c.code().into(), count })
            .collect(),
        steps: timed
            .iter()
            .zip(sums)
            .map(|(s, (n, sum, late))| StepTime {
                step: s.action().into(),
                reached: n,
                mean_working_days: tenths(sum, n as u64),
                target_days: targets.days(*s).unwrap_or(0),
                late,
            })
            .collect(),
        closed,
        closed_within_target: within,
        within_target_percent: tenths(within as u64 * 100, closed as u64),
        target_percent: targets.within_target_percent,
        repeat: people
            .into_values()
            .filter(|(_, n)| *n > 1)
            .map(|(complainant, count)| Repeat { complainant, count })
            .collect(),
        lessons,
    })
}

impl Report {
    /// The report as tables for the PDF, the .xlsx and the CSV: the same figures as `--json`.
    pub fn tables(&self) -> Vec<crate::domain::report::table::Table> {
        use crate::domain::report::table::{Cell, Kind, Table};
        use crate::domain::thai::date::format_numeric;
        let period =
            format!("รับเรื่องตั้งแต่ {} ถึง {}", format_numeric(self.from), format_numeric(self.to));
        let count = |n: usize| Cell::Count(n as i64);
        let text = |s: &str| Cell::Text(s.to_string());

        let mut months = Table::new(
            "เรื่องร้องเรียนตามประเภทและเดือน",
            vec![("เดือน", Kind::Text), ("ประเภท", Kind::Text), ("จำนวน", Kind::Count)],
        );
        months.subtitle = vec![
            period.clone(),
            format!(
                "ทั้งหมด {} เรื่อง ยังไม่ปิด {} เกินกำหนด {} ปิดแล้ว {} ปิดได้ตามกำหนด {} (ร้อยละ {} เป้าหมายร้อยละ {})",
                self.total,
                self.open,
                self.overdue,
                self.closed,
                self.closed_within_target,
                self.within_target_percent.as_deref().unwrap_or("-"),
                self.target_percent
            ),
        ];
        for m in &self.by_month {
            let category = Category::from_code(&m.category).map(|c| c.thai()).unwrap_or("");
            months.rows.push(vec![text(&thai_month(&m.month)), text(category), count(m.count)]);
        }
        months.total = Some(vec![text("รวม"), Cell::Empty, count(self.total)]);

        let mut steps = Table::new(
            "ระยะเวลาถึงแต่ละขั้นตอน (วันทำการนับจากวันรับเรื่อง)",
            vec![
                ("ขั้นตอน", Kind::Text),
                ("ถึงขั้นนี้ (เรื่อง)", Kind::Count),
                ("เฉลี่ย (วันทำการ)", Kind::Text),
                ("กำหนด (วันทำการ)", Kind::Count),
                ("เกินกำหนด (เรื่อง)", Kind::Count),
            ],
        );
        for s in &self.steps {
            steps.rows.push(vec![
                text(&s.step),
                count(s.reached),
                text(s.mean_working_days.as_deref().unwrap_or("-")),
                Cell::Count(i64::from(s.target_days)),
                count(s.late),
            ]);
        }

        let mut repeat =
            Table::new("ผู้ร้องเรียนซ้ำ", vec![("ผู้ร้องเรียน", Kind::Text), ("จำนวนเรื่อง", Kind::Count)]);
        for r in &self.repeat {
            repeat.rows.push(vec![text(&r.complainant), count(r.count)]);
        }
        let mut lessons = Table::new(
            "บทเรียนที่บันทึกเมื่อปิดเรื่อง",
            vec![("เลขที่", Kind::Text), ("ประเภท", Kind::Text), ("บทเรียน", Kind::Text)],
        );
        for l in &self.lessons {
            lessons.rows.push(vec![text(&l.number), text(&l.category), text(&l.lesson)]);
        }
        vec![months, steps, repeat, lessons]
    }
}

/// "2568-11" → "พ.ย. 2568".
fn thai_month(be_month: &str) -> String {
    use crate::domain::thai::date::MONTHS_SHORT;
    match be_month.split_once('-') {
        Some((y, m)) => {
            match m.parse::<usize>().ok().and_then(|m| MONTHS_SHORT.get(m.wrapping_sub(1))) {
                Some(name) => format!("{name} {y}"),
                None => be_month.to_string(),
            }
        }
        None => be_month.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tenths_round_half_away_from_zero() {
        assert_eq!(super::tenths(2, 3).as_deref(), Some("0.7"));
        assert_eq!(super::tenths(200, 3).as_deref(), Some("66.7"));
        assert_eq!(super::tenths(1, 4).as_deref(), Some("0.3"));
        assert_eq!(super::tenths(100, 1).as_deref(), Some("100.0"));
        assert_eq!(super::tenths(1, 0), None);
    }
}
