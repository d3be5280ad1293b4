//! ลูกหนี้: the debtor files an officer works in all day: finding a member, the household, member
//! and loan files, the forms that make and edit them, and taking a payment at the counter.

pub mod find;
pub mod household;
pub mod household_form;
pub mod loan;
pub mod loan_contract;
pub mod loan_form;
pub mod member;
pub mod member_form;
pub mod member_pdpa;
pub mod payment;
pub mod payment_contract;
