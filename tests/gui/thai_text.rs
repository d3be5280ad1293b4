//! Thai words ending in a consonant after stacked marks (ดอกเบี้ย) keep their last consonant when
//! drawn: the rendered ink of "ดอกเบี้ย" reaches clearly further right than that of "ดอกเบี้".

use crate::support;

use iced::widget::container;
use iced::{Element, Theme};
use iced_test::Simulator;
use plodnee::app::widget::{body, cell};

/// Rightmost column (in physical pixels) holding dark ink when `content` is drawn alone.
fn ink_right(name: &str, content: Element<'static, ()>) -> usize {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("thai-text-{name}.png"));
    // `matches_image` names the file after the backend and never overwrites it.
    let drawn = dir.join(format!("thai-text-{name}-tiny-skia.png"));
    let _ = std::fs::remove_file(&drawn);
    let mut ui = Simulator::with_size(support::settings(), iced::Size::new(300.0, 40.0), content);
    let snapshot = ui.snapshot(&Theme::Light).expect("snapshot");
    let _ = snapshot.matches_image(&path).expect("write snapshot");
    let decoder =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&drawn).expect("png")));
    let mut reader = decoder.read_info().expect("png info");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let px = info.line_size / w;
    let mut right = 0;
    for y in 0..h {
        for x in 0..w {
            let p = &buf[y * info.line_size + x * px..];
            if u16::from(p[0]) + u16::from(p[1]) + u16::from(p[2]) < 3 * 128 {
                right = right.max(x);
            }
        }
    }
    right
}

#[test]
fn final_consonant_after_stacked_marks_is_drawn() {
    let cases: [(&str, &str, &str); 3] = [
        ("interest", "ดอกเบี้ย", "ดอกเบี้"),
        ("discount", "ลดเบี้ย", "ลดเบี้"),
        ("interest-amount", "ดอกเบี้ย 100.00", "ดอกเบี้ 100.00"),
    ];
    for (name, whole, cut) in cases {
        for (helper, make) in
            [("body", body as fn(&'static str) -> _), ("cell", cell as fn(&'static str) -> _)]
        {
            let w = ink_right(&format!("{name}-{helper}"), container(make(whole)).into());
            let c = ink_right(&format!("{name}-{helper}-cut"), container(make(cut)).into());
            assert!(
                w >= c + 8,
                "{helper}({whole:?}) ink ends at {w}px, {cut:?} at {c}px: the ย is not drawn"
            );
        }
    }
}
