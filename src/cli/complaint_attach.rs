//! `plodnee complaint attach N FILE [--note T]`: a document or a photo attached to a complaint
//! at its investigation (kept in the database, so backups carry it); `--withdraw ID --reason R`
//! marks one attached by mistake as withdrawn. Thin over `store::complaints`.

use std::path::PathBuf;

use clap::Args;

use super::approve::{UserArgs, sign_in};
use super::{CliResult, Failure};
use crate::domain::complaints::attachment::{MAX_BYTES, check_size, size_text};
use crate::store::complaints;

#[derive(Debug, Args)]
pub struct AttachArgs {
    /// เลขที่เรื่องร้องเรียน เช่น 1/2569
    pub number: String,
    /// ไฟล์ที่จะแนบ (เอกสาร รูปถ่ายใบเสร็จ ไม่เกิน 10 MB)
    #[arg(required_unless_present = "withdraw")]
    pub file: Option<PathBuf>,
    /// คำอธิบายเอกสาร
    #[arg(long, default_value = "")]
    pub note: String,
    /// ถอนเอกสารแนบเลขนี้ (แนบผิด) ต้องระบุ --reason
    #[arg(long, conflicts_with = "file")]
    pub withdraw: Option<i64>,
    /// เหตุผลที่ถอนเอกสารแนบ
    #[arg(long, default_value = "")]
    pub reason: String,
    #[command(flatten)]
    pub who: UserArgs,
}

pub fn run(store: &crate::store::Store, a: &AttachArgs) -> CliResult {
    let id = store.with(|c| complaints::by_number(c, &a.number))?;
    if let Some(attachment) = a.withdraw {
        if a.reason.trim().is_empty() {
            return Err(Failure::arg("--reason", "กรุณาระบุเหตุผลที่ถอนเอกสารแนบ"));
        }
        let actor = sign_in(store, &a.who)?;
        store.write(|tx| complaints::withdraw_attachment(tx, &actor, attachment, &a.reason))?;
        crate::say!("เรื่องร้องเรียนเลขที่ {}: ถอนเอกสารแนบ {attachment} แล้ว", a.number.trim());
        return Ok(());
    }
    let Some(path) = &a.file else {
        return Err(Failure::arg("FILE", "ระบุไฟล์ที่จะแนบ"));
    };
    // The size is checked before reading, so a huge file is refused without loading it.
    let size = std::fs::metadata(path)
        .map_err(|e| Failure::arg("FILE", format!("อ่านไฟล์ {} ไม่ได้: {e}", path.display())))?
        .len();
    check_size(size).map_err(|e| Failure::arg("FILE", e))?;
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::arg("FILE", format!("อ่านไฟล์ {} ไม่ได้: {e}", path.display())))?;
    debug_assert!(bytes.len() as u64 <= MAX_BYTES);
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let actor = sign_in(store, &a.who)?;
    let attached = store.write(|tx| complaints::attach(tx, &actor, id, &name, &bytes, &a.note))?;
    crate::say!(
        "เรื่องร้องเรียนเลขที่ {}: แนบ {name} ({}) แล้ว เอกสารแนบเลขที่ {attached}",
        a.number.trim(),
        size_text(bytes.len() as u64)
    );
    Ok(())
}
