//! หนังสือ: one letter from a file, a batch for a group of debtors, the letter register
//! (ทะเบียนหนังสือส่ง) and the wording of the templates.

pub mod batch;
pub mod issue;
pub mod register;
pub mod templates;
