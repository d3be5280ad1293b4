//! ปรับโครงสร้างหนี้ (ยึด ลด ปลด หมดหนี้): building and comparing restructuring options, their
//! balance chart, and the plans that are at risk or broken.

pub mod at_risk;
pub mod builder;
mod chart;
pub mod option;
