//! Pictures on the page: PNG images (a letterhead logo), QR codes drawn as filled rectangles,
//! and the thin lines of rules, table grids and signature lines.

use printpdf::{
    Color, Greyscale, Line, LineDashPattern, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing,
    Pt, RawImage, RawImageData, RawImageFormat, WindingOrder,
};
use qrcode::{Color as Module, EcLevel, QrCode};

use super::error::{DocError, Result};

/// Decodes a PNG into raw pixels; printpdf writes them Flate-compressed with an `/SMask` for
/// alpha, so no image codec feature is needed.
pub(crate) fn decode_png(bytes: &[u8]) -> Result<RawImage> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info()?;
    let size =
        reader.output_buffer_size().ok_or_else(|| DocError::ImageFormat("ภาพใหญ่เกินไป".into()))?;
    let mut pixels = vec![0; size];
    let info = reader.next_frame(&mut pixels)?;
    pixels.truncate(info.buffer_size());
    let format = match info.color_type {
        png::ColorType::Grayscale => RawImageFormat::R8,
        png::ColorType::GrayscaleAlpha => RawImageFormat::RG8,
        png::ColorType::Rgb => RawImageFormat::RGB8,
        png::ColorType::Rgba => RawImageFormat::RGBA8,
        other => return Err(DocError::ImageFormat(format!("{other:?}"))),
    };
    Ok(RawImage {
        pixels: RawImageData::U8(pixels),
        width: info.width as usize,
        height: info.height as usize,
        data_format: format,
        tag: Vec::new(),
    })
}

/// A QR code ready to draw: its module matrix and the square it fills.
///
/// The square includes the four-module quiet zone scanners need, so it can be placed next to
/// text or a table and still scan.
#[derive(Debug, Clone, PartialEq)]
pub struct QrBlock {
    modules: usize,
    dark: Vec<bool>,
    size_mm: f32,
}

const QUIET_ZONE: usize = 4;

/// Encodes `payload` (a PromptPay string, say) at error-correction level M in a block
/// `size_mm` wide, quiet zone included.
pub fn qr_block(payload: &str, size_mm: f32) -> Result<QrBlock> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| DocError::Qr(e.to_string()))?;
    Ok(QrBlock {
        modules: code.width(),
        dark: code.to_colors().into_iter().map(|c| c == Module::Dark).collect(),
        size_mm: size_mm.max(5.0),
    })
}

impl QrBlock {
    /// Width of the square, quiet zone included.
    pub fn size_mm(&self) -> f32 {
        self.size_mm
    }

    /// Modules per side, without the quiet zone.
    pub fn modules(&self) -> usize {
        self.modules
    }

    /// Fills the dark modules as one path, one rectangle per horizontal run of modules, so
    /// renderers leave no hairline seams between them. `(x, top)` is the square's top-left
    /// corner in PDF points.
    pub(crate) fn ops(&self, x: f32, top: f32) -> Vec<Op> {
        let side = self.modules + 2 * QUIET_ZONE;
        let module = self.size_mm * 72.0 / 25.4 / side as f32;
        let mut rings = Vec::new();
        for row in 0..self.modules {
            let mut col = 0;
            while col < self.modules {
                if !self.dark[row * self.modules + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < self.modules && self.dark[row * self.modules + col] {
                    col += 1;
                }
                let x0 = x + (QUIET_ZONE + start) as f32 * module;
                let x1 = x + (QUIET_ZONE + col) as f32 * module;
                let y1 = top - (QUIET_ZONE + row) as f32 * module;
                let y0 = y1 - module;
                rings.push(PolygonRing {
                    points: [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
                        .into_iter()
                        .map(|(x, y)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false })
                        .collect(),
                });
            }
        }
        vec![
            Op::SaveGraphicsState,
            Op::SetFillColor { col: black() },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::RestoreGraphicsState,
        ]
    }
}

pub(crate) fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

/// Line style of rules and borders.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Stroke {
    Solid,
    Dotted,
}

/// A straight line from `(x0, y0)` to `(x1, y1)` in PDF points.
pub(crate) fn line_ops(
    ops: &mut Vec<Op>,
    from: (f32, f32),
    to: (f32, f32),
    width: f32,
    stroke: Stroke,
) {
    ops.push(Op::SaveGraphicsState);
    ops.push(Op::SetOutlineColor { col: black() });
    ops.push(Op::SetOutlineThickness { pt: Pt(width) });
    if stroke == Stroke::Dotted {
        // Round dots one line-width wide, the look of a typed dotted signature line.
        ops.push(Op::SetLineCapStyle { cap: printpdf::LineCapStyle::Round });
        ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[0.0, 2.5]) });
    }
    let point = |(x, y): (f32, f32)| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
    ops.push(Op::DrawLine {
        line: Line { points: vec![point(from), point(to)], is_closed: false },
    });
    ops.push(Op::RestoreGraphicsState);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_block_has_the_modules_of_the_payload() {
        let block = qr_block(
            "00020101021129370016A000000677010111011300669123456785802TH5303764630412AB",
            40.0,
        )
        .expect("encodes");
        assert_eq!(block.modules() % 4, 1, "QR sizes are 17 + 4 × version");
        assert!(block.dark.iter().any(|&d| d));
        assert_eq!(block.size_mm(), 40.0);
    }

    #[test]
    fn a_png_decodes_to_raw_pixels() {
        let mut bytes = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut bytes, 2, 1);
            enc.set_color(png::ColorType::Rgba);
            enc.set_depth(png::BitDepth::Eight);
            let mut w = enc.write_header().expect("header");
            w.write_image_data(&[255, 0, 0, 255, 0, 0, 255, 128]).expect("data");
        }
        let img = decode_png(&bytes).expect("decodes");
        assert_eq!((img.width, img.height, img.data_format), (2, 1, RawImageFormat::RGBA8));
        assert!(decode_png(b"not a png").is_err());
    }
}
