//! Splits a Markdown page into its YAML front matter (between `---` lines) and its body.

/// The front matter text, the body, and the 1-based line the body starts on. `None` when the
/// file does not start with a `---` line closed by another.
pub fn split(text: &str) -> Option<(&str, &str, u32)> {
    let first_line_end = text.find('\n')?;
    if text[..first_line_end].trim_end() != "---" {
        return None;
    }
    let rest = &text[first_line_end + 1..];
    let mut offset = 0;
    for (line, raw_line) in (2u32..).zip(rest.split_inclusive('\n')) {
        if raw_line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + raw_line.len()..];
            return Some((front, body, line + 1));
        }
        offset += raw_line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_front_matter() {
        let (front, body, line) = super::split("---\ntitle: 关于\n---\n正文\n").unwrap();
        assert_eq!(front, "title: 关于\n");
        assert_eq!(body, "正文\n");
        assert_eq!(line, 4);
        assert!(super::split("title: x\n").is_none());
        assert!(super::split("---\ntitle: x\n").is_none());
    }
}
