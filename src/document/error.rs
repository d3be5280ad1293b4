//! The document layer's error, each with a Thai message an officer can act on.

use std::sync::Arc;

#[derive(Debug, Clone, thiserror::Error)]
pub enum DocError {
    /// The bundled or configured font could not be read: a broken installation, not user data.
    #[error("อ่านแบบอักษรสำหรับพิมพ์เอกสารไม่ได้: {0}")]
    Font(String),
    #[error("จัดรูปอักษรไทยไม่สำเร็จ: {0}")]
    Shaping(String),
    #[error("อ่านรูปภาพไม่ได้ (ต้องเป็นไฟล์ PNG): {0}")]
    Image(Arc<png::DecodingError>),
    #[error("รูปภาพนี้ใช้รูปแบบสีที่ยังไม่รองรับ: {0}")]
    ImageFormat(String),
    #[error("สร้างคิวอาร์โค้ดไม่ได้ (ข้อมูลยาวเกินไปหรือไม่ถูกต้อง): {0}")]
    Qr(String),
    #[error("สร้างไฟล์ PDF ไม่สำเร็จ: {0}")]
    Pdf(String),
    #[error("อ่านหรือเขียนไฟล์ไม่ได้: {0}")]
    Io(Arc<std::io::Error>),
}

impl From<std::io::Error> for DocError {
    fn from(e: std::io::Error) -> Self {
        DocError::Io(Arc::new(e))
    }
}

impl From<png::DecodingError> for DocError {
    fn from(e: png::DecodingError) -> Self {
        DocError::Image(Arc::new(e))
    }
}

pub type Result<T, E = DocError> = std::result::Result<T, E>;
