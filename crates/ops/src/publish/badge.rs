//! Static SVG status badges for READMEs and intranet pages: a label and a status in words (never
//! colour alone), with a `<title>` and `role="img"` so screen readers announce both.

use beacon_core::status::{ComponentStatus, Indicator};

use super::text::{escape_xml, one_line};

/// Height of a badge in pixels.
const HEIGHT: u32 = 20;
/// Space on each side of a text in pixels.
const PADDING: u32 = 6;

/// How a badge is coloured; every tone has at least 4.5:1 contrast with the white text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Working normally (green).
    Good,
    /// Planned work (blue).
    Maintenance,
    /// Slower or less reliable (amber).
    Degraded,
    /// Partly failing (orange).
    Partial,
    /// Failing (red).
    Major,
    /// Status not known (grey).
    Unknown,
}

impl Tone {
    /// The tone of a component status.
    pub fn of_component(status: &ComponentStatus) -> Self {
        match status {
            ComponentStatus::Operational => Self::Good,
            ComponentStatus::UnderMaintenance => Self::Maintenance,
            ComponentStatus::DegradedPerformance => Self::Degraded,
            ComponentStatus::PartialOutage => Self::Partial,
            ComponentStatus::MajorOutage => Self::Major,
            ComponentStatus::Unknown(_) => Self::Unknown,
        }
    }

    /// The tone of a page-wide indicator.
    pub fn of_indicator(indicator: &Indicator) -> Self {
        match indicator {
            Indicator::None => Self::Good,
            Indicator::Maintenance => Self::Maintenance,
            Indicator::Minor => Self::Degraded,
            Indicator::Major => Self::Partial,
            Indicator::Critical => Self::Major,
            Indicator::Unknown(_) => Self::Unknown,
        }
    }

    /// Background colour of the status half.
    fn colour(self) -> &'static str {
        match self {
            Self::Good => "#1e7b34",
            Self::Maintenance => "#1d4ed8",
            Self::Degraded => "#8a4b00",
            Self::Partial => "#b93e00",
            Self::Major => "#b91c1c",
            Self::Unknown => "#555555",
        }
    }
}

/// Approximate width in pixels of `text` in 11px Verdana, so the badge fits its words.
fn text_width(text: &str) -> u32 {
    let tenths: u32 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | ' ' => 40,
            'f' | 'r' | 't' | 'I' | '(' | ')' | '/' | '-' => 52,
            'm' | 'w' | 'M' | 'W' => 100,
            c if c.is_ascii_uppercase() => 78,
            c if c.is_ascii() => 68,
            _ => 90,
        })
        .sum();
    tenths.div_ceil(10)
}

/// A badge reading `label | message`, e.g. "Backups | Partial outage".
pub fn badge_svg(label: &str, message: &str, tone: Tone) -> String {
    let label = one_line(label);
    let message = one_line(message);
    let label_text = text_width(&label);
    let message_text = text_width(&message);
    let label_width = label_text + 2 * PADDING;
    let message_width = message_text + 2 * PADDING;
    let width = label_width + message_width;
    let title = escape_xml(&format!("{label}: {message}"));
    let label_x = label_width * 5;
    let message_x = (label_width + message_width / 2) * 10;
    let (label, message) = (escape_xml(&label), escape_xml(&message));
    let colour = tone.colour();
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{title}">
<title>{title}</title>
<rect width="{label_width}" height="{HEIGHT}" fill="#3b3b3b"/>
<rect x="{label_width}" width="{message_width}" height="{HEIGHT}" fill="{colour}"/>
<g fill="#ffffff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110" transform="scale(.1)" aria-hidden="true">
<text x="{label_x}" y="140" textLength="{label_length}">{label}</text>
<text x="{message_x}" y="140" textLength="{message_length}">{message}</text>
</g>
</svg>
"##,
        label_length = label_text * 10,
        message_length = message_text * 10,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn white_text_is_readable_on_every_tone() {
        for tone in [
            Tone::Good,
            Tone::Maintenance,
            Tone::Degraded,
            Tone::Partial,
            Tone::Major,
            Tone::Unknown,
        ] {
            let contrast = 1.05 / (luminance(tone.colour()) + 0.05);
            assert!(contrast >= 4.5, "{tone:?}: {contrast:.2}");
        }
    }
}
