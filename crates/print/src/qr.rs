//! The verification QR code, drawn in Rust and given to Typst as SVG.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An SVG image of a QR code encoding `text` (error correction M, with a
/// quiet zone). Fails only when the text is too long for a QR code.
pub fn qr_svg(text: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|err| format!("the verification text cannot be a QR code: {err}"))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(120, 120)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_is_an_svg_and_too_long_text_is_refused() {
        let svg = qr_svg("https://sekolah.example/verify/ABC123").unwrap();
        assert!(svg.contains("<svg"));
        assert!(qr_svg(&"x".repeat(5000)).is_err());
    }
}
