//! The text of a source file with a line index: where a diagnostic's position is in the text, and
//! the line to quote under it. Made by `load` when it reads a file, used by `check` (to point at a
//! word inside a value) and by the reports (to quote the line).

use std::sync::OnceLock;

use super::{Position, Span};

/// The text of one file with a line index, for locating and quoting source.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, `/`-separated.
    pub relative: String,
    pub text: String,
    /// Byte offset of every line start, made on first use: most files never need it (only
    /// those with a diagnostic are located in or quoted).
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(relative: String, text: String) -> Self {
        SourceFile {
            relative,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut line_starts = vec![0];
            line_starts.extend(self.text.match_indices('\n').map(|(index, _)| index + 1));
            line_starts
        })
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = (line as usize).checked_sub(1)?;
        let line_starts = self.line_starts();
        let start = *line_starts.get(index)?;
        let end = line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// Byte offset of a position (clamped to the line).
    pub fn byte_offset(&self, position: Position) -> usize {
        let index = (position.line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts().get(index) else {
            return self.text.len();
        };
        let line = self.line(position.line).unwrap_or("");
        let column = (position.column as usize).saturating_sub(1);
        start
            + line
                .char_indices()
                .nth(column)
                .map(|(offset, _)| offset)
                .unwrap_or(line.len())
    }

    /// Position of a byte offset.
    pub fn position_of(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_starts = self.line_starts();
        let index = line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = line_starts[index];
        let column = self.text[start..offset].chars().count();
        Position::new(index as u32 + 1, column as u32 + 1)
    }

    /// Where the `occurrence`-th (0-based) `needle` sits inside `span`, if it is written there
    /// literally (a word inside a block scalar is found on its own line).
    pub fn locate(&self, span: Span, needle: &str, occurrence: usize) -> Option<Position> {
        let start = self.byte_offset(span.start);
        let end = if span.end > span.start {
            self.byte_offset(span.end)
        } else {
            self.text.len()
        };
        let region = self.text.get(start..end.max(start))?;
        let (offset, _) = region.match_indices(needle).nth(occurrence)?;
        Some(self.position_of(start + offset))
    }
}
