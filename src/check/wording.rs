//! The word lists of `catch-all-wording` and `vague-wording`, and their matchers.
//!
//! Both return matches as (character index in the text, the matched words), longest first where
//! two overlap, so that one problem is reported once. The near-misses the rules must leave alone
//! (等级, 同等, 平等, 相等, 高等, 等于, 一般纳税人, 及时率, 其他主体资格证明文件, the enum value 其他)
//! are pinned by the tests below and by fixtures.

/// Fixed catch-all phrases (一次性告知: a visitor must be told exactly what to bring).
pub const CATCH_ALL_PHRASES: &[&str] = &[
    "其他相关材料",
    "有关部门要求的其他",
    "其他材料",
    "相关材料",
    "有关材料",
    // (v2)
    "其它材料",
    "其他资料",
    "其它资料",
    "相关资料",
    "有关资料",
    "相关证明",
    "有关证明",
    "相关文件",
    "有关文件",
    "相应材料",
    "所需材料",
    "其他证明",
    "其他情形",
    "其他不符合",
    "其他依法",
    "包括但不限于",
];

/// Vague words that leave the visitor unable to know what applies.
pub const VAGUE_WORDS: &[&str] = &[
    "一般情况下",
    "原则上",
    "视情况",
    "必要时",
    "尽快",
    "及时",
    "酌情",
    // (v2)
    "根据需要",
    "如有需要",
    "根据实际情况",
    "视具体情况",
    "另行通知",
    "以窗口要求为准",
    "按有关规定",
];

/// Words that continue a 等 closing an enumeration (等材料, 等证明...).
const AFTER_DENG: &[&str] = &["材料", "资料", "证明", "文件", "证件", "手续"];

/// (v2) Words that may stand between 等 and one of [`AFTER_DENG`] (身份证等有效证件).
const BETWEEN_DENG: &[&str] = &["有效", "相关", "其他", "有关"];

/// Characters that, before 等, make it part of a word (同等, 平等, 一等奖...).
const BEFORE_DENG_WORD: &str = "同平相高对均初中优上下次特超劣头何一二三四五六七八九十甲乙丙丁";

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || c.is_whitespace()
        || "，。、；：！？）】」』》〉”’…—·（【《".contains(c)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// Byte index in the text.
    pub byte: usize,
    pub words: String,
}

fn non_overlapping(mut matches: Vec<WordMatch>) -> Vec<WordMatch> {
    matches.sort_by(|a, b| a.byte.cmp(&b.byte).then(b.words.len().cmp(&a.words.len())));
    let mut output: Vec<WordMatch> = Vec::new();
    for found in matches {
        if let Some(last) = output.last()
            && found.byte < last.byte + last.words.len()
        {
            continue;
        }
        output.push(found);
    }
    output
}

/// 法律(、)(行政)法规(、规章)规定的其他 at `byte`.
fn law_catch_all_at(text: &str, byte: usize) -> Option<usize> {
    let mut rest = text[byte..].strip_prefix("法律")?;
    rest = rest.strip_prefix('、').unwrap_or(rest);
    rest = rest.strip_prefix("行政").unwrap_or(rest);
    rest = rest.strip_prefix("法规")?;
    rest = rest.strip_prefix("、规章").unwrap_or(rest);
    rest = rest.strip_prefix("规定的其他")?;
    Some(text.len() - byte - rest.len())
}

/// The distinct first characters of every phrase the matchers look for, sorted (at most 64).
fn first_characters() -> &'static [char] {
    static FIRSTS: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    FIRSTS.get_or_init(|| {
        let mut firsts: Vec<char> = CATCH_ALL_PHRASES
            .iter()
            .chain(VAGUE_WORDS)
            .chain(["法律"].iter())
            .filter_map(|phrase| phrase.chars().next())
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        debug_assert!(firsts.len() <= 64);
        firsts
    })
}

/// Which of [`first_characters`] occur in `text`, as bits: one pass over the text instead of a
/// search per phrase (most values contain none of the phrases, so this skips almost every
/// substring search).
struct Present(u64);

impl Present {
    fn of(text: &str) -> Present {
        let firsts = first_characters();
        let mut bits = 0u64;
        for c in text.chars() {
            if c.is_ascii() {
                continue;
            }
            if let Ok(index) = firsts.binary_search(&c) {
                bits |= 1 << index;
            }
        }
        Present(bits)
    }

    /// Whether `text` may contain `phrase`: its first character is there.
    fn may_contain(&self, phrase: &str) -> bool {
        phrase.chars().next().is_some_and(|first| {
            first_characters()
                .binary_search(&first)
                .is_ok_and(|index| self.0 & (1 << index) != 0)
        })
    }
}

pub fn catch_all(text: &str) -> Vec<WordMatch> {
    let mut matches = Vec::new();
    let present = Present::of(text);
    for phrase in CATCH_ALL_PHRASES {
        if !present.may_contain(phrase) {
            continue;
        }
        for (byte, words) in text.match_indices(phrase) {
            matches.push(WordMatch {
                byte,
                words: words.to_string(),
            });
        }
    }
    if present.may_contain("法律") {
        for (byte, _) in text.match_indices("法律") {
            if let Some(length) = law_catch_all_at(text, byte) {
                matches.push(WordMatch {
                    byte,
                    words: text[byte..byte + length].to_string(),
                });
            }
        }
    }
    for (byte, _) in text.match_indices('等') {
        let before = text[..byte].chars().next_back();
        if before.is_some_and(|c| BEFORE_DENG_WORD.contains(c)) {
            continue;
        }
        let after = &text[byte + '等'.len_utf8()..];
        let after = after.strip_prefix('等').unwrap_or(after);
        // (v2) 等有效证件, 等相关材料, 等其他证明.
        let between = BETWEEN_DENG
            .iter()
            .find(|word| {
                after
                    .strip_prefix(**word)
                    .is_some_and(|rest| AFTER_DENG.iter().any(|noun| rest.starts_with(noun)))
            })
            .map_or("", |word| *word);
        let after_between = &after[between.len()..];
        let noun = AFTER_DENG
            .iter()
            .find(|word| after_between.starts_with(**word));
        let closing =
            after.is_empty() || after.chars().next().is_some_and(is_punctuation) || noun.is_some();
        if closing {
            let end = match noun {
                Some(noun) => text.len() - after_between.len() + noun.len(),
                None => text.len() - after.len(),
            };
            matches.push(WordMatch {
                byte,
                words: text[byte..end].to_string(),
            });
        }
    }
    // (v2) An ellipsis closing an enumeration: ……, … or ... followed by the end, punctuation
    // or 等.
    for (byte, run) in ellipses(text) {
        let after = &text[byte + run.len()..];
        let closing = after.is_empty()
            || after.starts_with('等')
            || after.chars().next().is_some_and(is_punctuation);
        if closing {
            // …等材料 is one problem: the match takes in the 等 and what it closes.
            let mut end = byte + run.len();
            if let Some(rest) = after.strip_prefix('等') {
                end += '等'.len_utf8();
                if let Some(noun) = AFTER_DENG.iter().find(|noun| rest.starts_with(**noun)) {
                    end += noun.len();
                }
            }
            matches.push(WordMatch {
                byte,
                words: text[byte..end].to_string(),
            });
        }
    }
    non_overlapping(matches)
}

/// Each run of `…` or `⋯` characters, or of three or more `.`, `。` or `．`, with its byte
/// index.
fn ellipses(text: &str) -> Vec<(usize, &str)> {
    let mut runs = Vec::new();
    if !text.contains(['…', '⋯'])
        && !text.contains("...")
        && !text.contains("。。。")
        && !text.contains("．．．")
    {
        return runs;
    }
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !matches!(c, '…' | '⋯' | '.' | '。' | '．') {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(next, following)) = chars.peek() {
            if following != c {
                break;
            }
            end = next + following.len_utf8();
            chars.next();
        }
        if c == '…' || c == '⋯' || text[start..end].chars().count() >= 3 {
            runs.push((start, &text[start..end]));
        }
    }
    runs
}

pub fn vague(text: &str) -> Vec<WordMatch> {
    let mut matches = Vec::new();
    let present = Present::of(text);
    for word in VAGUE_WORDS {
        if !present.may_contain(word) {
            continue;
        }
        for (byte, found) in text.match_indices(word) {
            let after = &text[byte + found.len()..];
            if *word == "及时" && (after.starts_with('率') || after.starts_with('性')) {
                continue;
            }
            matches.push(WordMatch {
                byte,
                words: found.to_string(),
            });
        }
    }
    non_overlapping(matches)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(matches: Vec<WordMatch>) -> Vec<String> {
        matches.into_iter().map(|m| m.words).collect()
    }

    #[test]
    fn catch_all_finds_enumerations_and_phrases() {
        assert_eq!(words(catch_all("身份证、护照等")), ["等"]);
        assert_eq!(words(catch_all("身份证、护照等材料")), ["等材料"]);
        assert_eq!(words(catch_all("营业执照等，")), ["等"]);
        assert_eq!(words(catch_all("其他相关材料")), ["其他相关材料"]);
        assert_eq!(words(catch_all("相关材料")), ["相关材料"]);
        assert_eq!(
            words(catch_all("法律、行政法规规定的其他材料")),
            ["法律、行政法规规定的其他"]
        );
        assert_eq!(
            words(catch_all("法律法规、规章规定的其他情形")),
            ["法律法规、规章规定的其他"]
        );
        assert_eq!(
            words(catch_all("有关部门要求的其他证明")),
            ["有关部门要求的其他"]
        );
    }

    #[test]
    fn catch_all_version_two_words() {
        assert_eq!(words(catch_all("身份证等有效证件")), ["等有效证件"]);
        assert_eq!(words(catch_all("营业执照等相关材料")), ["等相关材料"]);
        assert_eq!(words(catch_all("身份证、户口簿……")), ["……"]);
        assert_eq!(words(catch_all("身份证、户口簿…等")), ["…等"]);
        assert_eq!(words(catch_all("身份证、户口簿……等材料")), ["……等材料"]);
        assert_eq!(words(catch_all("身份证、户口簿...。")), ["..."]);
        assert_eq!(words(catch_all("其它材料")), ["其它材料"]);
        assert_eq!(
            words(catch_all("其他不符合法律法规规定的情形")),
            ["其他不符合"]
        );
        assert_eq!(words(catch_all("包括但不限于身份证")), ["包括但不限于"]);
        assert_eq!(words(catch_all("相关证明文件")), ["相关证明"]);
        assert!(catch_all("身份证……户口簿").is_empty());
        assert!(catch_all("版本 1.2").is_empty());
        assert_eq!(words(catch_all("身份证等有关证件")), ["等有关证件"]);
        assert_eq!(words(catch_all("身份证、户口簿⋯⋯")), ["⋯⋯"]);
        assert_eq!(words(catch_all("身份证、户口簿。。。")), ["。。。"]);
        assert!(catch_all("户口簿。").is_empty());
    }

    #[test]
    fn catch_all_leaves_words_alone() {
        for honest in [
            "等级证书",
            "同等学力证明",
            "平等",
            "相等",
            "高等学校毕业证书",
            "等于",
            "营业执照",
            "其他主体资格证明文件",
            "其他",
            "特种设备作业人员证（一等）",
            "等候时间",
        ] {
            assert!(catch_all(honest).is_empty(), "{honest}");
        }
    }

    #[test]
    fn vague_words_and_terms() {
        assert_eq!(
            words(vague("原则上当场办结，必要时现场核查")),
            ["原则上", "必要时"]
        );
        assert_eq!(words(vague("一般情况下")), ["一般情况下"]);
        assert!(vague("一般纳税人资格").is_empty());
        assert!(vague("按期办结及时率达到100%").is_empty());
        assert_eq!(words(vague("如有需要，另行通知")), ["如有需要", "另行通知"]);
        assert_eq!(words(vague("以窗口要求为准")), ["以窗口要求为准"]);
    }
}
