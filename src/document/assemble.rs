//! Putting the file together. printpdf builds the page tree, the images and the subset fonts
//! (with their `/W` widths and ToUnicode maps); the text [`super::emit`] wrote is renumbered to
//! the subset's glyph ids and appended to each page's content stream.
//!
//! printpdf learns which glyphs each font needs from one extra page that shows every used
//! glyph once, with the text it copies as: ToUnicode is then one entry per glyph for the whole
//! file by construction. That page's content stream, as printpdf wrote it, also tells how it
//! renumbered the glyphs; the page is then removed.

use std::collections::BTreeSet;
use std::io::Write;

use lopdf::{Document, Object, ObjectId};
use printpdf::{
    Codepoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions,
    Point, Pt, TextItem,
};

use super::emit::{FontIds, GlyphRun, PageOut, hex4_bytes};
use super::error::{DocError, Result};
use super::fonts::{Fonts, SARA_AM};

/// Serializes `doc` (fonts, images and page sizes set, pictures in each page's operations) with
/// the text of `pages` appended, compressing streams at zlib `level`.
pub(crate) fn assemble(
    mut doc: PdfDocument,
    pages: Vec<(PdfPage, PageOut)>,
    fonts: &Fonts,
    ids: &FontIds,
    level: u32,
) -> Result<Vec<u8>> {
    // A flag per glyph id rather than a set: this sees every glyph of the batch.
    let mut seen = vec![[false; 4]; usize::from(u16::MAX) + 1];
    for (_, out) in &pages {
        for_each_glyph(out, |run, gid| seen[usize::from(gid)][usize::from(run.font)] = true);
    }
    let mut used: [BTreeSet<u16>; 4] = Default::default();
    for (gid, fonts) in seen.iter().enumerate() {
        for (slot, _) in fonts.iter().enumerate().filter(|(_, on)| **on) {
            used[slot].insert(gid as u16);
        }
    }
    drop(seen);
    let mut texts = Vec::with_capacity(pages.len());
    for (page, out) in pages {
        doc.pages.push(page);
        texts.push(out);
    }
    doc.pages.push(PdfPage::new(Mm(10.0), Mm(10.0), registry_ops(&used, fonts, ids)));

    let opts = PdfSaveOptions {
        optimize: false,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    drop(doc);
    if let Some(w) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
        return Err(DocError::Pdf(w.msg.clone()));
    }
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let (registry, content) = page_ids.split_last().ok_or_else(|| pdf_error("ไม่มีหน้า"))?;
    let remap = read_registry(&lo, *registry, &used, ids)?;
    remove_page(&mut lo, *registry)?;

    for (page_id, out) in content.iter().zip(texts) {
        let mut text = out.text;
        for run in &out.runs {
            let table = &remap[usize::from(run.font)];
            for k in 0..run.count as usize {
                let at = run.at as usize + 4 * k;
                let Some(hex) = text.get_mut(at..at + 4) else { continue };
                let code = table.get(usize::from(read_hex4(hex))).copied().unwrap_or(0);
                hex.copy_from_slice(&hex4_bytes(code));
            }
        }
        let stream_id = lo
            .get_page_contents(*page_id)
            .first()
            .copied()
            .ok_or_else(|| pdf_error("หน้าไม่มีเนื้อหา"))?;
        let stream = lo
            .get_object_mut(stream_id)
            .and_then(Object::as_stream_mut)
            .map_err(|e| pdf_error(e.to_string()))?;
        // Text last, inside its own graphics state, so it draws black over fills and pictures.
        // `set_content` keeps the stream's /Length right.
        let mut content = std::mem::take(&mut stream.content);
        content.extend_from_slice(b"\nq\n0 g\n");
        content.extend_from_slice(&text);
        content.extend_from_slice(b"Q\n");
        stream.set_content(content);
    }

    for object in lo.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream.allows_compression
            && stream.dict.get(b"Filter").is_err()
        {
            let mut z = flate2::write::ZlibEncoder::new(
                Vec::with_capacity(stream.content.len() / 3),
                flate2::Compression::new(level),
            );
            z.write_all(&stream.content)?;
            let packed = z.finish()?;
            if packed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| pdf_error(e.to_string()))?;
    Ok(bytes)
}

fn pdf_error(what: impl Into<String>) -> DocError {
    DocError::Pdf(what.into())
}

fn read_hex4(b: &[u8]) -> u16 {
    b.iter().fold(0u16, |acc, &c| {
        let d = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'F' => c - b'A' + 10,
            _ => 0,
        };
        (acc << 4) | u16::from(d)
    })
}

fn for_each_glyph(out: &PageOut, mut f: impl FnMut(&GlyphRun, u16)) {
    for run in &out.runs {
        for k in 0..run.count as usize {
            let at = run.at as usize + 4 * k;
            if let Some(hex) = out.text.get(at..at + 4) {
                f(run, read_hex4(hex));
            }
        }
    }
}

/// One text object per font showing each used glyph once, ascending, with the text it copies
/// as (the alternate resource's า copies as ำ).
fn registry_ops(used: &[BTreeSet<u16>; 4], fonts: &Fonts, ids: &FontIds) -> Vec<Op> {
    let mut ops = Vec::new();
    for ((id, weight, alt), gids) in ids.all().into_iter().zip(used) {
        if gids.is_empty() {
            continue;
        }
        let face = fonts.face(weight);
        let glyphs = gids
            .iter()
            .map(|&gid| {
                let text = if alt {
                    Some(SARA_AM.to_string())
                } else {
                    face.glyph_text(gid).map(str::to_owned)
                };
                Codepoint { gid, offset: 0.0, cid: text }
            })
            .collect();
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(1.0) });
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(0.0), y: Pt(0.0) } });
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Reads back the codes printpdf wrote for the registry's glyphs: `remap[font][gid]`.
fn read_registry(
    lo: &Document,
    page: ObjectId,
    used: &[BTreeSet<u16>; 4],
    ids: &FontIds,
) -> Result<[Vec<u16>; 4]> {
    let mut remap: [Vec<u16>; 4] = Default::default();
    let mut font: Option<usize> = None;
    for stream_id in lo.get_page_contents(page) {
        let stream = lo
            .get_object(stream_id)
            .and_then(Object::as_stream)
            .map_err(|e| pdf_error(e.to_string()))?;
        let content = stream.decode_content().map_err(|e| pdf_error(e.to_string()))?;
        for op in content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    font = ids.all().iter().position(|(id, ..)| Some(id.0.as_bytes()) == name);
                }
                "TJ" | "Tj" => {
                    let Some(slot) = font else { continue };
                    let mut codes = Vec::new();
                    let mut strings = |o: &Object| {
                        if let Object::String(bytes, _) = o {
                            codes.extend(bytes.chunks(2).map(|c| {
                                u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)])
                            }));
                        }
                    };
                    for operand in &op.operands {
                        match operand {
                            Object::Array(items) => items.iter().for_each(&mut strings),
                            other => strings(other),
                        }
                    }
                    let gids = &used[slot];
                    if codes.len() != gids.len() {
                        return Err(pdf_error("จำนวนอักขระในแบบอักษรย่อยไม่ตรงกัน"));
                    }
                    let max = gids.last().map_or(0, |&g| usize::from(g) + 1);
                    let table = &mut remap[slot];
                    table.resize(max, 0);
                    for (&gid, code) in gids.iter().zip(codes) {
                        table[usize::from(gid)] = code;
                    }
                }
                _ => {}
            }
        }
    }
    Ok(remap)
}

/// Removes the registry page: from its parent's `/Kids`, with its content and resources.
fn remove_page(lo: &mut Document, page: ObjectId) -> Result<()> {
    let dict = lo
        .get_object(page)
        .and_then(Object::as_dict)
        .map_err(|e| pdf_error(e.to_string()))?
        .clone();
    let parent =
        dict.get(b"Parent").and_then(Object::as_reference).map_err(|e| pdf_error(e.to_string()))?;
    let pages = lo
        .get_object_mut(parent)
        .and_then(Object::as_dict_mut)
        .map_err(|e| pdf_error(e.to_string()))?;
    if let Ok(Object::Array(kids)) = pages.get_mut(b"Kids") {
        kids.retain(|k| k.as_reference().ok() != Some(page));
    }
    let count = pages.get(b"Count").and_then(Object::as_i64).unwrap_or(1);
    pages.set("Count", count - 1);
    for key in [&b"Contents"[..], b"Resources"] {
        if let Ok(id) = dict.get(key).and_then(Object::as_reference) {
            lo.objects.remove(&id);
        }
    }
    lo.objects.remove(&page);
    Ok(())
}
