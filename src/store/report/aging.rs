//! Aging by bucket and PAR30/PAR90 as of a day, and its trend over the months before it.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::positions;
use crate::domain::report::GroupBy;
use crate::domain::report::aging::{self, Aging, TrendPoint};
use crate::store::error::Result;

pub fn compute(conn: &Connection, as_of: NaiveDate, by: GroupBy) -> Result<Aging> {
    let positions = positions::on_day(conn, as_of, by)?;
    Ok(aging::aggregate(&positions, as_of, by))
}

/// PAR on the report's day and at the end of each of the `months - 1` months before it.
pub fn trend(conn: &Connection, as_of: NaiveDate, months: u32) -> Result<Vec<TrendPoint>> {
    let days = aging::trend_dates(as_of, months);
    let all = positions::on_days(conn, &days, GroupBy::Fund)?;
    Ok(days.iter().zip(&all).map(|(d, ps)| TrendPoint::of(*d, ps)).collect())
}
