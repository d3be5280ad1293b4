//! Personal data duties under the PDPA (พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562): the breach
//! register's deadlines and the retention rule after which a closed member may be anonymised.

pub mod breach;
pub mod breach_form;
pub mod consent;
pub mod retention;
