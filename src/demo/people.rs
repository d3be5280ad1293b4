//! Households and members of the demo ตำบล, each member with a payment habit.

use std::collections::HashMap;

use chrono::{Datelike, Days};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::{Connection, params};

use crate::clock;
use crate::domain::NationalId;
use crate::domain::person::Grade;
use crate::store::error::Result;
use crate::store::persons;

use super::{Habit, Options, Progress};

/// Member ids per household, and each member's payment habit.
pub(super) type People = (Vec<Vec<i64>>, HashMap<i64, Habit>);

/// Inserts households and members; returns member ids per household and each member's habit.
pub(super) fn insert_people(
    conn: &Connection,
    opts: &Options,
    rng: &mut ChaCha8Rng,
    villages: usize,
    subdistrict: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<People> {
    let now = clock::now_stamp();
    let mut household = conn.prepare(
        "INSERT INTO household (house_no, village_no, village_name, subdistrict, district, province, postcode, created_at)
         VALUES (?1, ?2, ?3, ?4, 'บ้านโป่ง', 'ราชบุรี', '70110', ?5)",
    )?;
    let mut person = conn.prepare(
        "INSERT INTO person (household_id, title, first_name, last_name, national_id, birth_date, phone, grade, search_text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut head = conn.prepare("UPDATE household SET head_person_id = ?1 WHERE id = ?2")?;
    let mut house_counter = vec![0u32; villages + 1];
    let mut members = Vec::with_capacity(opts.households);
    let mut habits = HashMap::new();
    let mut id_counter: u32 = 0;
    for h in 0..opts.households {
        let village = 1 + (h % villages) as u8;
        house_counter[village as usize] += 1;
        let house_no = if rng.random_bool(0.15) {
            format!("{}/{}", house_counter[village as usize], rng.random_range(1..=9))
        } else {
            house_counter[village as usize].to_string()
        };
        household.execute(params![
            house_no,
            village,
            super::names::VILLAGES[(village as usize - 1) % super::names::VILLAGES.len()],
            subdistrict,
            now
        ])?;
        let household_id = conn.last_insert_rowid();
        let surname = super::names::surname(rng.random_range(0..super::names::SURNAME_COUNT));
        let size = match rng.random_range(0..100) {
            0..=14 => 1,
            15..=49 => 2,
            50..=84 => 3,
            _ => 4,
        };
        let mut ids = Vec::with_capacity(size);
        let mut given: Vec<&str> = Vec::with_capacity(size);
        for m in 0..size {
            let male = if m == 0 { rng.random_bool(0.6) } else { m % 2 == 1 };
            let pool = if male { super::names::MALE } else { super::names::FEMALE };
            let mut first = pool[rng.random_range(0..pool.len())];
            while given.contains(&first) {
                first = pool[rng.random_range(0..pool.len())];
            }
            given.push(first);
            let age = if m < 2 { rng.random_range(28..75) } else { rng.random_range(20..40) };
            let title = match (male, m) {
                (true, _) => "นาย",
                (false, 0 | 1) => "นาง",
                (false, _) => "นางสาว",
            };
            let birth = opts.today.with_year(opts.today.year() - age).unwrap_or(opts.today)
                - Days::new(rng.random_range(0..365));
            id_counter += 1;
            let nid = demo_national_id(birth.year() < 1984, id_counter);
            let phone = if rng.random_bool(0.7) {
                format!(
                    "0{}{:08}",
                    ["8", "9", "6"][rng.random_range(0..3)],
                    rng.random_range(0..100_000_000u32)
                )
            } else {
                String::new()
            };
            let habit = match rng.random_range(0..100) {
                0..=61 => Habit::OnTime,
                62..=82 => Habit::Late,
                _ => Habit::Stopped,
            };
            let grade = match habit {
                Habit::OnTime => Grade::A,
                Habit::Late => {
                    if rng.random_bool(0.5) {
                        Grade::B
                    } else {
                        Grade::C
                    }
                }
                Habit::Stopped => Grade::D,
            };
            let text =
                persons::search_text(title, first, &surname, nid.as_ref(), &phone, &house_no);
            person.execute(params![
                household_id,
                title,
                first,
                surname,
                nid.map(|n| n.digits()),
                birth,
                phone,
                grade.code(),
                text,
                now
            ])?;
            let id = conn.last_insert_rowid();
            habits.insert(id, habit);
            ids.push(id);
        }
        head.execute([ids[0], household_id])?;
        members.push(ids);
        if h % 1000 == 0 {
            progress(Progress {
                stage: "สร้างครัวเรือนและสมาชิก", done: h, total: opts.households
            });
        }
    }
    Ok((members, habits))
}

/// A unique, valid id: 3 for people born before 1984, 1 after; 7001 is Ratchaburi's code.
fn demo_national_id(older: bool, counter: u32) -> Option<NationalId> {
    let mut d = [if older { 3 } else { 1 }, 7, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    let mut c = counter;
    for slot in d[5..].iter_mut().rev() {
        *slot = (c % 10) as u8;
        c /= 10;
    }
    NationalId::from_first12(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_ids_are_valid_and_unique() {
        let a = demo_national_id(true, 1).unwrap();
        let b = demo_national_id(false, 2).unwrap();
        assert_ne!(a, b);
        assert!(NationalId::parse(&a.digits()).is_ok());
        assert!(a.digits().starts_with("37001"));
    }
}
