//! A subject-access copy (PDPA s.30): everything the database holds about one person, found by
//! the schema's own foreign keys rather than a hand-kept list, so a table added later is in the
//! copy without anyone remembering to add it. The rows of the person, of every table that points
//! at the person, of the loans the person borrowed, and of every table that points at those loans.

use std::collections::BTreeMap;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::clock;
use crate::domain::role::Permission;
use crate::store::audit;
use crate::store::error::Result;
use crate::store::persons;
use crate::store::users::Actor;

/// Tables whose rows are the office's own workings, not data about the person, or hold secrets.
const LEFT_OUT: &[&str] = &["audit_log", "app_user", "sign_in_lockout"];

#[derive(Debug, Clone, Serialize)]
pub struct Copy {
    pub person_id: i64,
    pub name: String,
    pub made_on: String,
    /// Table name → its rows, each a column → value object.
    pub tables: BTreeMap<String, Vec<Map<String, Value>>>,
}

impl Copy {
    pub fn row_count(&self) -> usize {
        self.tables.values().map(Vec::len).sum()
    }
}

pub fn copy(conn: &Connection, actor: &Actor, person_id: i64) -> Result<Copy> {
    actor.require(Permission::ManagePersonalData)?;
    let person = persons::get(conn, person_id)?;
    let mut tables: BTreeMap<String, Vec<Map<String, Value>>> = BTreeMap::new();
    tables.insert("person".into(), rows(conn, "SELECT * FROM person WHERE id = ?1", person_id)?);
    tables.insert(
        "household".into(),
        rows(
            conn,
            "SELECT * FROM household WHERE id = (SELECT household_id FROM person WHERE id = ?1)",
            person_id,
        )?,
    );
    for (table, column) in pointing_at(conn, "person")? {
        if table == "person" || LEFT_OUT.contains(&table.as_str()) {
            continue;
        }
        let found =
            rows(conn, &format!("SELECT * FROM \"{table}\" WHERE \"{column}\" = ?1"), person_id)?;
        tables.entry(table).or_default().extend(found);
    }
    let loans: Vec<i64> = conn
        .prepare("SELECT id FROM loan WHERE borrower_id = ?1 ORDER BY id")?
        .query_map([person_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, column) in pointing_at(conn, "loan")? {
        if LEFT_OUT.contains(&table.as_str()) {
            continue;
        }
        for &loan in &loans {
            let found =
                rows(conn, &format!("SELECT * FROM \"{table}\" WHERE \"{column}\" = ?1"), loan)?;
            tables.entry(table.clone()).or_default().extend(found);
        }
    }
    for list in tables.values_mut() {
        list.dedup();
    }
    tables.retain(|_, v| !v.is_empty());
    audit::append(conn, actor, "subject_access", "person", Some(person_id), "")?;
    Ok(Copy { person_id, name: person.full_name(), made_on: clock::now_stamp(), tables })
}

/// (table, column) of every foreign key in the schema that references `target`.
fn pointing_at(conn: &Connection, target: &str) -> Result<Vec<(String, String)>> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut found = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list(\"{table}\")"))?;
        let keys: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (references, column) in keys {
            if references == target {
                found.push((table.clone(), column));
            }
        }
    }
    Ok(found)
}

fn rows(conn: &Connection, sql: &str, id: i64) -> Result<Vec<Map<String, Value>>> {
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().into_iter().map(String::from).collect();
    let mut rows = stmt.query([id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut m = Map::new();
        for (i, name) in names.iter().enumerate() {
            let v = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(f) => Value::from(f),
                ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => Value::from(format!("<ข้อมูลไบนารี {} ไบต์>", b.len())),
            };
            m.insert(name.clone(), v);
        }
        out.push(m);
    }
    Ok(out)
}
