//! Finding members as you type: name, national id, phone, house number, หมู่; over 100,000
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

pub fn search(conn: &Connection, input: &str, limit: usize) -> Result<SearchResult> {
    let q = parse_query(input);
    if q.words.is_empty() && q.village.is_none() {
        return Ok(SearchResult::default());
    }
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
    let filter = format!("{from} WHERE {}", filters.join(" AND "));
    // With only index words the count comes from the trigram index alone, without reading rows.
    let total: i64 = if filters.len() == 1 && !long.is_empty() {
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
        .query_map(params_from_iter(args.iter()), |r| {
            let nid: Option<String> = r.get(5)?;
            Ok(SearchHit {
                person_id: r.get(0)?,
                household_id: r.get(1)?,
                name: full_name(
                    &r.get::<_, String>(2)?,
                    &r.get::<_, String>(3)?,
                    &r.get::<_, String>(4)?,
                ),
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
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SearchResult { hits, total })
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
    fn ids_and_phones_lose_their_dashes() {
        assert_eq!(parse_query("081-234-5678").words, vec!["0812345678"]);
        assert_eq!(parse_query("12/3").words, vec!["12/3"]);
    }
}
