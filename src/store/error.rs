//! The storage layer's error, each with a Thai message an officer can act on.

use std::sync::Arc;

#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    #[error("ฐานข้อมูลขัดข้อง: {0}")]
    Sqlite(Arc<rusqlite::Error>),
    #[error("อ่านหรือเขียนไฟล์ไม่ได้: {0}")]
    Io(Arc<std::io::Error>),
    #[error(
        "ฐานข้อมูลนี้สร้างด้วยปลดหนี้รุ่นที่ใหม่กว่า (โครงสร้างรุ่น {found} แต่โปรแกรมนี้รู้จักถึงรุ่น {known}) กรุณาติดตั้งโปรแกรมรุ่นใหม่ก่อนเปิดไฟล์นี้"
    )]
    TooNew { found: i64, known: i64 },
    #[error("ปรับโครงสร้างฐานข้อมูลไม่สำเร็จ: {0}")]
    Migration(String),
    #[error("ไม่พบ{0}")]
    NotFound(String),
    /// A rule of the fund or of the law refused the action; the message says which.
    #[error("{0}")]
    Refused(String),
    #[error("ผู้ใช้บทบาทนี้ไม่มีสิทธิ์ทำรายการนี้")]
    Forbidden,
    #[error("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")]
    BadLogin,
    /// A wrong password with this many tries left before the name locks.
    #[error("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง (ใส่ผิดได้อีก {0} ครั้ง แล้วชื่อนี้จะถูกล็อกชั่วคราว)")]
    BadLoginLeft(u32),
    /// Too many wrong passwords: the name is locked until the time given (already in Thai).
    #[error(
        "ชื่อผู้ใช้นี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง เข้าใช้ได้อีกครั้งเวลา {0} หรือให้ประธาน/กรรมการปลดล็อกให้"
    )]
    Locked(String),
    #[error("ฐานข้อมูลมีข้อมูลอยู่แล้ว ข้อมูลตัวอย่างใส่ได้เฉพาะฐานข้อมูลว่าง")]
    NotEmpty,
}

impl StoreError {
    pub fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound(what.into())
    }

    pub fn refused(why: impl ToString) -> StoreError {
        StoreError::Refused(why.to_string())
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(Arc::new(e))
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(Arc::new(e))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
