//! Value checks shared by the converters and the command line: dates, the site's base URL,
//! absolute http(s) URLs.

pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i16 = text[0..4].parse().ok()?;
    let month: i8 = text[5..7].parse().ok()?;
    let day: i8 = text[8..10].parse().ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// A `base_url` every generated link can be built on: absolute http(s) with a host, and no query,
/// fragment, `..` or `.` segment, quote, angle bracket, backslash or space.
pub fn is_safe_base_url(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    !host.is_empty()
        && !host.contains('@')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "?#\"'<>\\`".contains(c))
        && !rest
            .split('/')
            .skip(1)
            .any(|segment| segment == ".." || segment == ".")
}

pub fn is_absolute_http_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !text.chars().any(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
    }
}
