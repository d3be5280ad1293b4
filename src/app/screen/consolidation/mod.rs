//! รวมหนี้ (1 ครัวเรือน 1 สัญญา): the treasurer's work of merging a household's loans into one
//! contract, and moving a debt from one member of the household to another (โอนภาระหนี้), both
//! saved as drafts that another user approves.

pub mod builder;
pub mod transfer;
