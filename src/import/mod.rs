//! Files of an office's existing books: reading a workbook (.xlsx, .xls, .ods) or a CSV (UTF-8 or
//! TIS-620/Windows-874) into cells, and writing the workbook back with a status column and the
//! template. The parsing and validation are in `domain::import`; the writing in `store::import`.

pub mod pipeline;
mod read;
mod status;
mod template;

pub use read::{Book, ReadError, decode, read};
pub use status::write_status;
pub use template::write_template;
