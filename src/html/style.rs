//! Inline styles and attributes that hide an element from readers but not from crawlers.

use std::fmt;

/// Why an element is invisible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HiddenReason {
    DisplayNone,
    VisibilityHidden,
    ZeroFontSize,
    ZeroOpacity,
    OffScreen,
    ZeroSize,
    HiddenAttribute,
}

impl fmt::Display for HiddenReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HiddenReason::DisplayNone => "display:none",
            HiddenReason::VisibilityHidden => "visibility:hidden",
            HiddenReason::ZeroFontSize => "font-size:0",
            HiddenReason::ZeroOpacity => "opacity:0",
            HiddenReason::OffScreen => "positioned off-screen",
            HiddenReason::ZeroSize => "zero size with overflow hidden",
            HiddenReason::HiddenAttribute => "the hidden attribute",
        })
    }
}

/// Why an element with this `style` attribute is invisible, if it is.
pub fn hidden_by_style(style: &str) -> Option<HiddenReason> {
    let mut positioned = false;
    let mut far_offset = false;
    let mut zero_size = false;
    let mut clipped = false;
    for decl in style.split(';') {
        let Some((name, value)) = decl.split_once(':') else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        // Spacing and case vary; `!important` changes nothing about what is shown.
        let value: String = value
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let value = value.trim_end_matches("!important");
        match name.as_str() {
            "display" if value == "none" => return Some(HiddenReason::DisplayNone),
            "visibility" if value == "hidden" || value == "collapse" => {
                return Some(HiddenReason::VisibilityHidden);
            }
            "font-size" if length(value).is_some_and(|(n, _)| n == 0.0) => {
                return Some(HiddenReason::ZeroFontSize);
            }
            "opacity" if length(value).is_some_and(|(n, _)| n == 0.0) => {
                return Some(HiddenReason::ZeroOpacity);
            }
            "text-indent" if off_screen(value) => return Some(HiddenReason::OffScreen),
            "position" if value == "absolute" || value == "fixed" => positioned = true,
            "left" | "top" | "right" | "margin-left" | "margin-top" if off_screen(value) => {
                far_offset = true;
            }
            "height" | "max-height" | "width" | "max-width"
                if length(value).is_some_and(|(n, _)| n == 0.0) =>
            {
                zero_size = true;
            }
            "overflow" if value == "hidden" => clipped = true,
            _ => {}
        }
    }
    if positioned && far_offset {
        Some(HiddenReason::OffScreen)
    } else if zero_size && clipped {
        Some(HiddenReason::ZeroSize)
    } else {
        None
    }
}

/// A CSS number and its unit, e.g. `-9999px` -> (-9999, "px").
fn length(v: &str) -> Option<(f64, &str)> {
    let split = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
        .unwrap_or(v.len());
    let n: f64 = v[..split].parse().ok()?;
    Some((n, &v[split..]))
}

/// Far enough left or up that no screen shows it.
fn off_screen(v: &str) -> bool {
    match length(v) {
        Some((n, "em" | "rem")) => n <= -50.0,
        Some((n, "%")) => n <= -100.0,
        Some((n, _)) => n <= -999.0,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_styles_are_recognised_whatever_the_spacing_and_case() {
        let hidden = [
            ("display:none", HiddenReason::DisplayNone),
            (
                "color:red; DISPLAY : None !important",
                HiddenReason::DisplayNone,
            ),
            ("visibility: hidden", HiddenReason::VisibilityHidden),
            ("font-size:0px", HiddenReason::ZeroFontSize),
            ("font-size: 0.0em", HiddenReason::ZeroFontSize),
            ("opacity:0", HiddenReason::ZeroOpacity),
            ("position:absolute; left:-9999px", HiddenReason::OffScreen),
            ("position: fixed; top: -1200px", HiddenReason::OffScreen),
            ("text-indent:-9999px", HiddenReason::OffScreen),
            ("height:0;overflow:hidden", HiddenReason::ZeroSize),
        ];
        for (style, want) in hidden {
            assert_eq!(hidden_by_style(style), Some(want), "{style}");
        }
    }

    #[test]
    fn ordinary_styles_are_visible() {
        for style in [
            "",
            "color: #333; font-size: 14px",
            "display:block",
            "opacity:0.8",
            "position:absolute; left:10px",
            "left:-9999px",
            "text-indent: -2em",
            "height:0",
            "overflow:hidden",
            "font-size:10pt",
            "display",
        ] {
            assert_eq!(hidden_by_style(style), None, "{style}");
        }
    }
}
