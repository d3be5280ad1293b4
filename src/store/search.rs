//! Finding members as you type: name, national id, phone, house number, หมู่, or a whole contract
//! number (the office's own kept at import, or plodnee's); over 100,000
//! members through the trigram index.

use rusqlite::{Connection, params_from_iter, types::Value};

use super::error::Result;
use crate::domain::NationalId;
use crate::domain::Satang;
use crate::domain::person::full_name;
use crate::domain::thai::digits::to_ascii_digits;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    pub person_id: i64,
    pub household_id: i64,
    pub name: String,
    pub national_id_masked: String,
    pub phone: String,
    pub house_no: String,
    pub village_no: u8,
    pub open_loans: i64,
    pub outstanding: Satang,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchResult {
    pub hits: Vec<SearchHit>,
    /// How many members match in all (the hits are the first `limit` of them).
    pub total: i64,
    /// [`search_as_you_type`] stopped counting at [`COUNT_CAP`]: more members match.
    pub capped: bool,
}

/// The query split into a หมู่ filter and the words to find.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub village: Option<u8>,
    pub words: Vec<String>,
}

/// Reads `หมู่ 3`, `หมู่ที่ 3`, `ม.3` as a village filter; dashes in ids and phones are dropped.
pub fn parse_query(input: &str) -> Query {
    let text = to_ascii_digits(input.trim());
    let mut village = None;
    let mut words = Vec::new();
    let mut tokens = text.split_whitespace().peekable();
    while let Some(token) = tokens.next() {
        let marker = ["หมู่ที่", "หมู่", "ม."].iter().find_map(|m| token.strip_prefix(m));
        match marker {
            Some(rest) if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) => {
                village = rest.parse().ok()
            }
            Some("") if tokens.peek().is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) => {
                village = tokens.next().and_then(|n| n.parse().ok());
            }
            _ => {
                let word = if token.chars().all(|c| c.is_ascii_digit() || c == '-') {
                    token.replace('-', "")
                } else {
                    token.to_string()
                };
                if !word.is_empty() {
                    words.push(word);
                }
            }
        }
    }
    Query { village, words }
}

fn fts_phrase(word: &str) -> String {
    format!("\"{}\"", word.replace('"', "\"\""))
}

/// The borrowers of the loan whose contract number is the whole query: the office's own number
/// kept from its books at import (`loan_opening.office_contract_no`, e.g. `เดิม-77/2568`) or
/// plodnee's. Both columns are indexed, so this costs one lookup per keystroke.
fn by_contract(conn: &Connection, input: &str, limit: usize) -> Result<Option<SearchResult>> {
    let typed = input.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let ascii = to_ascii_digits(typed);
    let mut stmt = conn.prepare_cached(
        "SELECT l.borrower_id FROM loan_opening o JOIN loan l ON l.id = o.loan_id
          WHERE o.office_contract_no IN (?1, ?2)
         UNION SELECT borrower_id FROM loan WHERE contract_no IN (?1, ?2)",
    )?;
    let ids: Vec<i64> =
        stmt.query_map([typed, ascii.as_str()], |r| r.get(0))?.collect::<Result<_, _>>()?;
    if ids.is_empty() {
        return Ok(None);
    }
    // Ids are integers from the database: safe to list in the statement.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let hits = hits_of(conn, &format!("WHERE p.id IN ({list})"), Vec::new(), limit)?;
    Ok(Some(SearchResult { total: hits.len() as i64, hits, capped: false }))
}

/// Members as hits, with their open loans, from a FROM-less filter over `person p` and
/// `household h`, in name order.
fn hits_of(
    conn: &Connection,
    filter: &str,
    mut args: Vec<Value>,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let sql = format!(
        "SELECT p.id, p.household_id, p.title, p.first_name, p.last_name, p.national_id, p.phone, h.house_no, h.village_no,
           (SELECT COUNT(*) FROM loan l WHERE l.borrower_id = p.id AND l.status IN ('active', 'terminated', 'litigation')),
           (SELECT COALESCE(SUM(l.outstanding_principal), 0) FROM loan l WHERE l.borrower_id = p.id AND l.status IN ('active', 'terminated', 'litigation'))
         FROM person p JOIN household h ON h.id = p.household_id {filter}
         ORDER BY p.first_name, p.last_name, p.id LIMIT ?"
    );
    args.push(Value::Integer(limit as i64));
    let mut stmt = conn.prepare(&sql)?;
    let hits = stmt
        .query_map(params_from_iter(args.iter()), hit_with_loans)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(hits)
}

fn hit_with_loans(r: &rusqlite::Row<'_>) -> rusqlite::Result<SearchHit> {
    let nid: Option<String> = r.get(5)?;
    Ok(SearchHit {
        person_id: r.get(0)?,
        household_id: r.get(1)?,
        name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
        national_id_masked: nid
            .and_then(|s| NationalId::parse(&s).ok())
            .map(|n| n.masked())
            .unwrap_or_default(),
        phone: r.get(6)?,
        house_no: r.get(7)?,
        village_no: r.get(8)?,
        open_loans: r.get(9)?,
        outstanding: Satang(r.get(10)?),
    })
}

pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<SearchResult> {
    if let Some(found) = by_contract(conn, input, limit)? {
        return Ok(found);
    }
    let q = parse_query(input);
    if q.words.is_empty() && q.village.is_none() {
        return Ok(SearchResult::default());
    }
    let (filter, mut args, index_only) = filter_of(&q);
    // With only index words the count comes from the trigram index alone, without reading rows.
    let total: i64 = if index_only {
        conn.query_row(
            "SELECT COUNT(*) FROM person_search WHERE person_search MATCH ?1",
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?
    } else {
        conn.query_row(&format!("SELECT COUNT(*) {filter}"), params_from_iter(args.iter()), |r| {
            r.get(0)
        })?
    };

    let first = q.words.first().cloned().unwrap_or_default();
    let sql = format!(
        "SELECT p.id, p.household_id, p.title, p.first_name, p.last_name, p.national_id, p.phone, h.house_no, h.village_no,
           (SELECT COUNT(*) FROM loan l WHERE l.borrower_id = p.id AND l.status IN ('active', 'terminated', 'litigation')),
           (SELECT COALESCE(SUM(l.outstanding_principal), 0) FROM loan l WHERE l.borrower_id = p.id AND l.status IN ('active', 'terminated', 'litigation'))
         {filter}
         ORDER BY (p.first_name LIKE ? || '%') DESC, p.first_name, p.last_name, p.id LIMIT ?"
    );
    args.push(Value::Text(first));
    args.push(Value::Integer(limit as i64));
    let mut stmt = conn.prepare_cached(&sql)?;
    let hits = stmt
        .query_map(params_from_iter(args.iter()), hit_with_loans)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SearchResult { hits, total, capped: false })
}

/// The FROM and WHERE of a query, its arguments, and whether the trigram index alone answers it.
fn filter_of(q: &Query) -> (String, Vec<Value>, bool) {
    // Words of three letters or more go through the trigram index; shorter ones filter with LIKE.
    let (long, short): (Vec<&String>, Vec<&String>) =
        q.words.iter().partition(|w| w.chars().count() >= 3);
    let mut from = String::from("FROM person p JOIN household h ON h.id = p.household_id");
    let mut filters: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if !long.is_empty() {
        from.push_str(" JOIN person_search s ON s.rowid = p.id");
        filters.push("person_search MATCH ?".into());
        args.push(Value::Text(long.iter().map(|w| fts_phrase(w)).collect::<Vec<_>>().join(" ")));
    }
    for w in short {
        filters.push("p.search_text LIKE ?".into());
        args.push(Value::Text(format!("%{w}%")));
    }
    if let Some(v) = q.village {
        filters.push("h.village_no = ?".into());
        args.push(Value::Integer(i64::from(v)));
    }
    let index_only = filters.len() == 1 && !long.is_empty();
    (format!("{from} WHERE {}", filters.join(" AND ")), args, index_only)
}

/// [`search_as_you_type`] looks at this many matches at most.
pub const COUNT_CAP: usize = 2_000;

/// The search box of the GUI, once per keystroke. A word of one or two letters is too short for
/// the trigram index, and [`search`] would then read, count and sort every member containing it
/// (most of 100,000 for "ส"). This stops at [`COUNT_CAP`] matches and sorts only those, so each
/// keystroke stays quick; `capped` says there are more (type more to narrow). Queries of longer
/// words go to [`search`] unchanged.
pub fn search_as_you_type(conn: &Connection, input: &str, limit: usize) -> Result<SearchResult> {
    if let Some(found) = by_contract(conn, input, limit)? {
        return Ok(found);
    }
    let q = parse_query(input);
    if !q.words.iter().any(|w| w.chars().count() < 3) {
        return search(conn, input, limit);
    }
    let (filter, mut args, _) = filter_of(&q);
    args.push(Value::Integer(COUNT_CAP as i64 + 1));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.household_id, p.title, p.first_name, p.last_name, p.national_id, p.phone,
                h.house_no, h.village_no {filter} LIMIT ?"
    ))?;
    struct Row {
        hit: SearchHit,
        first_name: String,
        last_name: String,
    }
    let mut rows: Vec<Row> = stmt
        .query_map(params_from_iter(args.iter()), |r| {
            let nid: Option<String> = r.get(5)?;
            let (title, first_name, last_name): (String, String, String) =
                (r.get(2)?, r.get(3)?, r.get(4)?);
            Ok(Row {
                hit: SearchHit {
                    person_id: r.get(0)?,
                    household_id: r.get(1)?,
                    name: full_name(&title, &first_name, &last_name),
                    national_id_masked: nid
                        .and_then(|s| NationalId::parse(&s).ok())
                        .map(|n| n.masked())
                        .unwrap_or_default(),
                    phone: r.get(6)?,
                    house_no: r.get(7)?,
                    village_no: r.get(8)?,
                    open_loans: 0,
                    outstanding: Satang::ZERO,
                },
                first_name,
                last_name,
            })
        })?
        .collect::<Result<_, _>>()?;
    let capped = rows.len() > COUNT_CAP;
    rows.truncate(COUNT_CAP);
    let total = rows.len() as i64;
    // The same order as `search`: names starting with the first word first, then by name.
    let first = q.words.first().cloned().unwrap_or_default();
    rows.sort_by(|a, b| {
        (!a.first_name.starts_with(&first), &a.first_name, &a.last_name, a.hit.person_id).cmp(&(
            !b.first_name.starts_with(&first),
            &b.first_name,
            &b.last_name,
            b.hit.person_id,
        ))
    });
    rows.truncate(limit);
    let mut hits: Vec<SearchHit> = rows.into_iter().map(|r| r.hit).collect();
    if !hits.is_empty() {
        // Ids are integers from the database: safe to list in the statement. `+status` keeps the
        // planner on the borrower index: with the status index it reads every open loan (150 ms
        // at 200,000 loans instead of under one).
        let ids = hits.iter().map(|h| h.person_id.to_string()).collect::<Vec<_>>().join(",");
        let mut stmt = conn.prepare(&format!(
            "SELECT borrower_id, COUNT(*), COALESCE(SUM(outstanding_principal), 0) FROM loan
             WHERE borrower_id IN ({ids}) AND +status IN ('active', 'terminated', 'litigation')
             GROUP BY borrower_id"
        ))?;
        let loans: std::collections::HashMap<i64, (i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<Result<_, _>>()?;
        for h in &mut hits {
            if let Some((n, sum)) = loans.get(&h.person_id) {
                h.open_loans = *n;
                h.outstanding = Satang(*sum);
            }
        }
    }
    Ok(SearchResult { hits, total, capped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn village_markers_become_a_filter() {
        assert_eq!(
            parse_query("สมชาย หมู่ 3"),
            Query { village: Some(3), words: vec!["สมชาย".into()] }
        );
        assert_eq!(parse_query("ม.๑๒"), Query { village: Some(12), words: vec![] });
        assert_eq!(parse_query("หมู่ที่ 4 ใจดี"), Query { village: Some(4), words: vec!["ใจดี".into()] });
    }

    #[test]
    fn as_you_type_finds_what_search_finds_and_caps_short_words() {
        let store = crate::store::Store::memory().unwrap();
        store
            .with(|c| {
                crate::demo::generate(
                    c,
                    &crate::demo::Options {
                        households: 60,
                        seed: 1,
                        today: chrono::NaiveDate::from_ymd_opt(2025, 11, 21).unwrap(),
                    },
                )
            })
            .unwrap();
        store
            .with(|c| {
                for q in ["สม", "ใจ", "หมู่ 2 สม", "08", "สมชาย", "1"]
                {
                    let full = search(c, q, 500)?;
                    let quick = search_as_you_type(c, q, 500)?;
                    assert_eq!(quick.total, full.total, "{q}");
                    assert_eq!(quick.hits, full.hits, "{q}");
                    assert!(!quick.capped);
                }
                let few = search_as_you_type(c, "า", 5)?;
                assert_eq!(few.hits.len(), 5);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn ids_and_phones_lose_their_dashes() {
        assert_eq!(parse_query("081-234-5678").words, vec!["0812345678"]);
        assert_eq!(parse_query("12/3").words, vec!["12/3"]);
    }
}
