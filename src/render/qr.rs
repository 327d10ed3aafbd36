//! QR codes of the printed pages: the item's address as an inline SVG, so paper can be checked
//! against the online version by scanning it.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, bits, ec};

use super::print::escape_attribute;

/// The QR code of `url` as an inline SVG element, sized by CSS (`svg.qr`): black on white with
/// the standard quiet zone of 4 modules, error correction level M, one path of horizontal runs
/// (about 4 kB for an item URL, a third of what one rectangle per module takes). Deterministic:
/// same URL, same bytes.
///
/// The smallest version that holds the URL, with one fixed mask (checkerboard). `QrCode::new`
/// would score all eight masks and keep the best (≈ 500 µs a code, 22 % of a whole build);
/// every mask is valid and every reader decodes every mask, and with one fixed a code takes
/// ≈ 10 µs, cheap enough to be made where it is printed instead of being cached.
pub fn qr_svg(url: &str) -> String {
    const QUIET_ZONE: usize = 4;
    let Some((width, colors)) = qr_modules(url.as_bytes()) else {
        return String::new();
    };
    let mut path = String::with_capacity(width * width);
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            // `M{x} {y}h{run}v1h-{run}z`, numbers written by hand (formatting machinery was
            // most of a code's cost: a code has hundreds of runs).
            let run = x - start;
            path.push('M');
            push_small_number(&mut path, start + QUIET_ZONE);
            path.push(' ');
            push_small_number(&mut path, y + QUIET_ZONE);
            path.push('h');
            push_small_number(&mut path, run);
            path.push_str("v1h-");
            push_small_number(&mut path, run);
            path.push('z');
        }
    }
    let size = width + 2 * QUIET_ZONE;
    format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {size} {size}\" width=\"{size}\" height=\"{size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        label = escape_attribute(&format!("在线版本网址的二维码：{url}")),
    )
}

/// Appends `number` (below 1,000: a QR code is at most 177 modules wide) in decimal.
fn push_small_number(text: &mut String, number: usize) {
    debug_assert!(number < 1000);
    let digit = |n: usize| char::from(b'0' + (n % 10) as u8);
    if number >= 100 {
        text.push(digit(number / 100));
    }
    if number >= 10 {
        text.push(digit(number / 10));
    }
    text.push(digit(number));
}

/// The modules of the QR code of `data` (width, then colors row by row), or `None` when `data`
/// is too long for any version.
fn qr_modules(data: &[u8]) -> Option<(usize, Vec<Color>)> {
    let bits = bits::encode_auto(data, EcLevel::M).ok()?;
    let version = bits.version();
    let (codewords, ec_codewords) =
        ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec_codewords);
    // Also draws the format information (level and mask) that readers decode first.
    canvas.apply_mask(MaskPattern::Checkerboard);
    Some((version.width() as usize, canvas.into_colors()))
}
