//! Large-corpus generator: writes a complete, valid zhinan site of any size for benchmarks and
//! stress tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --items 10000 --out /tmp/corpus [--seed 1] [--force]
//! ```
//!
//! writes `<out>/content/`:
//!
//! - `site.yaml`, the publishing body (示例县市场监督管理局) and its channels;
//! - `departments/<id>.yaml`, 30 offices (股、所、站、大队), each with a phone;
//! - `laws/<id>.yaml`, 200 legal instruments, each with 10 to 40 articles keyed by Chinese
//!   numerals (第一条 to 第一百二十条); the articles that items cite by name (行政许可法第二十四条,
//!   第三十二条, 第三十八条, 第四十二条, 行政复议法第二十三条...) are always there, with their text, and
//!   two entrusting instruments (a city and a province bureau's) name what they entrust;
//! - `items/<department>/<item>.yaml`, `--items` items (default 1000) spread over the departments,
//!   about 5.5 to 6.5 KB of YAML each: materials, procedure, legal basis, refusals, FAQ, and the keys
//!   of content format version 2 in the proportions of a county bureau's guide:
//!   - every 行政许可 has `quantity_limit` (mostly 无数量限制) and a statutory limit with its
//!     `basis` (行政许可法第四十二条 for 20 工作日), many an `extension` (approver and basis);
//!   - `refusals` on every item but most 公共服务, each of `kind` 不予受理 (often left as the
//!     default) or 不予批准;
//!   - materials `exempt` by 共享获取 or 电子证照 (with and without `when`) and by 申报承诺; a third
//!     of the 行政许可 offer 告知承诺: materials `exempt.by: 告知承诺` and the item's `commitment`
//!     (form under files/forms/, verification, consequence, mostly scope);
//!   - entrusted 行政许可 (特种设备, 药品器械, 食品生产, 工业产品, 检验检测): `authority` of nature
//!     受委托组织 with `entrusted_by` and `entrustment_basis`, 行政许可法第二十四条 among the legal
//!     basis, and the item's own `redress`; items of the testing and verification institutes as
//!     法律法规授权组织; 政府信息公开 with `redress.review_first`;
//!   - every material issued by an intermediary (中介机构出具) comes with the item's
//!     `intermediary` list; a third of the items with conditional materials declare `situations`,
//!     and then every text `required` is one of them;
//!   - `result.sample` and `validity` on many 证照, `fees.waiver` on half of the charged items;
//! - `pages/<slug>.md`, the free pages (首问负责制, 一次性告知制, 投诉渠道 ...);
//! - `files/forms/*.pdf` and `files/samples/*.pdf`, small placeholder files for every blank form,
//!   filled sample, commitment letter and result specimen that an item names.
//!
//! Guarantees:
//!
//! - **Valid.** Every file satisfies the content format, version 2
//!   (`shared/spec/content-format.md`), with zero errors and zero warnings from `zhinan check`
//!   while today is between 2026-11-28 and 2026-12-31 (`updated` dates lie in
//!   2026-01-01..=2026-11-28; pin later runs with `--today 2026-11-29`): codes and ids are unique,
//!   every law reference names an existing law and one of its articles, every form-like material
//!   has its blank form and sample, promised limits never exceed statutory ones and the steps'
//!   limits never add up to more than the promised one, procedures excluded from the time limit
//!   cite a basis, no item lists a material twice (names compared as `duplicate-material` does),
//!   and the text never uses catch-all or vague wording. The last points are enforced: a file
//!   containing a forbidden phrase, or any 等, is never written, and an item whose note exempts a
//!   material without `exempt`, asks for a further document, or whose materials break the rules
//!   above is a generator bug that stops the run.
//! - **Deterministic.** The output depends only on `--items` and `--seed`: the same arguments give
//!   byte-identical files (a hand-written SplitMix64, no clocks, no hash-map iteration).
//! - **Self-contained.** Standard library only; runs as `rustc --edition 2024 -O` on its own.
//!
//! An existing `<out>/content` is refused unless `--force` is given, which deletes it first, so a
//! corpus is never a mix of two runs. A one-line summary (items, files, bytes, seconds) goes to
//! stderr.

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use zhinan::check::wording::{CATCH_ALL_PHRASES, VAGUE_WORDS};
use zhinan::check::{EXEMPTION_WORDS, FORM_SUFFIXES, FURTHER_DOCUMENT_WORDS};

const USAGE: &str = "usage: gen_corpus --out DIR [--items N] [--seed N] [--force]

  --out DIR    site root to write; the corpus goes to DIR/content
  --items N    number of items (1 to 999999, default 1000)
  --seed N     seed of the pseudo-random generator (default 1)
  --force      delete an existing DIR/content first";

const DEFAULT_ITEM_COUNT: usize = 1000;
const MAX_ITEM_COUNT: usize = 999_999;
const LAW_COUNT: usize = 200;
/// The highest article number a generated law may have (第一百二十条).
const MAX_ARTICLE: usize = 120;

/// Phrases that `check` reports as catch-all or vague wording (its own lists), the bare 等 (which
/// closes an enumeration in most places it can appear) and ellipses; no generated text file may
/// contain any of them.
fn forbidden_phrases() -> impl Iterator<Item = &'static str> {
    CATCH_ALL_PHRASES
        .iter()
        .chain(VAGUE_WORDS)
        .chain(&["规定的其他", "等", "…", "..."])
        .copied()
}

const AREA_CODE: &str = "0579";
const PORTAL: &str = "https://zwfw.example.gov.cn";
const HALL: &str = "示例县行政服务中心";

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("gen_corpus: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match generate(&options) {
        Ok(stats) => {
            eprintln!(
                "gen_corpus: {} items, {} departments, {} laws, {} files, {} bytes in {:.2} s -> `{}`",
                options.item_count,
                DEPARTMENTS.len(),
                LAW_COUNT,
                stats.file_count,
                stats.byte_count,
                started.elapsed().as_secs_f64(),
                options.out.join("content").display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Options

struct Options {
    item_count: usize,
    out: PathBuf,
    seed: u64,
    force: bool,
}

/// `Ok(None)` asks for the usage text.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut item_count = DEFAULT_ITEM_COUNT;
    let mut out = None;
    let mut seed = 1;
    let mut force = false;
    while let Some(arg) = args.next() {
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_string(), Some(value.to_string()))
            }
            _ => (arg, None),
        };
        let mut value = || {
            inline_value
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match name.as_str() {
            "--items" => {
                let text = value()?;
                item_count = text
                    .parse()
                    .ok()
                    .filter(|count| (1..=MAX_ITEM_COUNT).contains(count))
                    .ok_or_else(|| {
                        format!("`--items` takes a number from 1 to {MAX_ITEM_COUNT}, not `{text}`")
                    })?;
            }
            "--seed" => {
                let text = value()?;
                seed = text
                    .parse()
                    .map_err(|_| format!("`--seed` takes a non-negative integer, not `{text}`"))?;
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--force" => force = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let out = out.ok_or("missing `--out DIR`")?;
    Ok(Some(Options {
        item_count,
        out,
        seed,
        force,
    }))
}

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers

/// SplitMix64: tiny, fast and good enough for synthetic text; every entity gets its own stream
/// derived from (seed, stream, index) so that adding a law never changes an item.
struct Rng(u64);

fn mix(mut value: u64) -> u64 {
    value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    value ^ (value >> 31)
}

impl Rng {
    fn new(seed: u64, stream: u64, index: u64) -> Rng {
        Rng(mix(seed
            ^ mix(
                stream.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ mix(index)
            )))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.next_u64()) * bound as u128) >> 64) as usize
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn percent(&mut self, chance: usize) -> bool {
        self.below(100) < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Between `low` and `high` distinct indices of `0..len`, in random order.
    fn sample_between(&mut self, len: usize, low: usize, high: usize) -> Vec<usize> {
        let count = self.range(low, high);
        self.sample(len, count)
    }

    /// `count` distinct indices of `0..len` in random order (all of them if `count` >= `len`).
    fn sample(&mut self, len: usize, count: usize) -> Vec<usize> {
        let mut indices: Vec<usize> = (0..len).collect();
        let count = count.min(len);
        for position in 0..count {
            let other = position + self.below(len - position);
            indices.swap(position, other);
        }
        indices.truncate(count);
        indices
    }
}

const STREAM_LAW: u64 = 1;
const STREAM_DEPARTMENT: u64 = 2;
const STREAM_ITEM: u64 = 3;
const STREAM_PLAN: u64 = 4;
const STREAM_LAW_FILE: u64 = 5;

// ---------------------------------------------------------------------------------------------
// Numerals and dates

/// The Chinese numeral of `number` (1..=9999) as written in article numbers: 十, 十一, 二十,
/// 一百零五, 一百一十, 一千零一十.
fn chinese_numeral(number: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    const UNITS: [&str; 4] = ["千", "百", "十", ""];
    assert!((1..=9999).contains(&number), "no numeral for {number}");
    let digits = [
        number / 1000,
        number / 100 % 10,
        number / 10 % 10,
        number % 10,
    ];
    let mut text = String::new();
    let mut zero_pending = false;
    for (position, &digit) in digits.iter().enumerate() {
        if digit == 0 {
            zero_pending = !text.is_empty();
            continue;
        }
        if zero_pending {
            text.push('零');
            zero_pending = false;
        }
        // 十一, not 一十一, when the tens digit leads.
        if !(digit == 1 && position == 2 && text.is_empty()) {
            text.push_str(DIGITS[digit]);
        }
        text.push_str(UNITS[position]);
    }
    text
}

fn article_key(number: usize) -> String {
    format!("第{}条", chinese_numeral(number))
}

/// A civil date as a day number (days since 1970-01-01).
#[derive(Clone, Copy)]
struct Date(i64);

impl Date {
    fn new(year: i64, month: i64, day: i64) -> Date {
        // Howard Hinnant's days_from_civil.
        let year = if month <= 2 { year - 1 } else { year };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_index = (month + 9) % 12;
        let day_of_year = (153 * month_index + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        Date(era * 146_097 + day_of_era - 719_468)
    }

    fn parts(self) -> (i64, i64, i64) {
        let days = self.0 + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    fn parse(text: &str) -> Date {
        let mut parts = text
            .split('-')
            .map(|part| part.parse::<i64>().expect("date in table"));
        let (year, month, day) = (parts.next(), parts.next(), parts.next());
        Date::new(year.unwrap(), month.unwrap(), day.unwrap())
    }

    /// A date drawn uniformly from `first..=last`.
    fn between(rng: &mut Rng, first: Date, last: Date) -> Date {
        Date(first.0 + rng.below((last.0 - first.0 + 1) as usize) as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.parts();
        write!(formatter, "{year:04}-{month:02}-{day:02}")
    }
}

// ---------------------------------------------------------------------------------------------
// YAML writing

/// How a text scalar is written; `Plain` falls back to double quotes when the text would not
/// survive as a plain scalar.
#[derive(Clone, Copy)]
enum Quote {
    Plain,
    Double,
    Single,
}

impl Quote {
    /// Mostly plain, sometimes quoted, as offices write by hand.
    fn random(rng: &mut Rng) -> Quote {
        match rng.below(10) {
            0 => Quote::Single,
            1 | 2 => Quote::Double,
            _ => Quote::Plain,
        }
    }
}

/// Whether `text` reads back as the same string when written as a plain scalar, in block and in
/// flow context.
fn plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let reserved = [
        "true", "false", "null", "~", "yes", "no", "on", "off", "y", "n", ".inf", ".nan",
    ];
    !"-?:,[]{}#&*!|>'\"%@` \t".contains(first)
        && !text.ends_with(' ')
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['\n', '\t', ',', '[', ']', '{', '}'])
        && !reserved.contains(&text.to_ascii_lowercase().as_str())
        && (!text.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '+')
            || is_phone(text))
}

/// `0579-88882001`: digits, one hyphen, digits; text in every YAML schema.
fn is_phone(text: &str) -> bool {
    text.split_once('-').is_some_and(|(area, number)| {
        area.len() >= 3
            && number.len() >= 7
            && area.bytes().all(|byte| byte.is_ascii_digit())
            && number.bytes().all(|byte| byte.is_ascii_digit())
    })
}

struct Yaml {
    text: String,
}

impl Yaml {
    fn new() -> Yaml {
        Yaml {
            text: String::with_capacity(8192),
        }
    }

    fn scalar(&mut self, value: &str, quote: Quote) {
        let quote = match quote {
            Quote::Plain if !plain_safe(value) => Quote::Double,
            other => other,
        };
        match quote {
            Quote::Plain => self.text.push_str(value),
            Quote::Double => {
                self.text.push('"');
                for character in value.chars() {
                    match character {
                        '"' => self.text.push_str("\\\""),
                        '\\' => self.text.push_str("\\\\"),
                        '\n' => self.text.push_str("\\n"),
                        other => self.text.push(other),
                    }
                }
                self.text.push('"');
            }
            Quote::Single => {
                self.text.push('\'');
                self.text.push_str(&value.replace('\'', "''"));
                self.text.push('\'');
            }
        }
    }

    /// `lead` is what comes before the key: indentation, and `- ` for the first key of a list
    /// entry.
    fn text(&mut self, lead: &str, key: &str, value: &str, quote: Quote) {
        self.text.push_str(lead);
        self.text.push_str(key);
        self.text.push_str(": ");
        self.scalar(value, quote);
        self.text.push('\n');
    }

    /// A number, boolean, date or id, written as is.
    fn raw(&mut self, lead: &str, key: &str, value: impl fmt::Display) {
        writeln!(self.text, "{lead}{key}: {value}").unwrap();
    }

    fn open(&mut self, lead: &str, key: &str) {
        writeln!(self.text, "{lead}{key}:").unwrap();
    }

    fn entry(&mut self, indent: &str, value: &str, quote: Quote) {
        self.text.push_str(indent);
        self.text.push_str("- ");
        self.scalar(value, quote);
        self.text.push('\n');
    }

    /// A literal block scalar (`|`), its lines indented two more than the key.
    fn block(&mut self, lead: &str, key: &str, value: &str) {
        writeln!(self.text, "{lead}{key}: |").unwrap();
        let indent = lead.len() + 2;
        for line in value.trim_end().lines() {
            if !line.is_empty() {
                self.text.extend(std::iter::repeat_n(' ', indent));
                self.text.push_str(line);
            }
            self.text.push('\n');
        }
    }

    /// Markdown text: a block scalar when it has several lines (or by chance), else a scalar.
    fn markdown(&mut self, rng: &mut Rng, lead: &str, key: &str, value: &str) {
        if value.contains('\n') || rng.percent(40) {
            self.block(lead, key, value);
        } else {
            let quote = Quote::random(rng);
            self.text(lead, key, value, quote);
        }
    }

    fn span(&mut self, lead: &str, key: &str, span: Span) {
        writeln!(
            self.text,
            "{lead}{key}: {{value: {}, unit: {}}}",
            span.value,
            span.unit.name()
        )
        .unwrap();
    }

    /// A law reference as a flow map (`basis: {law: x, article: 第三条}`) or a block map.
    fn law_ref(&mut self, rng: &mut Rng, lead: &str, key: &str, reference: &LawRef, laws: &[Law]) {
        let law = &laws[reference.law];
        if rng.percent(60) {
            writeln!(
                self.text,
                "{lead}{key}: {{law: {}, article: {}}}",
                law.id,
                reference.article_key()
            )
            .unwrap();
        } else {
            let inner = " ".repeat(lead.len() + 2);
            writeln!(self.text, "{lead}{key}:").unwrap();
            writeln!(self.text, "{inner}law: {}", law.id).unwrap();
            writeln!(self.text, "{inner}article: {}", reference.article_key()).unwrap();
        }
    }
}

/// Leads for the nesting levels used below: `L1` is two spaces, `D1` a list entry at two spaces,
/// `L2` the keys after the first one of that entry.
const L0: &str = "";
const L1: &str = "  ";
const L2: &str = "    ";
const L3: &str = "      ";
const D1: &str = "  - ";
const D2: &str = "    - ";

// ---------------------------------------------------------------------------------------------
// Output

#[derive(Default)]
struct Stats {
    file_count: usize,
    byte_count: u64,
}

struct Output {
    content: PathBuf,
    stats: Stats,
}

impl Output {
    fn create_dir(&self, relative: &str) -> Result<(), String> {
        let path = self.content.join(relative);
        fs::create_dir_all(&path)
            .map_err(|error| format!("cannot create `{}`: {error}", path.display()))
    }

    /// Writes a text file after making sure it holds no forbidden wording.
    fn write_text(&mut self, relative: &str, text: &str) -> Result<(), String> {
        if let Some(phrase) = forbidden_phrases().find(|phrase| text.contains(phrase)) {
            return Err(format!(
                "generator bug: `content/{relative}` would contain `{phrase}`"
            ));
        }
        self.write_bytes(relative, text.as_bytes())
    }

    fn write_bytes(&mut self, relative: &str, bytes: &[u8]) -> Result<(), String> {
        let path = self.content.join(relative);
        fs::write(&path, bytes)
            .map_err(|error| format!("cannot write `{}`: {error}", path.display()))?;
        self.stats.file_count += 1;
        self.stats.byte_count += bytes.len() as u64;
        Ok(())
    }
}

fn generate(options: &Options) -> Result<Stats, String> {
    let content = options.out.join("content");
    if content.exists() {
        if !options.force {
            return Err(format!(
                "`{}` already exists; pass --force to replace it",
                content.display()
            ));
        }
        fs::remove_dir_all(&content)
            .map_err(|error| format!("cannot remove `{}`: {error}", content.display()))?;
    }
    let mut output = Output {
        content,
        stats: Stats::default(),
    };
    for folder in [
        "departments",
        "laws",
        "pages",
        "files/forms",
        "files/samples",
    ] {
        output.create_dir(folder)?;
    }
    for department in DEPARTMENTS {
        output.create_dir(&format!("items/{}", department.id))?;
    }

    let laws = make_laws(options.seed);
    let corpus = Corpus::new(options.seed, laws);
    output.write_text("site.yaml", &site_yaml())?;
    for (index, department) in DEPARTMENTS.iter().enumerate() {
        let text = department_yaml(&corpus, index);
        output.write_text(&format!("departments/{}.yaml", department.id), &text)?;
    }
    for (index, law) in corpus.laws.iter().enumerate() {
        output.write_text(
            &format!("laws/{}.yaml", law.id),
            &law_yaml(options.seed, index, law),
        )?;
    }
    for page in PAGES {
        output.write_text(&format!("pages/{}.md", page.slug), &page_markdown(page))?;
    }

    let mut forms = BTreeSet::new();
    let mut plan_rng = Rng::new(options.seed, STREAM_PLAN, 0);
    let total_weight: usize = DEPARTMENTS.iter().map(|department| department.weight).sum();
    for number in 1..=options.item_count {
        let mut choice = plan_rng.below(total_weight);
        let department = DEPARTMENTS
            .iter()
            .position(|department| {
                if choice < department.weight {
                    return true;
                }
                choice -= department.weight;
                false
            })
            .expect("weights cover the choice");
        let item = ItemPlan {
            number,
            department,
            id: format!("sx-{number:06}"),
        };
        let text = item_yaml(&corpus, &item, &mut forms)?;
        let relative = format!("items/{}/{}.yaml", DEPARTMENTS[department].id, item.id);
        output.write_text(&relative, &text)?;
    }
    for form in &forms {
        output.write_bytes(&form.path, placeholder(&form.title).as_bytes())?;
    }
    Ok(output.stats)
}

/// A form or sample file referenced by some material.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct FormFile {
    path: String,
    title: String,
}

fn placeholder(title: &str) -> String {
    format!(
        "%PDF-1.4\n% zhinan corpus placeholder\n% {title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )
}

// ---------------------------------------------------------------------------------------------
// Site

const AUTHORITY: &str = "示例县市场监督管理局";
const BASE_URL: &str = "https://scjg.example.gov.cn/bszn/";
const SITE_PHONE: &str = "0579-88880000";
const COMPLAINT_PHONE: &str = "0579-88881234";
const SITE_ADDRESS: &str = "示例县城关镇人民路 88 号示例县行政服务中心二楼市场监管综合窗口";
const SITE_HOURS: &str = "周一至周五上午 8:30—12:00，下午 14:30—17:30（法定节假日除外）";
const REVIEW_BODY: &str = "示例县人民政府";
const COURT: &str = "示例县人民法院";

fn site_yaml() -> String {
    let mut doc = Yaml::new();
    doc.text(
        L0,
        "title",
        &format!("{AUTHORITY}政务服务事项办事指南"),
        Quote::Plain,
    );
    doc.text(L0, "authority", AUTHORITY, Quote::Plain);
    doc.text(L0, "base_url", BASE_URL, Quote::Plain);
    doc.text(L0, "language", "zh-CN", Quote::Plain);
    doc.text(L0, "address", SITE_ADDRESS, Quote::Plain);
    doc.text(L0, "hours", SITE_HOURS, Quote::Plain);
    doc.text(L0, "phone", SITE_PHONE, Quote::Plain);
    doc.open(L0, "complaint");
    doc.text(L1, "phone", COMPLAINT_PHONE, Quote::Plain);
    doc.text(
        L1,
        "address",
        "示例县市场监督管理局监察室（局机关三楼 305 室）",
        Quote::Plain,
    );
    doc.text(L1, "email", "jiancha@scjg.example.gov.cn", Quote::Plain);
    doc.text(
        L1,
        "url",
        "https://scjg.example.gov.cn/tousu/",
        Quote::Plain,
    );
    doc.open(L0, "redress");
    doc.text(L1, "review", REVIEW_BODY, Quote::Plain);
    doc.text(L1, "litigation", COURT, Quote::Plain);
    doc.raw(L0, "review_months", 12);
    doc.text(L0, "timezone", "Asia/Shanghai", Quote::Plain);
    doc.text
}

// ---------------------------------------------------------------------------------------------
// Domains, departments

/// The field of work that ties departments, item kinds, laws and vocabulary together.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Domain {
    General,
    Archive,
    Legal,
    Registration,
    Credit,
    FoodProduction,
    FoodBusiness,
    Drug,
    Equipment,
    Metrology,
    Standard,
    Quality,
    Product,
    Certification,
    Property,
    Advertising,
    Price,
    Online,
    Consumer,
    Enforcement,
    Lab,
}

const DOMAIN_COUNT: usize = Domain::Lab as usize + 1;

#[cfg(test)]
const DOMAINS: [Domain; DOMAIN_COUNT] = [
    Domain::General,
    Domain::Archive,
    Domain::Legal,
    Domain::Registration,
    Domain::Credit,
    Domain::FoodProduction,
    Domain::FoodBusiness,
    Domain::Drug,
    Domain::Equipment,
    Domain::Metrology,
    Domain::Standard,
    Domain::Quality,
    Domain::Product,
    Domain::Certification,
    Domain::Property,
    Domain::Advertising,
    Domain::Price,
    Domain::Online,
    Domain::Consumer,
    Domain::Enforcement,
    Domain::Lab,
];

struct Department {
    id: &'static str,
    name: &'static str,
    domains: &'static [Domain],
    /// Relative share of the items.
    weight: usize,
    head: &'static str,
}

const GRASSROOTS: &[Domain] = &[Domain::Registration, Domain::FoodBusiness, Domain::Consumer];

#[rustfmt::skip]
const DEPARTMENTS: &[Department] = &[
    Department { id: "zonghe-bangongshi", name: "综合办公室", domains: &[Domain::Archive], weight: 2, head: "办公室主任" },
    Department { id: "fagui-gu", name: "法规股", domains: &[Domain::Legal], weight: 2, head: "股长" },
    Department { id: "dengji-zhuce", name: "登记注册股", domains: &[Domain::Registration], weight: 6, head: "股长" },
    Department { id: "xinyong-jianguan", name: "信用监管股", domains: &[Domain::Credit], weight: 3, head: "股长" },
    Department { id: "shipin-shengchan", name: "食品生产监管股", domains: &[Domain::FoodProduction], weight: 4, head: "股长" },
    Department { id: "shipin-jingying", name: "食品经营监管股", domains: &[Domain::FoodBusiness], weight: 5, head: "股长" },
    Department { id: "yaopin-qixie", name: "药品医疗器械监管股", domains: &[Domain::Drug], weight: 4, head: "股长" },
    Department { id: "tezhong-shebei", name: "特种设备安全监察股", domains: &[Domain::Equipment], weight: 4, head: "股长" },
    Department { id: "jiliang-gu", name: "计量股", domains: &[Domain::Metrology], weight: 3, head: "股长" },
    Department { id: "biaozhunhua-gu", name: "标准化股", domains: &[Domain::Standard], weight: 2, head: "股长" },
    Department { id: "zhiliang-fazhan", name: "质量发展股", domains: &[Domain::Quality], weight: 2, head: "股长" },
    Department { id: "chanpin-zhiliang", name: "产品质量安全监督股", domains: &[Domain::Product], weight: 2, head: "股长" },
    Department { id: "renzheng-jiance", name: "认证认可与检验检测股", domains: &[Domain::Certification], weight: 2, head: "股长" },
    Department { id: "zhishi-chanquan", name: "知识产权股", domains: &[Domain::Property], weight: 3, head: "股长" },
    Department { id: "guanggao-jianguan", name: "广告监管股", domains: &[Domain::Advertising], weight: 2, head: "股长" },
    Department { id: "jiage-jiancha", name: "价格监督检查股", domains: &[Domain::Price], weight: 2, head: "股长" },
    Department { id: "wangluo-jiaoyi", name: "网络交易监管股", domains: &[Domain::Online], weight: 2, head: "股长" },
    Department { id: "xiaofei-weiquan", name: "消费者权益保护股", domains: &[Domain::Consumer], weight: 3, head: "股长" },
    Department { id: "zhifa-jicha", name: "执法稽查大队", domains: &[Domain::Enforcement], weight: 2, head: "大队长" },
    Department { id: "geti-siying", name: "个体私营经济服务站", domains: &[Domain::Registration], weight: 3, head: "站长" },
    Department { id: "chengguan-suo", name: "城关市场监管所", domains: GRASSROOTS, weight: 5, head: "所长" },
    Department { id: "dongcheng-suo", name: "东城市场监管所", domains: GRASSROOTS, weight: 4, head: "所长" },
    Department { id: "xicheng-suo", name: "西城市场监管所", domains: GRASSROOTS, weight: 4, head: "所长" },
    Department { id: "nanhu-suo", name: "南湖市场监管所", domains: GRASSROOTS, weight: 4, head: "所长" },
    Department { id: "beishan-suo", name: "北山市场监管所", domains: GRASSROOTS, weight: 4, head: "所长" },
    Department { id: "linjiang-suo", name: "临江市场监管所", domains: GRASSROOTS, weight: 4, head: "所长" },
    Department { id: "qingshi-suo", name: "青石市场监管所", domains: GRASSROOTS, weight: 4, head: "所长" },
    Department { id: "jiliang-jiandingsuo", name: "计量检定所", domains: &[Domain::Metrology], weight: 3, head: "所长" },
    Department { id: "tezhong-jianyanzhan", name: "特种设备检验站", domains: &[Domain::Equipment], weight: 3, head: "站长" },
    Department { id: "shipin-jiancezhan", name: "食品检验检测站", domains: &[Domain::Lab], weight: 2, head: "站长" },
];

/// What an office does, by domain: the opening of its `functions`.
fn domain_duties(domain: Domain) -> &'static [&'static str] {
    match domain {
        Domain::General | Domain::Archive => &[
            "负责机关日常运转、政务公开和政府信息公开申请的受理与答复",
            "负责企业登记档案的保管、查询和利用服务",
            "负责首问负责、一次性告知、同岗替代和办事预约制度的组织落实",
        ],
        Domain::Legal => &[
            "负责行政执法监督、行政处罚案件法制审核和听证组织",
            "负责行政规范性文件的合法性审核和异议审查",
        ],
        Domain::Registration => &[
            "负责辖区内公司、合伙企业、个人独资企业、农民专业合作社和个体工商户的登记注册",
            "负责股权出质登记和营业执照补领、换发",
            "指导个体私营经济组织规范经营",
        ],
        Domain::Credit => &[
            "负责企业信息公示和年度报告的监督管理",
            "负责经营异常名录、严重违法失信名单的列入、移出和信用修复",
        ],
        Domain::FoodProduction => &[
            "负责食品生产许可和食品小作坊登记的审查",
            "组织实施食品生产环节的监督检查和风险隐患排查",
        ],
        Domain::FoodBusiness => &[
            "负责食品经营许可、小餐饮登记和仅销售预包装食品备案",
            "负责餐饮服务、食品流通环节的日常监督检查",
            "组织实施辖区内重大活动餐饮服务食品安全保障",
        ],
        Domain::Drug => &[
            "负责药品零售企业经营许可和医疗器械经营许可、备案",
            "负责药品、医疗器械和化妆品使用环节的监督检查",
        ],
        Domain::Equipment => &[
            "负责锅炉、压力容器、电梯、起重机械和场（厂）内专用机动车辆的使用登记",
            "负责特种设备作业人员资格认定和安装改造修理告知受理",
            "组织特种设备事故隐患排查治理",
        ],
        Domain::Metrology => &[
            "负责强制检定计量器具的检定和计量标准器具核准",
            "受理计量纠纷调解和仲裁检定申请",
        ],
        Domain::Standard => &[
            "负责企业标准自我声明公开的监督和标准化项目资助",
            "组织实施地方标准的宣传贯彻",
        ],
        Domain::Quality => &[
            "负责县长质量奖评审的组织实施",
            "负责质量提升项目补助资金的审核拨付",
        ],
        Domain::Product => &[
            "负责工业产品生产许可的受理和后续监督",
            "组织实施产品质量监督抽查",
        ],
        Domain::Certification => &[
            "负责检验检测机构资质认定的受理和监督管理",
            "负责认证活动和认证证书使用的监督检查",
        ],
        Domain::Property => &[
            "负责专利侵权纠纷行政裁决和知识产权维权援助",
            "负责专利资助资金发放和注册商标专用权质押登记受理",
        ],
        Domain::Advertising => &[
            "负责广告发布登记和广告活动的监督管理",
            "组织查处虚假违法广告",
        ],
        Domain::Price => &[
            "负责价格监督检查和明码标价的监督管理",
            "负责价格违法行为举报奖励的审核",
        ],
        Domain::Online => &[
            "负责网络交易经营者的监督管理和登记信息公示辅导",
            "组织网络交易平台规则的合规指导",
        ],
        Domain::Consumer => &[
            "负责消费者投诉举报的受理、分送和处理",
            "负责消费纠纷行政调解和消费维权服务站建设指导",
        ],
        Domain::Enforcement => &[
            "负责重大、复杂和跨区域违法案件的查处",
            "负责重大违法行为举报奖励的审核兑付",
        ],
        Domain::Lab => &[
            "负责食品安全快速检测和委托检验服务",
            "承担食品安全监督抽检的样品检验",
        ],
    }
}

fn department_phone(index: usize) -> String {
    format!("{AREA_CODE}-8888{:04}", 2001 + index * 7)
}

fn department_room(rng: &mut Rng, department: &Department) -> String {
    if department.id.ends_with("suo") || department.id.ends_with("zhan") {
        format!("{HALL}一楼 {} 号窗口", rng.range(1, 30))
    } else {
        let floor = ["二", "三", "四", "五"][rng.below(4)];
        format!(
            "局机关{floor}楼 {}{:02} 室",
            rng.range(2, 5),
            rng.range(1, 20)
        )
    }
}

fn department_yaml(corpus: &Corpus, index: usize) -> String {
    let department = &DEPARTMENTS[index];
    let mut rng = Rng::new(corpus.seed, STREAM_DEPARTMENT, index as u64);
    let mut functions = String::new();
    let mut duties: Vec<&str> = Vec::new();
    for &domain in department.domains {
        duties.extend(domain_duties(domain));
    }
    writeln!(
        functions,
        "{}是{AUTHORITY}的内设机构（派出机构），主要职责是：\n",
        department.name
    )
    .unwrap();
    for duty in &duties {
        writeln!(functions, "- {duty}；").unwrap();
    }
    writeln!(
        functions,
        "- 落实首问负责、一次性告知、同岗替代和办事预约制度，答复群众咨询。"
    )
    .unwrap();
    writeln!(
        functions,
        "\n工作人员不在岗时，请拨打本{}电话 {} 预约，或者向综合窗口咨询。",
        office_word(department),
        department_phone(index)
    )
    .unwrap();
    let mut doc = Yaml::new();
    doc.text(L0, "name", department.name, Quote::Plain);
    doc.block(L0, "functions", &functions);
    doc.text(L0, "phone", &department_phone(index), Quote::Plain);
    let room = department_room(&mut rng, department);
    doc.text(L0, "room", &room, Quote::Plain);
    doc.text(L0, "head", department.head, Quote::Plain);
    doc.text
}

fn office_word(department: &Department) -> &'static str {
    let last = department.name.chars().last();
    match last {
        Some('所') => "所",
        Some('站') => "站",
        Some('队') => "大队",
        Some('室') => "室",
        _ => "股",
    }
}

// ---------------------------------------------------------------------------------------------
// Laws

struct Law {
    id: String,
    title: String,
    doc_no: Option<String>,
    issuer: String,
    domain: Domain,
    effective: Date,
    amended: Option<Date>,
    articles: Vec<Article>,
    /// Whether items may cite it at random; an entrusting instrument is cited only as the
    /// `entrustment_basis` of the items it entrusts.
    citable: bool,
}

struct Article {
    number: usize,
    text: String,
}

struct LawRef {
    law: usize,
    article: usize,
}

impl LawRef {
    fn article_key(&self) -> String {
        article_key(self.article)
    }
}

struct NationalLaw {
    id: &'static str,
    title: &'static str,
    doc_no: &'static str,
    issuer: &'static str,
    domain: Domain,
    effective: &'static str,
    amended: &'static str,
}

const NPC: &str = "全国人民代表大会常务委员会";
const STATE_COUNCIL: &str = "国务院";
const SAMR: &str = "国家市场监督管理总局";

#[rustfmt::skip]
const NATIONAL_LAWS: &[NationalLaw] = &[
    NationalLaw { id: "xingzheng-xuke-fa", title: "中华人民共和国行政许可法", doc_no: "中华人民共和国主席令第七号", issuer: NPC, domain: Domain::General, effective: "2004-07-01", amended: "2019-04-23" },
    NationalLaw { id: "xingzheng-chufa-fa", title: "中华人民共和国行政处罚法", doc_no: "中华人民共和国主席令第七十号", issuer: NPC, domain: Domain::Enforcement, effective: "1996-10-01", amended: "2021-07-15" },
    NationalLaw { id: "xingzheng-fuyi-fa", title: "中华人民共和国行政复议法", doc_no: "中华人民共和国主席令第九号", issuer: NPC, domain: Domain::Legal, effective: "1999-10-01", amended: "2024-01-01" },
    NationalLaw { id: "xingzheng-susong-fa", title: "中华人民共和国行政诉讼法", doc_no: "中华人民共和国主席令第十六号", issuer: NPC, domain: Domain::Legal, effective: "1990-10-01", amended: "2017-07-01" },
    NationalLaw { id: "youhua-yingshang-huanjing", title: "优化营商环境条例", doc_no: "中华人民共和国国务院令第722号", issuer: STATE_COUNCIL, domain: Domain::General, effective: "2020-01-01", amended: "" },
    NationalLaw { id: "zhengfu-xinxi-gongkai", title: "中华人民共和国政府信息公开条例", doc_no: "中华人民共和国国务院令第711号", issuer: STATE_COUNCIL, domain: Domain::Archive, effective: "2008-05-01", amended: "2019-05-15" },
    NationalLaw { id: "shichang-jianguan-xuke-chengxu", title: "市场监督管理行政许可程序暂行规定", doc_no: "国家市场监督管理总局令第16号", issuer: SAMR, domain: Domain::General, effective: "2019-10-01", amended: "2022-03-24" },
    NationalLaw { id: "dianzi-qianming-fa", title: "中华人民共和国电子签名法", doc_no: "中华人民共和国主席令第十八号", issuer: NPC, domain: Domain::General, effective: "2005-04-01", amended: "2019-04-23" },
    NationalLaw { id: "gongsi-fa", title: "中华人民共和国公司法", doc_no: "中华人民共和国主席令第十五号", issuer: NPC, domain: Domain::Registration, effective: "1994-07-01", amended: "2024-07-01" },
    NationalLaw { id: "shichang-zhuti-dengji-tiaoli", title: "中华人民共和国市场主体登记管理条例", doc_no: "中华人民共和国国务院令第746号", issuer: STATE_COUNCIL, domain: Domain::Registration, effective: "2022-03-01", amended: "" },
    NationalLaw { id: "shichang-zhuti-dengji-xize", title: "中华人民共和国市场主体登记管理条例实施细则", doc_no: "国家市场监督管理总局令第52号", issuer: SAMR, domain: Domain::Registration, effective: "2022-03-01", amended: "" },
    NationalLaw { id: "hehuo-qiye-fa", title: "中华人民共和国合伙企业法", doc_no: "中华人民共和国主席令第五十五号", issuer: NPC, domain: Domain::Registration, effective: "1997-08-01", amended: "2007-06-01" },
    NationalLaw { id: "geren-duzi-qiye-fa", title: "中华人民共和国个人独资企业法", doc_no: "中华人民共和国主席令第二十号", issuer: NPC, domain: Domain::Registration, effective: "2000-01-01", amended: "" },
    NationalLaw { id: "nongmin-hezuoshe-fa", title: "中华人民共和国农民专业合作社法", doc_no: "中华人民共和国主席令第八十三号", issuer: NPC, domain: Domain::Registration, effective: "2007-07-01", amended: "2018-07-01" },
    NationalLaw { id: "qiye-mingcheng-dengji", title: "企业名称登记管理规定", doc_no: "中华人民共和国国务院令第734号", issuer: STATE_COUNCIL, domain: Domain::Registration, effective: "1991-09-01", amended: "2021-03-01" },
    NationalLaw { id: "minfadian", title: "中华人民共和国民法典", doc_no: "中华人民共和国主席令第四十五号", issuer: "全国人民代表大会", domain: Domain::Registration, effective: "2021-01-01", amended: "" },
    NationalLaw { id: "guquan-chuzhi-banfa", title: "股权出质登记办法", doc_no: "国家工商行政管理总局令第32号", issuer: "国家工商行政管理总局", domain: Domain::Registration, effective: "2008-10-01", amended: "2020-10-23" },
    NationalLaw { id: "qiye-xinxi-gongshi", title: "企业信息公示暂行条例", doc_no: "中华人民共和国国务院令第654号", issuer: STATE_COUNCIL, domain: Domain::Credit, effective: "2014-10-01", amended: "2024-03-10" },
    NationalLaw { id: "shixin-mingdan-banfa", title: "市场监督管理严重违法失信名单管理办法", doc_no: "国家市场监督管理总局令第44号", issuer: SAMR, domain: Domain::Credit, effective: "2021-09-01", amended: "" },
    NationalLaw { id: "xinyong-xiufu-banfa", title: "市场监督管理信用修复管理办法", doc_no: "国市监信规〔2021〕3号", issuer: SAMR, domain: Domain::Credit, effective: "2021-09-01", amended: "" },
    NationalLaw { id: "shipin-anquan-fa", title: "中华人民共和国食品安全法", doc_no: "中华人民共和国主席令第二十一号", issuer: NPC, domain: Domain::FoodBusiness, effective: "2015-10-01", amended: "2021-04-29" },
    NationalLaw { id: "shipin-anquan-shishi", title: "中华人民共和国食品安全法实施条例", doc_no: "中华人民共和国国务院令第721号", issuer: STATE_COUNCIL, domain: Domain::FoodProduction, effective: "2019-12-01", amended: "" },
    NationalLaw { id: "shipin-jingying-xuke-banfa", title: "食品经营许可和备案管理办法", doc_no: "国家市场监督管理总局令第78号", issuer: SAMR, domain: Domain::FoodBusiness, effective: "2023-12-01", amended: "" },
    NationalLaw { id: "shipin-shengchan-xuke-banfa", title: "食品生产许可管理办法", doc_no: "国家市场监督管理总局令第24号", issuer: SAMR, domain: Domain::FoodProduction, effective: "2020-03-01", amended: "" },
    NationalLaw { id: "nongchanpin-zhiliang-fa", title: "中华人民共和国农产品质量安全法", doc_no: "中华人民共和国主席令第一百二十号", issuer: NPC, domain: Domain::Lab, effective: "2006-11-01", amended: "2023-01-01" },
    NationalLaw { id: "yaopin-guanli-fa", title: "中华人民共和国药品管理法", doc_no: "中华人民共和国主席令第三十一号", issuer: NPC, domain: Domain::Drug, effective: "1985-07-01", amended: "2019-12-01" },
    NationalLaw { id: "yaopin-jingying-banfa", title: "药品经营和使用质量监督管理办法", doc_no: "国家市场监督管理总局令第84号", issuer: SAMR, domain: Domain::Drug, effective: "2024-01-01", amended: "" },
    NationalLaw { id: "yiliao-qixie-tiaoli", title: "医疗器械监督管理条例", doc_no: "中华人民共和国国务院令第739号", issuer: STATE_COUNCIL, domain: Domain::Drug, effective: "2000-04-01", amended: "2021-06-01" },
    NationalLaw { id: "yiliao-qixie-jingying-banfa", title: "医疗器械经营监督管理办法", doc_no: "国家市场监督管理总局令第54号", issuer: SAMR, domain: Domain::Drug, effective: "2022-05-01", amended: "" },
    NationalLaw { id: "tezhong-shebei-fa", title: "中华人民共和国特种设备安全法", doc_no: "中华人民共和国主席令第四号", issuer: NPC, domain: Domain::Equipment, effective: "2014-01-01", amended: "" },
    NationalLaw { id: "tezhong-shebei-tiaoli", title: "特种设备安全监察条例", doc_no: "中华人民共和国国务院令第549号", issuer: STATE_COUNCIL, domain: Domain::Equipment, effective: "2003-06-01", amended: "2009-05-01" },
    NationalLaw { id: "tezhong-zuoye-renyuan-banfa", title: "特种设备作业人员监督管理办法", doc_no: "国家质量监督检验检疫总局令第140号", issuer: "国家质量监督检验检疫总局", domain: Domain::Equipment, effective: "2005-07-01", amended: "2011-07-01" },
    NationalLaw { id: "jiliang-fa", title: "中华人民共和国计量法", doc_no: "中华人民共和国主席令第二十八号", issuer: NPC, domain: Domain::Metrology, effective: "1986-07-01", amended: "2018-10-26" },
    NationalLaw { id: "jiliang-fa-xize", title: "中华人民共和国计量法实施细则", doc_no: "", issuer: STATE_COUNCIL, domain: Domain::Metrology, effective: "1987-02-01", amended: "2022-03-29" },
    NationalLaw { id: "jiliang-zhongcai-banfa", title: "仲裁检定和计量调解办法", doc_no: "", issuer: "国家计量局", domain: Domain::Metrology, effective: "1987-10-12", amended: "" },
    NationalLaw { id: "biaozhunhua-fa", title: "中华人民共和国标准化法", doc_no: "中华人民共和国主席令第七十八号", issuer: NPC, domain: Domain::Standard, effective: "1989-04-01", amended: "2018-01-01" },
    NationalLaw { id: "qiye-biaozhun-guanli", title: "企业标准化促进办法", doc_no: "国家市场监督管理总局令第83号", issuer: SAMR, domain: Domain::Standard, effective: "2024-01-01", amended: "" },
    NationalLaw { id: "chanpin-zhiliang-fa", title: "中华人民共和国产品质量法", doc_no: "中华人民共和国主席令第七十一号", issuer: NPC, domain: Domain::Product, effective: "1993-09-01", amended: "2018-12-29" },
    NationalLaw { id: "gongye-chanpin-xuke-tiaoli", title: "中华人民共和国工业产品生产许可证管理条例", doc_no: "中华人民共和国国务院令第440号", issuer: STATE_COUNCIL, domain: Domain::Product, effective: "2005-09-01", amended: "2023-07-20" },
    NationalLaw { id: "zhiliang-qiangguo-gangyao", title: "质量强国建设纲要", doc_no: "", issuer: "中共中央、国务院", domain: Domain::Quality, effective: "2023-02-06", amended: "" },
    NationalLaw { id: "renzheng-renke-tiaoli", title: "中华人民共和国认证认可条例", doc_no: "中华人民共和国国务院令第390号", issuer: STATE_COUNCIL, domain: Domain::Certification, effective: "2003-11-01", amended: "2023-07-20" },
    NationalLaw { id: "jianyan-jiance-zizhi-banfa", title: "检验检测机构资质认定管理办法", doc_no: "国家市场监督管理总局令第38号", issuer: SAMR, domain: Domain::Certification, effective: "2015-08-01", amended: "2021-06-01" },
    NationalLaw { id: "shangbiao-fa", title: "中华人民共和国商标法", doc_no: "中华人民共和国主席令第二十九号", issuer: NPC, domain: Domain::Property, effective: "1983-03-01", amended: "2019-11-01" },
    NationalLaw { id: "zhuanli-fa", title: "中华人民共和国专利法", doc_no: "中华人民共和国主席令第五十五号", issuer: NPC, domain: Domain::Property, effective: "1985-04-01", amended: "2021-06-01" },
    NationalLaw { id: "zhuanli-fa-xize", title: "中华人民共和国专利法实施细则", doc_no: "中华人民共和国国务院令第769号", issuer: STATE_COUNCIL, domain: Domain::Property, effective: "2001-07-01", amended: "2024-01-20" },
    NationalLaw { id: "shangbiao-zhiya-guiding", title: "注册商标专用权质押登记程序规定", doc_no: "国家知识产权局公告第358号", issuer: "国家知识产权局", domain: Domain::Property, effective: "2020-05-01", amended: "" },
    NationalLaw { id: "guanggao-fa", title: "中华人民共和国广告法", doc_no: "中华人民共和国主席令第二十二号", issuer: NPC, domain: Domain::Advertising, effective: "1995-02-01", amended: "2021-04-29" },
    NationalLaw { id: "guanggao-fabu-dengji", title: "广告发布登记管理规定", doc_no: "国家工商行政管理总局令第89号", issuer: "国家工商行政管理总局", domain: Domain::Advertising, effective: "2016-12-01", amended: "" },
    NationalLaw { id: "jiage-fa", title: "中华人民共和国价格法", doc_no: "中华人民共和国主席令第九十二号", issuer: NPC, domain: Domain::Price, effective: "1998-05-01", amended: "" },
    NationalLaw { id: "dianzi-shangwu-fa", title: "中华人民共和国电子商务法", doc_no: "中华人民共和国主席令第七号", issuer: NPC, domain: Domain::Online, effective: "2019-01-01", amended: "" },
    NationalLaw { id: "wangluo-jiaoyi-banfa", title: "网络交易监督管理办法", doc_no: "国家市场监督管理总局令第37号", issuer: SAMR, domain: Domain::Online, effective: "2021-05-01", amended: "" },
    NationalLaw { id: "xiaofeizhe-quanyi-fa", title: "中华人民共和国消费者权益保护法", doc_no: "中华人民共和国主席令第七号", issuer: NPC, domain: Domain::Consumer, effective: "1994-01-01", amended: "2014-03-15" },
    NationalLaw { id: "tousu-jubao-banfa", title: "市场监督管理投诉举报处理暂行办法", doc_no: "国家市场监督管理总局令第20号", issuer: SAMR, domain: Domain::Consumer, effective: "2020-01-01", amended: "2022-09-29" },
    NationalLaw { id: "fan-buzhengdang-jingzheng-fa", title: "中华人民共和国反不正当竞争法", doc_no: "中华人民共和国主席令第七十七号", issuer: NPC, domain: Domain::Enforcement, effective: "1993-12-01", amended: "2019-04-23" },
    NationalLaw { id: "jubao-jiangli-banfa", title: "市场监管领域重大违法行为举报奖励暂行办法", doc_no: "国市监稽规〔2021〕4号", issuer: SAMR, domain: Domain::Enforcement, effective: "2021-12-01", amended: "" },
    NationalLaw { id: "xingzheng-chufa-chengxu", title: "市场监督管理行政处罚程序规定", doc_no: "国家市场监督管理总局令第2号", issuer: SAMR, domain: Domain::Legal, effective: "2019-04-01", amended: "2022-09-29" },
    NationalLaw { id: "shipin-choujian-banfa", title: "食品安全抽样检验管理办法", doc_no: "国家市场监督管理总局令第15号", issuer: SAMR, domain: Domain::Lab, effective: "2019-10-01", amended: "2022-09-29" },
];

/// Articles that items cite by name, with their text (abridged where the official text closes an
/// enumeration with 等 or a catch-all): every generated copy of these laws has them.
#[rustfmt::skip]
const PINNED_ARTICLES: &[(&str, usize, &str)] = &[
    ("xingzheng-xuke-fa", 24, "行政机关在其法定职权范围内，依照法律、法规、规章的规定，可以委托其他行政机关实施行政许可。委托机关应当将受委托行政机关和受委托实施行政许可的内容予以公告。\n委托行政机关对受委托行政机关实施行政许可的行为应当负责监督，并对该行为的后果承担法律责任。\n受委托行政机关在委托范围内，以委托行政机关名义实施行政许可；不得再委托其他组织或者个人实施行政许可。"),
    ("xingzheng-xuke-fa", 30, "行政机关应当将法律、法规、规章规定的有关行政许可的事项、依据、条件、数量、程序、期限以及需要提交的全部材料的目录和申请书示范文本在办公场所公示。"),
    ("xingzheng-xuke-fa", 32, "行政机关对申请人提出的行政许可申请，应当根据下列情况分别作出处理：\n（一）申请事项依法不需要取得行政许可的，应当即时告知申请人不受理；\n（二）申请事项依法不属于本行政机关职权范围的，应当即时作出不予受理的决定，并告知申请人向有关行政机关申请；\n（三）申请材料存在可以当场更正的错误的，应当允许申请人当场更正；\n（四）申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容，逾期不告知的，自收到申请材料之日起即为受理；\n（五）申请事项属于本行政机关职权范围，申请材料齐全、符合法定形式，或者申请人按照本行政机关的要求提交全部补正申请材料的，应当受理行政许可申请。"),
    ("xingzheng-xuke-fa", 38, "申请人的申请符合法定条件、标准的，行政机关应当依法作出准予行政许可的书面决定。\n行政机关依法作出不予行政许可的书面决定的，应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。"),
    ("xingzheng-xuke-fa", 42, "除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人。但是，法律、法规另有规定的，依照其规定。"),
    ("xingzheng-xuke-fa", 45, "行政机关作出行政许可决定，依法需要听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审的，所需时间不计算在本节规定的期限内。行政机关应当将所需时间书面告知申请人。"),
    ("xingzheng-fuyi-fa", 20, "公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。"),
    ("xingzheng-fuyi-fa", 23, "有下列情形之一的，申请人应当先向行政复议机关申请行政复议，对行政复议决定不服的，可以再依法向人民法院提起行政诉讼：\n（一）对当场作出的行政处罚决定不服；\n（二）认为行政机关存在本法第十一条规定的未履行法定职责情形；\n（三）申请政府信息公开，行政机关不予公开。"),
    ("xingzheng-susong-fa", 45, "公民、法人或者其他组织不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼。"),
    ("xingzheng-susong-fa", 46, "公民、法人或者其他组织直接向人民法院提起诉讼的，应当自知道或者应当知道作出行政行为之日起六个月内提出。"),
    ("zhengfu-xinxi-gongkai", 33, "行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复。\n行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。"),
    ("shichang-zhuti-dengji-tiaoli", 16, "申请人应当配合登记机关核验身份信息。登记机关能够通过政务信息共享平台获取的市场主体登记管理有关信息，不得要求申请人重复提供。"),
];

/// Keeps the pinned articles of law `id` in `articles` (replacing a generated article of the
/// same number), in article order.
fn pin_articles(articles: &mut Vec<Article>, id: &str) {
    for &(law, number, text) in PINNED_ARTICLES {
        if law != id {
            continue;
        }
        articles.retain(|article| article.number != number);
        articles.push(Article {
            number,
            text: text.to_string(),
        });
    }
    articles.sort_by_key(|article| article.number);
}

/// The pinned article `number` of law `law` (a table entry: the generator's own citation).
fn pinned(law: &'static str, number: usize) -> (&'static str, usize) {
    assert!(
        PINNED_ARTICLES
            .iter()
            .any(|&(id, pinned, _)| id == law && pinned == number),
        "{law} {number} is not pinned"
    );
    (law, number)
}

/// A body that entrusts the county bureau with some of its 行政许可 (行政许可法第二十四条), and
/// the instrument that does it.
struct EntrustingInstrument {
    id: &'static str,
    title: &'static str,
    doc_no: &'static str,
    issuer: &'static str,
    effective: &'static str,
    articles: &'static [&'static str],
    /// Its review body and court: the review body follows the entrusting body.
    review: &'static str,
    litigation: &'static str,
    domains: &'static [Domain],
}

#[rustfmt::skip]
const ENTRUSTING_INSTRUMENTS: &[EntrustingInstrument] = &[
    EntrustingInstrument {
        id: "shi-scjg-weituo-jueding",
        title: "示例市市场监督管理局关于委托县级市场监督管理部门实施部分行政许可事项的决定",
        doc_no: "示市市监〔2023〕12号",
        issuer: "示例市市场监督管理局",
        effective: "2023-03-01",
        articles: &[
            "为了方便申请人就近办理，依据《中华人民共和国行政许可法》第二十四条，本局委托各县（市、区）市场监督管理局实施本决定所列的行政许可事项。",
            "委托实施的事项为：特种设备使用登记，第三类医疗器械经营许可，药品零售企业经营许可，食品生产许可（除特殊食品外）。",
            "受委托的县级市场监督管理局在委托范围内，以本局的名义实施行政许可，不得再委托其他组织或者个人实施。",
            "本局对受委托机关实施行政许可的行为负责监督，并对该行为的后果承担法律责任。",
            "本决定自2023年3月1日起施行，委托期限五年。",
        ],
        review: "示例市人民政府",
        litigation: "示例市城区人民法院（被告示例市市场监督管理局所在地的基层人民法院）",
        domains: &[Domain::Equipment, Domain::Drug, Domain::FoodProduction],
    },
    EntrustingInstrument {
        id: "sheng-scjg-weituo-gonggao",
        title: "示例省市场监督管理局关于委托实施部分行政许可事项的公告",
        doc_no: "示例省市场监督管理局公告2022年第8号",
        issuer: "示例省市场监督管理局",
        effective: "2022-07-01",
        articles: &[
            "依据《中华人民共和国行政许可法》第二十四条，本局委托设区的市和县级市场监督管理部门实施本公告所列的行政许可事项。",
            "委托实施的事项为：工业产品生产许可（省级发证的产品），检验检测机构资质认定（省级资质认定的首次申请、变更和延续）。",
            "受委托机关以本局的名义作出行政许可决定，并将决定和发证情况每月报本局备案。",
            "本公告自2022年7月1日起施行。",
        ],
        review: "示例省人民政府",
        litigation: "示例市东湖区人民法院（被告示例省市场监督管理局所在地的基层人民法院）",
        domains: &[Domain::Product, Domain::Certification],
    },
];

struct LocalTopic {
    text: &'static str,
    slug: &'static str,
    domain: Domain,
}

#[rustfmt::skip]
const LOCAL_TOPICS: &[LocalTopic] = &[
    LocalTopic { text: "食品小作坊和食品摊贩管理", slug: "xiaozuofang", domain: Domain::FoodProduction },
    LocalTopic { text: "餐饮服务食品安全管理", slug: "canyin", domain: Domain::FoodBusiness },
    LocalTopic { text: "特种设备安全管理", slug: "tezhong-shebei", domain: Domain::Equipment },
    LocalTopic { text: "电梯安全管理", slug: "dianti", domain: Domain::Equipment },
    LocalTopic { text: "计量监督管理", slug: "jiliang", domain: Domain::Metrology },
    LocalTopic { text: "标准化管理", slug: "biaozhunhua", domain: Domain::Standard },
    LocalTopic { text: "产品质量监督", slug: "chanpin-zhiliang", domain: Domain::Product },
    LocalTopic { text: "质量奖评审管理", slug: "zhiliang-jiang", domain: Domain::Quality },
    LocalTopic { text: "知识产权保护", slug: "zhishi-chanquan", domain: Domain::Property },
    LocalTopic { text: "专利资助资金管理", slug: "zhuanli-zizhu", domain: Domain::Property },
    LocalTopic { text: "广告监督管理", slug: "guanggao", domain: Domain::Advertising },
    LocalTopic { text: "价格监督检查", slug: "jiage", domain: Domain::Price },
    LocalTopic { text: "网络交易监督管理", slug: "wangluo-jiaoyi", domain: Domain::Online },
    LocalTopic { text: "消费者权益保护", slug: "xiaofeizhe", domain: Domain::Consumer },
    LocalTopic { text: "市场主体登记管理", slug: "dengji", domain: Domain::Registration },
    LocalTopic { text: "个体工商户发展促进", slug: "getihu", domain: Domain::Registration },
    LocalTopic { text: "药品零售监督管理", slug: "yaopin", domain: Domain::Drug },
    LocalTopic { text: "医疗器械经营监督管理", slug: "qixie", domain: Domain::Drug },
    LocalTopic { text: "社会信用体系建设", slug: "xinyong", domain: Domain::Credit },
    LocalTopic { text: "企业信用修复管理", slug: "xinyong-xiufu", domain: Domain::Credit },
    LocalTopic { text: "优化营商环境", slug: "yingshang", domain: Domain::General },
    LocalTopic { text: "行政执法程序", slug: "zhifa", domain: Domain::Enforcement },
    LocalTopic { text: "行政规范性文件管理", slug: "guifanxing-wenjian", domain: Domain::Legal },
    LocalTopic { text: "检验检测机构监督管理", slug: "jianyan-jiance", domain: Domain::Certification },
    LocalTopic { text: "政务服务管理", slug: "zhengwu-fuwu", domain: Domain::Archive },
    LocalTopic { text: "举报奖励管理", slug: "jubao-jiangli", domain: Domain::Enforcement },
    LocalTopic { text: "食品安全抽样检验管理", slug: "choujian", domain: Domain::Lab },
    LocalTopic { text: "食品生产加工监督管理", slug: "shipin-shengchan", domain: Domain::FoodProduction },
];

/// Local instruments: (title pattern with `{}` for the topic, id prefix, issuer, document number
/// pattern with `{y}` for the year and `{n}` for the number).
#[rustfmt::skip]
const LOCAL_FORMS: &[(&str, &str, &str, &str)] = &[
    ("示例省{}条例", "sheng-tiaoli", "示例省人民代表大会常务委员会", "示例省人民代表大会常务委员会公告第{n}号"),
    ("示例省{}办法", "sheng-banfa", "示例省人民政府", "示例省人民政府令第{n}号"),
    ("示例市{}规定", "shi-guiding", "示例市人民政府", "示市政发〔{y}〕{n}号"),
    ("示例县{}实施办法", "xian-banfa", "示例县人民政府", "示县政发〔{y}〕{n}号"),
    ("示例省市场监督管理局关于加强{}工作的实施意见", "sheng-yijian", "示例省市场监督管理局", "示市监规〔{y}〕{n}号"),
    ("示例市{}工作规范", "shi-guifan", "示例市市场监督管理局", "示市市监〔{y}〕{n}号"),
];

fn make_laws(seed: u64) -> Vec<Law> {
    let mut laws = Vec::with_capacity(LAW_COUNT);
    for (index, national) in NATIONAL_LAWS.iter().enumerate() {
        let mut rng = Rng::new(seed, STREAM_LAW, index as u64);
        let effective = Date::parse(national.effective);
        let amended = (!national.amended.is_empty()).then(|| Date::parse(national.amended));
        let mut articles = make_articles(&mut rng, national.title, national.domain);
        pin_articles(&mut articles, national.id);
        laws.push(Law {
            id: national.id.to_string(),
            title: national.title.to_string(),
            doc_no: (!national.doc_no.is_empty()).then(|| national.doc_no.to_string()),
            issuer: national.issuer.to_string(),
            domain: national.domain,
            effective,
            amended,
            articles,
            citable: true,
        });
    }
    for instrument in ENTRUSTING_INSTRUMENTS {
        laws.push(Law {
            id: instrument.id.to_string(),
            title: instrument.title.to_string(),
            doc_no: Some(instrument.doc_no.to_string()),
            issuer: instrument.issuer.to_string(),
            domain: Domain::General,
            effective: Date::parse(instrument.effective),
            amended: None,
            articles: instrument
                .articles
                .iter()
                .enumerate()
                .map(|(index, text)| Article {
                    number: index + 1,
                    text: text.to_string(),
                })
                .collect(),
            citable: false,
        });
    }
    'topics: for topic in LOCAL_TOPICS {
        for &(pattern, prefix, issuer, doc_no) in LOCAL_FORMS {
            if laws.len() == LAW_COUNT {
                break 'topics;
            }
            let mut rng = Rng::new(seed, STREAM_LAW, laws.len() as u64);
            let title = pattern.replace("{}", topic.text);
            let effective = Date::between(&mut rng, Date::new(2010, 1, 1), Date::new(2024, 6, 30));
            let amended = rng
                .percent(35)
                .then(|| Date::between(&mut rng, Date(effective.0 + 365), Date::new(2025, 12, 31)));
            let year = effective.parts().0;
            let doc_no = doc_no
                .replace("{y}", &year.to_string())
                .replace("{n}", &rng.range(1, 60).to_string());
            let articles = make_articles(&mut rng, &title, topic.domain);
            laws.push(Law {
                id: format!("{prefix}-{}", topic.slug),
                title,
                doc_no: rng.percent(90).then_some(doc_no),
                issuer: issuer.to_string(),
                domain: topic.domain,
                effective,
                amended,
                articles,
                citable: true,
            });
        }
    }
    assert_eq!(
        laws.len(),
        LAW_COUNT,
        "the law tables give {LAW_COUNT} laws"
    );
    laws
}

/// What an instrument calls itself in its own text (本法, 本条例 …).
fn instrument_word(title: &str) -> &'static str {
    for word in [
        "实施细则",
        "实施意见",
        "工作规范",
        "细则",
        "条例",
        "办法",
        "规定",
        "纲要",
        "法",
    ] {
        if title.ends_with(word) {
            return match word {
                "实施细则" | "细则" => "细则",
                "实施意见" => "意见",
                "工作规范" => "规范",
                "条例" => "条例",
                "办法" => "办法",
                "规定" => "规定",
                "纲要" => "纲要",
                _ => "法",
            };
        }
    }
    "规定"
}

/// Who an article binds: the administration, and the people and firms it serves; each with the
/// predicates (modal verb included) that make sense for it.
const AUTHORITY_SUBJECTS: &[&str] = &[
    "登记机关",
    "许可机关",
    "行政机关",
    "县级以上地方人民政府市场监督管理部门",
];

const AUTHORITY_PREDICATES: &[&str] = &[
    "应当在受理申请之日起二十个工作日内作出书面决定",
    "应当将办理条件、程序、期限和需要提交的全部申请材料的目录在办公场所公示",
    "应当对申请人提交的申请材料进行审查，并根据法定条件和程序进行核查",
    "应当通过国家企业信用信息公示系统向社会公示登记、备案信息",
    "应当在作出决定之日起十个工作日内向申请人颁发、送达证件",
    "应当如实记录监督检查的情况和处理结果，由监督检查人员签字后归档",
    "应当一次性告知申请人需要补正的全部内容",
    "应当为申请人提供网上申请、网上查询和电子证照服务",
    "应当依法公开办事指南，明确办理时限和收费标准",
    "可以对申请人的生产经营场所进行现场核查",
    "可以委托具备资质的技术机构进行检验检测",
    "不得向申请人收取任何费用",
    "不得要求申请人提交与其申请事项无关的技术资料",
];

const OPERATOR_SUBJECTS: &[&str] = &[
    "申请人",
    "经营者",
    "生产者",
    "市场主体",
    "检验检测机构",
    "特种设备使用单位",
    "食品经营者",
];

const OPERATOR_PREDICATES: &[&str] = &[
    "应当依法取得许可后方可从事经营活动",
    "应当建立健全内部管理制度，落实质量安全主体责任",
    "应当对所提交申请材料内容的真实性负责",
    "应当保存进货查验记录和票据，保存期限不得少于二年",
    "应当建立投诉举报处理制度，公开投诉举报渠道",
    "应当在经营场所的显著位置悬挂许可证件",
    "应当于每年一月一日至六月三十日报送上一年度报告",
    "可以委托代理人办理申请事项",
    "可以通过政务服务网在线提交申请",
    "不得伪造、变造、出租、出借、转让许可证件",
    "不得擅自改变经登记的经营场所",
    "不得以欺骗、贿赂手段取得许可",
    "不得超出核定的范围从事经营活动",
    "不得使用未经检验或者检验不合格的设备",
];

/// One sentence of an article: a subject and a predicate that fit each other.
fn article_sentence(rng: &mut Rng) -> String {
    let (subjects, predicates) = if rng.percent(50) {
        (AUTHORITY_SUBJECTS, AUTHORITY_PREDICATES)
    } else {
        (OPERATOR_SUBJECTS, OPERATOR_PREDICATES)
    };
    format!("{}{}。", rng.pick(subjects), rng.pick(predicates))
}

const ARTICLE_CLAUSES: &[&str] = &[
    "申请事项依法不需要取得许可的",
    "申请事项不属于本行政机关职权范围的",
    "申请材料存在可以当场更正的错误的",
    "申请材料不齐全或者不符合法定形式的",
    "申请人隐瞒真实情况或者提供虚假申请材料的",
    "经营场所不符合规定条件的",
    "法定代表人被依法限制担任法定代表人的",
    "未按照规定履行公示义务的",
];

fn make_articles(rng: &mut Rng, title: &str, domain: Domain) -> Vec<Article> {
    let count = rng.range(10, 40);
    let highest = rng.range(60, MAX_ARTICLE);
    let mut numbers = rng.sample(highest, count);
    numbers.sort_unstable();
    let word = instrument_word(title);
    let duties = domain_duties(domain);
    numbers
        .into_iter()
        .map(|zero_based| {
            let number = zero_based + 1;
            let text = if number == 1 {
                format!(
                    "为了{}，保障公民、法人和非法人组织的合法权益，维护公共利益和社会秩序，制定本{word}。",
                    rng.pick(&[
                        "规范行政许可的设定和实施",
                        "加强市场监督管理",
                        "优化营商环境，激发市场活力",
                        "保障人民群众生命财产安全",
                    ])
                )
            } else {
                article_text(rng, duties)
            };
            Article { number, text }
        })
        .collect()
}

fn article_text(rng: &mut Rng, duties: &[&str]) -> String {
    let mut text = String::new();
    match rng.below(5) {
        0 => {
            write!(
                text,
                "有下列情形之一的，{}应当作出不予受理或者不予许可的决定：",
                rng.pick(&["许可机关", "登记机关", "行政机关"])
            )
            .unwrap();
            let clauses = rng.sample_between(ARTICLE_CLAUSES.len(), 2, 4);
            for (position, &clause) in clauses.iter().enumerate() {
                let separator = if position + 1 == clauses.len() {
                    "。"
                } else {
                    "；"
                };
                write!(
                    text,
                    "\n（{}）{}{separator}",
                    chinese_numeral(position + 1),
                    ARTICLE_CLAUSES[clause]
                )
                .unwrap();
            }
        }
        1 => {
            let duty = rng.pick(duties);
            write!(text, "县级以上地方人民政府市场监督管理部门{duty}。").unwrap();
            text.push_str(&article_sentence(rng));
        }
        _ => {
            for _ in 0..rng.range(1, 3) {
                text.push_str(&article_sentence(rng));
            }
        }
    }
    text
}

fn law_yaml(seed: u64, index: usize, law: &Law) -> String {
    let mut rng = Rng::new(seed, STREAM_LAW_FILE, index as u64);
    let mut doc = Yaml::new();
    doc.text(L0, "title", &law.title, Quote::Plain);
    if let Some(doc_no) = &law.doc_no {
        doc.text(L0, "doc_no", doc_no, Quote::random(&mut rng));
    }
    doc.text(L0, "issuer", &law.issuer, Quote::Plain);
    doc.raw(L0, "effective", law.effective);
    if let Some(amended) = law.amended {
        doc.raw(L0, "amended", amended);
    }
    if rng.percent(70) {
        doc.text(
            L0,
            "url",
            &format!("https://fagui.example.gov.cn/{}/", law.id),
            Quote::Plain,
        );
    }
    doc.open(L0, "articles");
    for article in &law.articles {
        let key = article_key(article.number);
        if article.text.contains('\n') {
            doc.block(L1, &key, &article.text);
        } else {
            let quote = Quote::random(&mut rng);
            doc.text(L1, &key, &article.text, quote);
        }
    }
    doc.text
}

// ---------------------------------------------------------------------------------------------
// Corpus: laws indexed for citation

struct Corpus {
    seed: u64,
    laws: Vec<Law>,
    /// Law indices by domain.
    laws_by_domain: Vec<Vec<usize>>,
}

impl Corpus {
    fn new(seed: u64, laws: Vec<Law>) -> Corpus {
        let mut laws_by_domain = vec![Vec::new(); DOMAIN_COUNT];
        for (index, law) in laws.iter().enumerate() {
            if law.citable {
                laws_by_domain[law.domain as usize].push(index);
            }
        }
        Corpus {
            seed,
            laws,
            laws_by_domain,
        }
    }

    /// A citation of one existing article, mostly of a law of `domain`.
    fn cite(&self, rng: &mut Rng, domain: Domain) -> LawRef {
        let own = &self.laws_by_domain[domain as usize];
        let pool = if own.is_empty() || rng.percent(30) {
            &self.laws_by_domain[Domain::General as usize]
        } else {
            own
        };
        let law = *rng.pick(pool);
        let article = rng.pick(&self.laws[law].articles).number;
        LawRef { law, article }
    }

    /// The reference to a pinned article (`pinned(law, number)`), or to an article of an
    /// entrusting instrument.
    fn reference(&self, (id, article): (&str, usize)) -> LawRef {
        let law = self
            .laws
            .iter()
            .position(|law| law.id == id)
            .expect("the law tables hold every law the generator cites by name");
        assert!(
            self.laws[law]
                .articles
                .iter()
                .any(|known| known.number == article),
            "{id} has no article {article}"
        );
        LawRef { law, article }
    }

    fn article_text(&self, reference: &LawRef) -> &str {
        let law = &self.laws[reference.law];
        let article = law
            .articles
            .iter()
            .find(|article| article.number == reference.article)
            .expect("citations name existing articles");
        &article.text
    }
}

// ---------------------------------------------------------------------------------------------
// Item kinds

const KIND_LICENCE: &str = "行政许可";

struct Base {
    stem: &'static str,
    slug: &'static str,
    domain: Domain,
    kind: &'static str,
    /// The application form; always has a blank form and a sample.
    form: &'static str,
    result: &'static str,
    result_type: &'static str,
    audience: &'static [&'static str],
    tags: &'static [&'static str],
    /// (name, slug) of the variants; empty when the item has none.
    variants: &'static [(&'static str, &'static str)],
}

const PERSON: &str = "自然人";
const COMPANY: &str = "法人";
const ORGANISATION: &str = "非法人组织";
const EVERYONE: &[&str] = &[PERSON, COMPANY, ORGANISATION];
const LICENCE_VARIANTS: &[(&str, &str)] = &[
    ("新办", "xinban"),
    ("变更", "biangeng"),
    ("延续", "yanxu"),
    ("注销", "zhuxiao"),
    ("补办", "buban"),
];
const REGISTRATION_VARIANTS: &[(&str, &str)] =
    &[("设立", "sheli"), ("变更", "biangeng"), ("注销", "zhuxiao")];

#[rustfmt::skip]
const BASES: &[Base] = &[
    Base { stem: "企业登记档案查询", slug: "dangan-chaxun", domain: Domain::Archive, kind: "公共服务", form: "企业登记档案查询登记表", result: "档案查询结果", result_type: "其他", audience: EVERYONE, tags: &["档案查询"], variants: &[("内资企业", "neizi"), ("个体工商户", "geti")] },
    Base { stem: "政府信息公开申请", slug: "xinxi-gongkai", domain: Domain::Archive, kind: "公共服务", form: "政府信息公开申请表", result: "政府信息公开申请答复书", result_type: "其他", audience: EVERYONE, tags: &["政务公开"], variants: &[] },
    Base { stem: "行政处罚听证", slug: "chufa-tingzheng", domain: Domain::Legal, kind: "其他行政权力", form: "行政处罚听证申请书", result: "听证通知书", result_type: "其他", audience: EVERYONE, tags: &["行政执法"], variants: &[] },
    Base { stem: "行政规范性文件异议审查", slug: "guifan-yiyi", domain: Domain::Legal, kind: "其他行政权力", form: "行政规范性文件异议审查申请书", result: "审查意见书", result_type: "批文", audience: EVERYONE, tags: &["法治政府"], variants: &[] },
    Base { stem: "公司登记", slug: "gongsi-dengji", domain: Domain::Registration, kind: KIND_LICENCE, form: "公司登记（备案）申请书", result: "营业执照", result_type: "证照", audience: &[COMPANY], tags: &["开办企业"], variants: REGISTRATION_VARIANTS },
    Base { stem: "个体工商户登记", slug: "geti-dengji", domain: Domain::Registration, kind: KIND_LICENCE, form: "个体工商户登记（备案）申请书", result: "营业执照", result_type: "证照", audience: &[PERSON], tags: &["个体经营", "开办企业"], variants: REGISTRATION_VARIANTS },
    Base { stem: "农民专业合作社登记", slug: "hezuoshe-dengji", domain: Domain::Registration, kind: KIND_LICENCE, form: "农民专业合作社登记（备案）申请书", result: "营业执照", result_type: "证照", audience: &[COMPANY], tags: &["乡村振兴"], variants: REGISTRATION_VARIANTS },
    Base { stem: "合伙企业登记", slug: "hehuo-dengji", domain: Domain::Registration, kind: KIND_LICENCE, form: "合伙企业登记（备案）申请书", result: "营业执照", result_type: "证照", audience: &[ORGANISATION], tags: &["开办企业"], variants: REGISTRATION_VARIANTS },
    Base { stem: "个人独资企业登记", slug: "duzi-dengji", domain: Domain::Registration, kind: KIND_LICENCE, form: "个人独资企业登记（备案）申请书", result: "营业执照", result_type: "证照", audience: &[ORGANISATION], tags: &["开办企业"], variants: REGISTRATION_VARIANTS },
    Base { stem: "营业执照遗失补领", slug: "zhizhao-buling", domain: Domain::Registration, kind: "公共服务", form: "营业执照补领申请表", result: "营业执照", result_type: "证照", audience: EVERYONE, tags: &["证照办理"], variants: &[] },
    Base { stem: "股权出质登记", slug: "guquan-chuzhi", domain: Domain::Registration, kind: "行政确认", form: "股权出质登记申请书", result: "股权出质登记通知书", result_type: "其他", audience: &[COMPANY, PERSON], tags: &["企业融资"], variants: &[("设立", "sheli"), ("变更", "biangeng"), ("注销", "zhuxiao"), ("撤销", "chexiao")] },
    Base { stem: "信用修复", slug: "xinyong-xiufu", domain: Domain::Credit, kind: "其他行政权力", form: "信用修复申请书", result: "信用修复决定书", result_type: "批文", audience: &[COMPANY, ORGANISATION], tags: &["信用修复"], variants: &[("移出经营异常名录", "yichang"), ("停止公示行政处罚信息", "chufa"), ("移出严重违法失信名单", "shixin")] },
    Base { stem: "企业年度报告更正", slug: "nianbao-gengzheng", domain: Domain::Credit, kind: "公共服务", form: "年度报告更正申请表", result: "更正结果告知书", result_type: "其他", audience: &[COMPANY, ORGANISATION], tags: &["企业年报"], variants: &[] },
    Base { stem: "食品生产许可", slug: "shipin-shengchan", domain: Domain::FoodProduction, kind: KIND_LICENCE, form: "食品生产许可申请书", result: "食品生产许可证", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["食品安全"], variants: LICENCE_VARIANTS },
    Base { stem: "食品小作坊登记", slug: "xiaozuofang", domain: Domain::FoodProduction, kind: KIND_LICENCE, form: "食品小作坊登记申请书", result: "食品小作坊登记证", result_type: "证照", audience: &[PERSON, COMPANY], tags: &["食品安全", "个体经营"], variants: LICENCE_VARIANTS },
    Base { stem: "食品经营许可", slug: "shipin-jingying", domain: Domain::FoodBusiness, kind: KIND_LICENCE, form: "食品经营许可申请书", result: "食品经营许可证", result_type: "证照", audience: EVERYONE, tags: &["食品安全", "开办企业"], variants: LICENCE_VARIANTS },
    Base { stem: "小餐饮登记", slug: "xiaocanyin", domain: Domain::FoodBusiness, kind: KIND_LICENCE, form: "小餐饮登记申请表", result: "小餐饮登记证", result_type: "证照", audience: &[PERSON], tags: &["食品安全", "个体经营"], variants: LICENCE_VARIANTS },
    Base { stem: "仅销售预包装食品备案", slug: "yubaozhuang", domain: Domain::FoodBusiness, kind: "行政备案", form: "仅销售预包装食品备案登记表", result: "备案回执", result_type: "其他", audience: EVERYONE, tags: &["食品安全"], variants: &[("首次备案", "shouci"), ("变更", "biangeng"), ("注销", "zhuxiao")] },
    Base { stem: "药品零售企业经营许可", slug: "yaopin-lingshou", domain: Domain::Drug, kind: KIND_LICENCE, form: "药品经营许可证申请表", result: "药品经营许可证", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["药品安全"], variants: LICENCE_VARIANTS },
    Base { stem: "第二类医疗器械经营备案", slug: "qixie-beian", domain: Domain::Drug, kind: "行政备案", form: "第二类医疗器械经营备案登记表", result: "第二类医疗器械经营备案凭证", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["药品安全"], variants: &[("首次备案", "shouci"), ("变更备案", "biangeng")] },
    Base { stem: "第三类医疗器械经营许可", slug: "qixie-xuke", domain: Domain::Drug, kind: KIND_LICENCE, form: "医疗器械经营许可申请表", result: "医疗器械经营许可证", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["药品安全"], variants: LICENCE_VARIANTS },
    Base { stem: "特种设备使用登记", slug: "tzsb-shiyong", domain: Domain::Equipment, kind: KIND_LICENCE, form: "特种设备使用登记表", result: "特种设备使用登记证", result_type: "证照", audience: EVERYONE, tags: &["特种设备"], variants: &[("新装", "xinzhuang"), ("移装", "yizhuang"), ("改造", "gaizao"), ("停用", "tingyong"), ("注销", "zhuxiao")] },
    Base { stem: "特种设备作业人员资格认定", slug: "tzsb-zuoye", domain: Domain::Equipment, kind: KIND_LICENCE, form: "特种设备作业人员资格申请表", result: "特种设备安全管理和作业人员证", result_type: "证照", audience: &[PERSON], tags: &["特种设备", "职业资格"], variants: &[("取证", "quzheng"), ("复审", "fushen"), ("补证", "buzheng")] },
    Base { stem: "特种设备安装改造修理告知", slug: "tzsb-gaozhi", domain: Domain::Equipment, kind: "其他行政权力", form: "特种设备安装改造修理告知书", result: "告知受理回执", result_type: "其他", audience: &[COMPANY], tags: &["特种设备"], variants: &[] },
    Base { stem: "计量器具强制检定", slug: "qiangzhi-jianding", domain: Domain::Metrology, kind: "公共服务", form: "计量器具强制检定申请书", result: "检定证书", result_type: "其他", audience: EVERYONE, tags: &["计量检定"], variants: &[("首次检定", "shouci"), ("后续检定", "houxu")] },
    Base { stem: "计量标准器具核准", slug: "jiliang-biaozhun", domain: Domain::Metrology, kind: KIND_LICENCE, form: "计量标准考核申请书", result: "计量标准考核证书", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["计量检定"], variants: &[("新建", "xinjian"), ("复查", "fucha"), ("更换", "genghuan")] },
    Base { stem: "计量纠纷仲裁检定", slug: "jiliang-zhongcai", domain: Domain::Metrology, kind: "行政裁决", form: "计量仲裁检定申请书", result: "仲裁检定证书", result_type: "批文", audience: EVERYONE, tags: &["计量检定", "消费维权"], variants: &[] },
    Base { stem: "企业标准自我声明公开", slug: "qiye-biaozhun", domain: Domain::Standard, kind: "公共服务", form: "企业标准自我声明公开承诺书", result: "公开回执", result_type: "其他", audience: &[COMPANY], tags: &["标准化"], variants: &[("首次公开", "shouci"), ("变更", "biangeng"), ("废止", "feizhi")] },
    Base { stem: "标准化项目资助资金拨付", slug: "biaozhun-zizhu", domain: Domain::Standard, kind: "行政给付", form: "标准化项目资助申请表", result: "资助资金拨付通知书", result_type: "批文", audience: &[COMPANY, ORGANISATION], tags: &["标准化", "惠企政策"], variants: &[] },
    Base { stem: "县长质量奖评审", slug: "zhiliang-jiang", domain: Domain::Quality, kind: "行政奖励", form: "县长质量奖申请表", result: "奖励决定书", result_type: "批文", audience: &[COMPANY], tags: &["质量提升"], variants: &[] },
    Base { stem: "质量提升项目补助资金拨付", slug: "zhiliang-buzhu", domain: Domain::Quality, kind: "行政给付", form: "质量提升项目补助申请表", result: "补助资金拨付通知书", result_type: "批文", audience: &[COMPANY], tags: &["质量提升", "惠企政策"], variants: &[] },
    Base { stem: "工业产品生产许可", slug: "gongye-xuke", domain: Domain::Product, kind: KIND_LICENCE, form: "工业产品生产许可证申请书", result: "工业产品生产许可证", result_type: "证照", audience: &[COMPANY], tags: &["产品质量"], variants: LICENCE_VARIANTS },
    Base { stem: "检验检测机构资质认定", slug: "zizhi-rending", domain: Domain::Certification, kind: KIND_LICENCE, form: "检验检测机构资质认定申请书", result: "检验检测机构资质认定证书", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["检验检测"], variants: &[("首次申请", "shouci"), ("变更", "biangeng"), ("延续", "yanxu")] },
    Base { stem: "专利侵权纠纷行政裁决", slug: "zhuanli-caijue", domain: Domain::Property, kind: "行政裁决", form: "专利侵权纠纷处理申请书", result: "行政裁决书", result_type: "批文", audience: EVERYONE, tags: &["知识产权"], variants: &[] },
    Base { stem: "专利资助资金发放", slug: "zhuanli-zizhu", domain: Domain::Property, kind: "行政给付", form: "专利资助申请表", result: "资助资金拨付通知书", result_type: "批文", audience: EVERYONE, tags: &["知识产权", "惠企政策"], variants: &[("发明专利", "faming"), ("境外专利", "jingwai")] },
    Base { stem: "注册商标专用权质押登记", slug: "shangbiao-zhiya", domain: Domain::Property, kind: "公共服务", form: "商标专用权质权登记申请书", result: "商标专用权质权登记证", result_type: "证照", audience: &[COMPANY, PERSON], tags: &["知识产权", "企业融资"], variants: &[("设立", "sheli"), ("变更", "biangeng"), ("注销", "zhuxiao")] },
    Base { stem: "广告发布登记", slug: "guanggao-dengji", domain: Domain::Advertising, kind: KIND_LICENCE, form: "广告发布登记申请表", result: "广告发布登记证明", result_type: "证照", audience: &[COMPANY, ORGANISATION], tags: &["广告发布"], variants: &[("新办", "xinban"), ("变更", "biangeng"), ("注销", "zhuxiao")] },
    Base { stem: "价格违法行为举报奖励", slug: "jiage-jiangli", domain: Domain::Price, kind: "行政奖励", form: "价格举报奖励申请表", result: "奖励决定书", result_type: "批文", audience: &[PERSON], tags: &["价格监督"], variants: &[] },
    Base { stem: "网络交易经营者登记信息公示辅导", slug: "wangluo-gongshi", domain: Domain::Online, kind: "公共服务", form: "网络经营主体信息登记表", result: "辅导记录", result_type: "其他", audience: EVERYONE, tags: &["网络经营"], variants: &[] },
    Base { stem: "消费者投诉受理", slug: "xiaofei-tousu", domain: Domain::Consumer, kind: "公共服务", form: "消费者投诉登记表", result: "投诉处理结果告知书", result_type: "其他", audience: &[PERSON], tags: &["消费维权"], variants: &[] },
    Base { stem: "消费纠纷行政调解", slug: "xiaofei-tiaojie", domain: Domain::Consumer, kind: "公共服务", form: "消费纠纷调解申请书", result: "调解书", result_type: "其他", audience: &[PERSON, COMPANY], tags: &["消费维权"], variants: &[] },
    Base { stem: "重大违法行为举报奖励", slug: "jubao-jiangli", domain: Domain::Enforcement, kind: "行政奖励", form: "重大违法行为举报奖励申请表", result: "奖励决定书", result_type: "批文", audience: &[PERSON], tags: &["行政执法"], variants: &[] },
    Base { stem: "食品快速检测服务", slug: "kuaisu-jiance", domain: Domain::Lab, kind: "公共服务", form: "食品快速检测委托登记表", result: "检测结果告知单", result_type: "其他", audience: EVERYONE, tags: &["食品安全"], variants: &[] },
    Base { stem: "食品委托检验", slug: "weituo-jianyan", domain: Domain::Lab, kind: "公共服务", form: "食品委托检验申请书", result: "检验报告", result_type: "其他", audience: &[COMPANY, ORGANISATION], tags: &["食品安全"], variants: &[] },
];

const EXTRA_TAGS: &[&str] = &[
    "一件事一次办",
    "跨省通办",
    "告知承诺制",
    "证照分离改革",
    "惠企便民",
    "适老化服务",
];

fn kind_code(kind: &str) -> usize {
    const KINDS: &[&str] = &[
        "行政许可",
        "行政确认",
        "行政给付",
        "行政裁决",
        "行政奖励",
        "行政备案",
        "其他行政权力",
        "公共服务",
    ];
    KINDS
        .iter()
        .position(|known| *known == kind)
        .expect("kind in table")
        + 1
}

// ---------------------------------------------------------------------------------------------
// Materials

#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Own,
    Government,
    Agency,
    Other,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Source::Own => "申请人自备",
            Source::Government => "政府部门核发",
            Source::Agency => "中介机构出具",
            Source::Other => "其他",
        }
    }
}

struct MaterialDef {
    name: &'static str,
    source: Source,
    issuer: &'static str,
    /// Empty: required in every case; else the case in which it is needed.
    case: &'static str,
    originals: u32,
    copies: u32,
    /// Slug of a shared blank form and sample; required when the name ends like a form.
    form: &'static str,
    note: &'static str,
}

const fn material(
    name: &'static str,
    source: Source,
    issuer: &'static str,
    originals: u32,
    copies: u32,
) -> MaterialDef {
    MaterialDef {
        name,
        source,
        issuer,
        case: "",
        originals,
        copies,
        form: "",
        note: "",
    }
}

const fn own(name: &'static str, note: &'static str) -> MaterialDef {
    MaterialDef {
        name,
        source: Source::Own,
        issuer: "",
        case: "",
        originals: 1,
        copies: 0,
        form: "",
        note,
    }
}

const fn conditional(def: MaterialDef, case: &'static str) -> MaterialDef {
    MaterialDef { case, ..def }
}

const fn with_form(def: MaterialDef, form: &'static str) -> MaterialDef {
    MaterialDef { form, ..def }
}

const POLICE: &str = "公安机关";
const MARKET_REGULATOR: &str = "市场监督管理部门";
const TAX_OFFICE: &str = "税务机关";
const LAB_ISSUER: &str = "具备资质认定的检验检测机构";
const HEALTH_ISSUER: &str = "具备健康体检资质的医疗卫生机构";
const CNIPA: &str = "国家知识产权局";

const IDENTITY_COMPANY: MaterialDef = MaterialDef {
    note: "核验原件后当场退还，留存复印件一份。",
    ..material(
        "法定代表人（负责人）身份证件",
        Source::Government,
        POLICE,
        0,
        1,
    )
};
const IDENTITY_PERSON: MaterialDef = MaterialDef {
    note: "核验原件后当场退还，留存复印件一份。",
    ..material("申请人身份证件", Source::Government, POLICE, 0, 1)
};
const AGENT_IDENTITY: MaterialDef = conditional(
    material("经办人身份证件", Source::Government, POLICE, 0, 1),
    "委托代理人办理的",
);
const AGENT_LETTER: MaterialDef = conditional(
    with_form(
        own(
            "授权委托书",
            "应当载明委托事项、权限和期限，由委托人签字或者盖章。",
        ),
        "shouquan-weituoshu",
    ),
    "委托代理人办理的",
);
const CREDIT_PLEDGE: MaterialDef = with_form(
    own(
        "信用承诺书",
        "由申请人或者法定代表人签字，承诺所填信息真实、有效。",
    ),
    "xinyong-chengnuoshu",
);
/// The business licence: obtained by sharing or as an electronic licence on most items
/// (`exempt`), so its note never speaks of exemption.
const LICENCE_COPY: MaterialDef = MaterialDef {
    note: "复印件须加盖单位公章，经营范围应当包含申请事项。",
    ..material("营业执照", Source::Government, MARKET_REGULATOR, 0, 1)
};
const PREMISES: MaterialDef = own(
    "经营场所使用证明",
    "自有房产提交不动产权证书复印件，租赁场所提交租赁合同复印件。",
);
const PROPERTY_DEED: MaterialDef = conditional(
    material("不动产权证书", Source::Government, "不动产登记机构", 0, 1),
    "经营场所为自有房产的",
);
const LEASE: MaterialDef = conditional(
    own("房屋租赁合同", "租赁期限应当覆盖申请之日起一年以上。"),
    "经营场所为租赁房屋的",
);
const OLD_LICENCE: MaterialDef = conditional(
    material(
        "原许可证正本和副本",
        Source::Government,
        MARKET_REGULATOR,
        1,
        0,
    ),
    "申请变更、延续、注销或者补办的",
);

fn domain_materials(domain: Domain) -> &'static [MaterialDef] {
    match domain {
        Domain::General | Domain::Archive => {
            const {
                &[
                    own("查询目的说明", "写明查询的企业名称、档案内容和用途。"),
                    conditional(own("介绍信", ""), "以单位名义查询的"),
                    conditional(
                        own("利害关系证明", "如诉讼案件受理通知书、合同文本。"),
                        "利害关系人查询的",
                    ),
                    own(
                        "政府信息内容描述",
                        "写明所需政府信息的名称、文号或者便于查询的特征描述。",
                    ),
                ]
            }
        }
        Domain::Legal => {
            const {
                &[
                    material("行政处罚告知书", Source::Government, MARKET_REGULATOR, 0, 1),
                    own("陈述申辩书", "写明事实、理由和依据，由当事人签字或者盖章。"),
                    own("规范性文件异议理由说明", "列明认为不合法的具体条款和理由。"),
                    conditional(
                        material("代理律师执业证", Source::Government, "司法行政部门", 0, 1),
                        "委托律师参加听证的",
                    ),
                ]
            }
        }
        Domain::Registration => {
            const {
                &[
                    own("公司章程", "由全体股东签署；股份有限公司由全体发起人签署。"),
                    conditional(
                        own("股东会决议", "变更事项须经股东会表决通过的，提交决议原件。"),
                        "申请变更或者注销登记的",
                    ),
                    own(
                        "股东主体资格证明",
                        "股东为企业的提交营业执照复印件，股东为自然人的提交身份证件复印件。",
                    ),
                    own("董事、监事和经理的任职文件", ""),
                    own("住所使用证明", "产权人为自然人的，须由产权人签字。"),
                    conditional(
                        own("清算报告", "须经股东会确认并由全体股东签字。"),
                        "申请注销登记的",
                    ),
                    conditional(
                        material("清税证明", Source::Government, TAX_OFFICE, 1, 0),
                        "申请注销登记的",
                    ),
                    conditional(
                        material(
                            "营业执照正本和副本",
                            Source::Government,
                            MARKET_REGULATOR,
                            1,
                            0,
                        ),
                        "申请变更或者注销登记的",
                    ),
                    conditional(
                        own("合伙协议", "载明合伙人的出资方式、数额和缴付期限。"),
                        "申请合伙企业登记的",
                    ),
                    conditional(own("股权出质合同", ""), "申请股权出质设立登记的"),
                    own("出资人名录", "列明出资人姓名或者名称、出资额和出资方式。"),
                ]
            }
        }
        Domain::Credit => {
            const {
                &[
                    material(
                        "已履行行政处罚义务的缴款凭证",
                        Source::Other,
                        "代收罚没款的商业银行",
                        0,
                        1,
                    ),
                    own(
                        "消除不良影响的情况说明",
                        "写明违法行为已经纠正、危害后果已经消除的事实。",
                    ),
                    with_form(
                        own(
                            "信用修复承诺书",
                            "按照样本如实填写，由法定代表人签字并加盖公章。",
                        ),
                        "xinyong-xiufu-chengnuoshu",
                    ),
                    own("年度报告更正说明", "列明更正前后的内容和更正原因。"),
                    conditional(
                        material("法院生效裁判文书", Source::Government, "人民法院", 0, 1),
                        "依据司法裁判申请修复的",
                    ),
                ]
            }
        }
        Domain::FoodProduction => {
            const {
                &[
                    own(
                        "食品生产设备设施清单",
                        "列明设备名称、规格型号、数量和安放位置。",
                    ),
                    own("食品生产工艺流程图", "标明关键控制点。"),
                    own(
                        "生产场所平面布局图",
                        "标明生产车间、原料库、成品库和更衣室的位置。",
                    ),
                    own(
                        "食品安全管理制度文本",
                        "包括进货查验、生产过程控制、出厂检验和不合格品召回制度。",
                    ),
                    own("食品安全管理人员任命文件", ""),
                    material("出厂检验报告", Source::Agency, LAB_ISSUER, 1, 0),
                    material("食品从业人员健康证明", Source::Other, HEALTH_ISSUER, 0, 1),
                    conditional(own("委托生产合同", ""), "委托加工生产的"),
                ]
            }
        }
        Domain::FoodBusiness => {
            const {
                &[
                    own(
                        "经营场所平面布局图",
                        "标明加工操作区、清洗消毒区和食品贮存区的位置与面积。",
                    ),
                    own("经营设施设备清单", "列明冷藏、冷冻、消毒和防蝇防鼠设施。"),
                    own("食品安全管理制度目录", ""),
                    material(
                        "食品安全管理人员培训考核合格证明",
                        Source::Government,
                        MARKET_REGULATOR,
                        0,
                        1,
                    ),
                    material("食品从业人员健康证明", Source::Other, HEALTH_ISSUER, 0, 1),
                    own("餐饮服务加工制作流程图", "标明生进熟出的单一流向。"),
                    conditional(own("集中用餐单位供餐合同", ""), "为学校、托幼机构供餐的"),
                    conditional(
                        material(
                            "自动售货设备产品合格证明",
                            Source::Other,
                            "设备生产企业",
                            0,
                            1,
                        ),
                        "通过自动售货设备经营的",
                    ),
                ]
            }
        }
        Domain::Drug => {
            const {
                &[
                    material(
                        "执业药师注册证",
                        Source::Government,
                        "药品监督管理部门",
                        0,
                        1,
                    ),
                    material(
                        "质量负责人学历证明",
                        Source::Other,
                        "颁发学历证书的院校",
                        0,
                        1,
                    ),
                    own(
                        "药品质量管理制度文本",
                        "包括采购、验收、储存、销售和不良反应报告制度。",
                    ),
                    own("仓储设施设备清单", "列明温湿度监测和调控设备。"),
                    own("计算机信息管理系统说明", "说明系统具备的追溯和记录功能。"),
                    own("经营场所和库房地理位置图", ""),
                    own("医疗器械质量管理自查报告", ""),
                ]
            }
        }
        Domain::Equipment => {
            const {
                &[
                    material(
                        "特种设备产品合格证",
                        Source::Other,
                        "特种设备制造单位",
                        1,
                        0,
                    ),
                    material(
                        "特种设备监督检验证明",
                        Source::Agency,
                        "特种设备检验机构",
                        1,
                        0,
                    ),
                    material("定期检验报告", Source::Agency, "特种设备检验机构", 0, 1),
                    material(
                        "安全管理人员资格证书",
                        Source::Government,
                        MARKET_REGULATOR,
                        0,
                        1,
                    ),
                    own(
                        "特种设备安全管理制度文本",
                        "包括岗位责任、隐患排查和应急救援制度。",
                    ),
                    material("作业人员体检报告", Source::Other, "县级以上医疗机构", 1, 0),
                    material("学历证明", Source::Other, "颁发学历证书的学校", 0, 1),
                    material(
                        "考试合格成绩单",
                        Source::Agency,
                        "特种设备作业人员考试机构",
                        1,
                        0,
                    ),
                    own("近期免冠照片", "两张，一寸，白色背景。"),
                    material(
                        "特种设备安装改造修理许可证",
                        Source::Government,
                        MARKET_REGULATOR,
                        0,
                        1,
                    ),
                    own("施工方案", "由施工单位技术负责人批准。"),
                ]
            }
        }
        Domain::Metrology => {
            const {
                &[
                    own(
                        "计量器具清单",
                        "列明器具名称、型号规格、出厂编号和使用地点。",
                    ),
                    material(
                        "计量器具出厂合格证",
                        Source::Other,
                        "计量器具制造单位",
                        0,
                        1,
                    ),
                    own("计量标准技术报告", "按照计量标准考核规范的格式填写。"),
                    material(
                        "计量标准器有效检定证书",
                        Source::Agency,
                        "法定计量检定机构",
                        0,
                        1,
                    ),
                    own("检定人员能力证明", ""),
                    own("纠纷事实说明", "写明纠纷双方、争议的计量器具和争议数据。"),
                ]
            }
        }
        Domain::Standard => {
            const {
                &[
                    own("企业标准文本", "标准编号、名称和技术指标应当完整。"),
                    own("标准化项目实施方案", ""),
                    own("项目验收报告", ""),
                    own(
                        "专项资金使用情况表",
                        "按照科目列明资金用途，与票据金额一致。",
                    ),
                ]
            }
        }
        Domain::Quality => {
            const {
                &[
                    own("质量管理自评报告", "对照评审标准逐条自评并给出分值。"),
                    material("近三年财务审计报告", Source::Agency, "会计师事务所", 0, 1),
                    material("质量管理体系认证证书", Source::Agency, "认证机构", 0, 1),
                    material("纳税证明", Source::Government, TAX_OFFICE, 1, 0),
                    own("项目实施方案", ""),
                ]
            }
        }
        Domain::Product => {
            const {
                &[
                    material("产品检验报告", Source::Agency, LAB_ISSUER, 1, 0),
                    own("生产设备清单", ""),
                    own("质量管理制度文本", ""),
                    own("产品执行标准文本", ""),
                    own("企业自查报告", "对照产品实施细则逐项自查。"),
                ]
            }
        }
        Domain::Certification => {
            const {
                &[
                    own("检验检测机构组织结构图", ""),
                    own("质量手册", "现行有效版本，须加盖受控章。"),
                    own("程序文件", ""),
                    with_form(
                        own(
                            "检验检测能力申请表",
                            "按照产品类别逐项填写检测参数和依据的标准。",
                        ),
                        "jiance-nengli-shenqingbiao",
                    ),
                    own("授权签字人资格证明", ""),
                    material("仪器设备检定校准证书", Source::Agency, "计量技术机构", 0, 1),
                    own("典型检验检测报告", "每个领域提供一份。"),
                ]
            }
        }
        Domain::Property => {
            const {
                &[
                    material("专利证书", Source::Government, CNIPA, 0, 1),
                    material("专利登记簿副本", Source::Government, CNIPA, 1, 0),
                    material("专利年费缴纳凭证", Source::Government, CNIPA, 0, 1),
                    own("侵权证据清单", "逐项写明证据名称、来源和证明对象。"),
                    material("商标注册证", Source::Government, CNIPA, 0, 1),
                    own("质权合同", ""),
                    own(
                        "被请求人基本情况说明",
                        "写明被请求人的名称、住所和联系方式。",
                    ),
                ]
            }
        }
        Domain::Advertising => {
            const {
                &[
                    own(
                        "广告发布业务管理制度文本",
                        "包括承接登记、审核和档案管理制度。",
                    ),
                    own("广告审查人员名单", ""),
                    own("广告发布场所使用证明", ""),
                    own("广告专业技术人员资格证明", ""),
                ]
            }
        }
        Domain::Price => {
            const {
                &[
                    own("举报事项证据清单", "列明证据名称和证明的事实。"),
                    own("银行账户信息", "须为举报人本人的银行账户。"),
                    own("举报书", "写明被举报人、违法事实和线索来源。"),
                ]
            }
        }
        Domain::Online => {
            const {
                &[
                    own("网店首页截图", "须显示店铺名称和网址。"),
                    own("平台入驻协议", ""),
                    own("经营者亮照信息说明", ""),
                ]
            }
        }
        Domain::Consumer => {
            const {
                &[
                    material("消费凭证", Source::Other, "经营者", 0, 1),
                    own(
                        "投诉请求及事实说明",
                        "写明被投诉人名称、地址、消费时间和具体请求。",
                    ),
                    conditional(
                        material("商品质量检测报告", Source::Agency, LAB_ISSUER, 0, 1),
                        "就商品质量发生争议的",
                    ),
                    own("损失清单", ""),
                ]
            }
        }
        Domain::Enforcement => {
            const {
                &[
                    own("举报书", "写明被举报人、违法事实和线索来源。"),
                    own("证据清单", ""),
                    own("银行账户信息", "须为举报人本人的银行账户。"),
                ]
            }
        }
        Domain::Lab => {
            const {
                &[
                    own("样品清单", "列明样品名称、批号、数量和生产日期。"),
                    own("委托检验协议", ""),
                    own("采样记录", ""),
                ]
            }
        }
    }
}

/// Notes added to materials that have none of their own.
const GENERAL_NOTES: &[&str] = &[
    "复印件须注明“与原件一致”，由申请人签字或者加盖公章。",
    "须在有效期内，核验原件后当场退还。",
    "内容应当与营业执照记载事项一致。",
    "使用黑色墨水笔或者签字笔填写，字迹清楚，不得涂改。",
    "提交电子版的，应当为清晰的彩色扫描件。",
    "外文文书须附中文译本，并由翻译机构加盖翻译专用章。",
    "须由法定代表人签字并加盖单位公章。",
];

const FORM_NOTES: &[&str] = &[
    "填写要求：\n\n- 按照样表逐项填写，不得空项；\n- 签字处须由本人亲笔签署；\n- 填写完成后请核对**统一社会信用代码**。",
    "可在本页下载空白表格和填写样本，也可在[示例县政务服务网](https://zwfw.example.gov.cn/)在线填报，系统自动生成。",
    "表格一式一份，A4 纸张打印。\n\n填报的经营范围应当使用规范表述，可登录[经营范围规范表述查询系统](https://jyfwyun.samr.gov.cn/)查询。",
    "须由申请人本人签字；单位申请的，加盖单位公章。",
];

// ---------------------------------------------------------------------------------------------
// Conditions, steps, refusals, FAQ

const GENERAL_CONDITIONS: &[&str] = &[
    "申请人依法具备相应的主体资格。",
    "申请人未被列入严重违法失信名单。",
    "申请事项属于本局管辖范围。",
    "申请人提交的申请材料齐全、符合法定形式。",
    "申请人对申请材料的真实性负责，并签署信用承诺。",
];

fn domain_conditions(domain: Domain) -> &'static [&'static str] {
    match domain {
        Domain::General | Domain::Archive => &[
            "查询人为企业本身、企业的出资人或者与企业存在利害关系的单位和个人。",
            "所需信息为本局在履行职责过程中制作或者获取的政府信息。",
        ],
        Domain::Legal => &[
            "当事人在收到行政处罚告知书之日起五个工作日内提出听证申请。",
            "拟作出的行政处罚属于法定听证范围。",
            "异议针对本局制发的现行有效的行政规范性文件。",
        ],
        Domain::Registration => &[
            "名称符合企业名称登记管理规定，不与同行业已登记名称相同。",
            "有符合规定的住所或者主要经营场所。",
            "法定代表人不存在法律规定不得担任的情形。",
            "经营范围中属于前置许可的项目已经取得许可文件。",
        ],
        Domain::Credit => &[
            "已经履行行政处罚决定书规定的义务。",
            "已经纠正违法行为并主动消除不良影响。",
            "自列入之日起已满规定的最短公示期限。",
        ],
        Domain::FoodProduction => &[
            "具有与生产的食品品种、数量相适应的生产场所，并保持整洁。",
            "具有与生产的食品品种、数量相适应的生产设备或者设施。",
            "具有专职或者兼职的食品安全专业技术人员、食品安全管理人员和保证食品安全的规章制度。",
            "生产场所与有毒、有害场所以及污染源保持规定的距离。",
        ],
        Domain::FoodBusiness => &[
            "具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存场所。",
            "具有与经营的食品品种、数量相适应的经营设备或者设施。",
            "配备食品安全管理人员，建立保证食品安全的规章制度。",
            "具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品交叉污染。",
        ],
        Domain::Drug => &[
            "配备依法经过资格认定的药师或者其他药学技术人员。",
            "具有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境。",
            "具有保证所经营药品质量的规章制度，并符合药品经营质量管理规范要求。",
        ],
        Domain::Equipment => &[
            "特种设备经监督检验合格，安全附件和安全保护装置齐全有效。",
            "使用单位配备特种设备安全管理人员。",
            "申请人年满十八周岁，且不超过法定退休年龄。",
            "申请人身体健康，无妨碍从事相应作业的疾病和生理缺陷。",
        ],
        Domain::Metrology => &[
            "计量器具属于强制检定目录范围，且在本县行政区域内使用。",
            "计量标准器具经检定合格，配套设备齐全。",
            "计量纠纷双方对纠纷事实没有异议，且未向人民法院起诉。",
        ],
        Domain::Standard => &[
            "企业执行的标准已经在企业标准信息公共服务平台公开。",
            "项目已经通过验收，资金使用符合专项管理规定。",
        ],
        Domain::Quality => &[
            "申请人在本县行政区域内依法注册，连续经营三年以上。",
            "近三年未发生重大质量、安全、环境污染事故。",
        ],
        Domain::Product => &[
            "有营业执照，有与所生产产品相适应的专业技术人员。",
            "有与所生产产品相适应的生产条件和检验检疫手段。",
            "产品符合有关国家标准、行业标准以及保障人体健康和人身、财产安全的要求。",
        ],
        Domain::Certification => &[
            "依法成立并能够承担相应法律责任的法人或者非法人组织。",
            "具有与其从事检验检测活动相适应的检验检测技术人员和管理人员。",
            "具有符合要求的工作环境、检验检测设备设施和管理体系。",
        ],
        Domain::Property => &[
            "请求人是专利权人或者利害关系人。",
            "有明确的被请求人，有明确的请求事项和具体事实、理由。",
            "当事人双方均未就该专利侵权纠纷向人民法院起诉。",
            "专利权处于有效状态，且在申请资助的年度内获得授权。",
        ],
        Domain::Advertising => &[
            "主营业务为广告媒介，或者设有专门从事广告业务的机构。",
            "配备熟悉广告法律法规的广告审查人员。",
        ],
        Domain::Price => &[
            "举报事项经查证属实并已依法作出行政处罚决定。",
            "举报人提供了被举报人的名称、地址和具体违法事实。",
        ],
        Domain::Online => &[
            "通过网络平台从事商品销售或者提供服务。",
            "网店首页已经公示营业执照信息或者链接标识。",
        ],
        Domain::Consumer => &[
            "投诉人与被投诉人之间存在消费民事权益争议。",
            "有具体的投诉请求、事实和理由。",
            "被投诉人的住所或者经营场所在本县行政区域内。",
        ],
        Domain::Enforcement => &[
            "举报人提供的线索为本局事先未掌握的违法线索。",
            "举报事项经查证属实，且已结案。",
        ],
        Domain::Lab => &[
            "送检样品在保质期内，包装完好，数量满足检验需要。",
            "委托人如实提供样品的名称、批号和生产单位信息。",
        ],
    }
}

/// (step, actors, descriptions): a step is chosen with one of its actors and descriptions.
struct StepDef {
    step: &'static str,
    actors: &'static [&'static str],
    descriptions: &'static [&'static str],
    optional: bool,
}

const STEPS: &[StepDef] = &[
    StepDef {
        step: "申请",
        actors: &["申请人"],
        descriptions: &[
            "申请人通过示例县政务服务网在线提交申请，或者到行政服务中心市场监管综合窗口提交纸质申请材料。",
            "申请人按照本指南列明的申请材料目录备齐材料，向受理窗口提出申请；也可通过邮寄方式提交。",
        ],
        optional: false,
    },
    StepDef {
        step: "受理",
        actors: &["窗口受理岗", "综合窗口受理人员"],
        descriptions: &[
            "窗口当场核对申请材料，材料齐全、符合法定形式的，出具受理通知书；材料不齐全的，当场一次性告知需要补正的全部内容。",
            "对申请材料进行形式审查，符合要求的当场受理；不属于本局职权范围的，作出不予受理决定并告知向有关行政机关申请。",
        ],
        optional: false,
    },
    StepDef {
        step: "审查",
        actors: &["业务审查岗", "审核人员"],
        descriptions: &[
            "对申请材料的实质内容进行审查，提出审查意见。",
            "审核申请材料与法定条件的一致性，核对电子证照和共享数据，形成书面审查意见。",
        ],
        optional: false,
    },
    StepDef {
        step: "现场核查",
        actors: &["核查人员", "两名以上执法人员"],
        descriptions: &[
            "需要对申请材料的实质内容进行核实的，指派两名以上工作人员到现场核查，申请人应当予以配合。",
            "按照核查要点逐项检查场所、设施设备和管理制度，当场填写核查记录，由申请人签字确认。",
        ],
        optional: true,
    },
    StepDef {
        step: "公示",
        actors: &["业务审查岗"],
        descriptions: &["将拟办理结果在本局门户网站公示，公示期内无异议的进入决定环节。"],
        optional: true,
    },
    StepDef {
        step: "决定",
        actors: &["股室负责人", "分管局领导"],
        descriptions: &[
            "根据审查意见作出准予或者不予办理的书面决定；不予办理的，说明理由并告知申请行政复议或者提起行政诉讼的权利。",
            "对符合条件的作出准予决定，对不符合条件的作出不予办理决定并书面说明理由。",
        ],
        optional: false,
    },
    StepDef {
        step: "制证",
        actors: &["窗口发证岗"],
        descriptions: &["打印纸质证照并同步生成电子证照，加盖印章。"],
        optional: true,
    },
    StepDef {
        step: "送达",
        actors: &["窗口发证岗", "综合窗口"],
        descriptions: &[
            "申请人可选择窗口领取、免费邮寄或者电子送达；选择邮寄的，在决定作出之日起一个工作日内寄出。",
            "通过短信通知申请人领取结果，申请人凭受理通知书到窗口领取。",
        ],
        optional: true,
    },
    StepDef {
        step: "归档",
        actors: &["档案管理岗"],
        descriptions: &["将申请材料、审查意见和决定文书整理归档，纸质档案和电子档案同步保存。"],
        optional: true,
    },
];

/// The two kinds of refusal: at the window (行政许可法第三十二条, the default of `kind`) and after
/// review (第三十八条).
#[derive(Clone, Copy, PartialEq, Eq)]
enum RefusalKind {
    NotAccepted,
    NotGranted,
}

impl RefusalKind {
    fn name(self) -> &'static str {
        match self {
            RefusalKind::NotAccepted => "不予受理",
            RefusalKind::NotGranted => "不予批准",
        }
    }
}

struct Refusal {
    case: &'static str,
    kind: RefusalKind,
}

const fn not_accepted(case: &'static str) -> Refusal {
    Refusal {
        case,
        kind: RefusalKind::NotAccepted,
    }
}

const fn not_granted(case: &'static str) -> Refusal {
    Refusal {
        case,
        kind: RefusalKind::NotGranted,
    }
}

const LICENCE_REFUSALS: &[Refusal] = &[
    not_accepted("申请事项依法不需要取得行政许可的。"),
    not_granted("申请人隐瞒真实情况或者提供虚假申请材料的。"),
    not_accepted("申请人以欺骗、贿赂手段取得许可被撤销，自撤销之日起未满三年的。"),
    not_granted("经现场核查，场所、设施设备不符合法定条件的。"),
];

const GENERAL_REFUSALS: &[Refusal] = &[
    not_accepted("申请事项不属于本局职权范围的。"),
    not_accepted("申请材料不齐全或者不符合法定形式，经一次性告知后申请人未在规定期限内补正的。"),
    not_granted("申请人被列入严重违法失信名单且尚未移出的。"),
    not_accepted("申请人就同一事项已经向人民法院提起诉讼的。"),
];

fn domain_refusals(domain: Domain) -> &'static [Refusal] {
    match domain {
        Domain::FoodProduction | Domain::FoodBusiness => {
            const {
                &[
                    not_granted("经营场所与有毒、有害场所以及污染源的距离不符合规定的。"),
                    not_accepted("申请人被吊销食品经营许可证，自处罚决定作出之日起未满五年的。"),
                ]
            }
        }
        Domain::Drug => {
            const {
                &[
                    not_granted("未配备执业药师的。"),
                    not_granted("经营场所和仓库设在居民住宅内的。"),
                ]
            }
        }
        Domain::Equipment => {
            const {
                &[
                    not_granted("特种设备未经监督检验或者监督检验不合格的。"),
                    not_granted("特种设备已达到设计使用年限且未进行安全评估的。"),
                ]
            }
        }
        Domain::Registration => {
            const {
                &[
                    not_granted("申请登记的名称与同行业已登记的企业名称相同的。"),
                    not_granted("住所为不能作为经营场所使用的房屋的。"),
                ]
            }
        }
        Domain::Credit => {
            const {
                &[
                    not_granted("自列入之日起未满最短公示期限的。"),
                    not_granted("未履行行政处罚决定书规定义务的。"),
                ]
            }
        }
        Domain::Property | Domain::Consumer => {
            const {
                &[
                    not_accepted("纠纷已由人民法院受理或者已作出生效裁判的。"),
                    not_accepted("不能提供被请求人明确信息的。"),
                ]
            }
        }
        Domain::Metrology => {
            const { &[not_accepted("计量器具不属于强制检定目录范围的。")] }
        }
        Domain::General | Domain::Archive => {
            const {
                &[
                    not_granted("申请查询或者公开的信息属于国家秘密、商业秘密或者个人隐私的。"),
                    not_accepted("申请内容不明确，经告知补正后申请人逾期未补正的。"),
                ]
            }
        }
        _ => {
            const {
                &[not_granted(
                    "申请人在申请前十二个月内因同一事项受到行政处罚的。",
                )]
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Items

struct ItemPlan {
    number: usize,
    department: usize,
    id: String,
}

#[derive(Clone, Copy)]
enum Unit {
    WorkDay,
    CalendarDay,
    Hour,
}

impl Unit {
    fn name(self) -> &'static str {
        match self {
            Unit::WorkDay => "工作日",
            Unit::CalendarDay => "自然日",
            Unit::Hour => "小时",
        }
    }
}

#[derive(Clone, Copy)]
struct Span {
    value: usize,
    unit: Unit,
}

const fn work_days(value: usize) -> Span {
    Span {
        value,
        unit: Unit::WorkDay,
    }
}

struct Fee {
    name: &'static str,
    amount: &'static str,
}

#[rustfmt::skip]
const FEES: &[Fee] = &[
    Fee { name: "证书工本费", amount: "每证 10 元" },
    Fee { name: "检定费", amount: "每台 50 元" },
    Fee { name: "检验费", amount: "每批次 300 元" },
    Fee { name: "登记费", amount: "每件 20 元" },
    Fee { name: "考试费", amount: "每人每科 60 元" },
];

const VISIT_REASONS: &[&str] = &[
    "须当场核验申请人身份证件原件",
    "须现场领取纸质证照并交回原证照",
    "须现场提交原件，由窗口核验后当场退还",
    "须现场采集申请人人脸识别信息",
    "须现场签署调解协议",
];

const OFFLINE_REASONS: &[&str] = &[
    "依法须核验实物原件，暂不支持全程网办，可在网上预约后到窗口一次办结。",
    "本事项涉及现场签署法律文书，暂未开通网上办理。",
    "本事项需要提交样品，暂不具备网上办理条件。",
];

/// Who implements an item, when it is not simply the site's authority acting in its own name.
#[derive(Clone, Copy)]
enum Implementer {
    /// The site's authority; `explicit` writes `authority: {nature: 法定机关}` all the same.
    Own { explicit: bool },
    /// A body authorised by law (the testing and verification institutes).
    Authorised,
    /// Entrusted by another body (行政许可法第二十四条): decisions are made in its name.
    Entrusted(&'static EntrustingInstrument),
}

/// The departments that are institutions authorised by law to act in their own name.
const AUTHORISED_DEPARTMENTS: &[&str] = &[
    "jiliang-jiandingsuo",
    "tezhong-jianyanzhan",
    "shipin-jiancezhan",
];

fn implementer(rng: &mut Rng, base: &Base, department: &Department) -> Implementer {
    if base.kind == KIND_LICENCE
        && let Some(instrument) = ENTRUSTING_INSTRUMENTS
            .iter()
            .find(|instrument| instrument.domains.contains(&base.domain))
        && rng.percent(50)
    {
        return Implementer::Entrusted(instrument);
    }
    if AUTHORISED_DEPARTMENTS.contains(&department.id) && rng.percent(60) {
        return Implementer::Authorised;
    }
    Implementer::Own {
        explicit: rng.percent(3),
    }
}

/// Where a visitor who disagrees with a decision turns: the site's bodies, or the item's own.
#[derive(Clone, Copy)]
struct Redress {
    review: &'static str,
    litigation: &'static str,
    review_first: bool,
    /// Written as the item's own `redress`.
    own: bool,
}

/// The slug of the item kind whose refusals must go to review first (行政复议法第二十三条).
const DISCLOSURE: &str = "xinxi-gongkai";

/// The quantity limits (行政许可法第三十条) that a county sets in some fields; every other 行政许可
/// has none (无数量限制).
fn quantity_limits(domain: Domain) -> &'static [&'static str] {
    match domain {
        Domain::FoodBusiness => &["学校校门周边 200 米范围内不再新增，其他区域无数量限制。"],
        Domain::Drug => &[
            "按照示例县药品零售企业布局规划，城区新开办药品零售企业与已有药品零售企业的步行距离不少于 300 米；乡镇无数量限制。",
        ],
        Domain::FoodProduction => &[
            "本县食品小作坊集中加工区共设加工点位 40 个，额满后按照受理先后顺序候补；集中加工区以外无数量限制。",
        ],
        _ => &[],
    }
}

/// How a material is exempt from being submitted (`exempt`).
#[derive(Clone, Copy)]
struct Exempt {
    by: &'static str,
    when: Option<&'static str>,
}

const SHARED: &str = "共享获取";
const E_LICENCE: &str = "电子证照";
const COMMITMENT: &str = "告知承诺";
const DECLARATION: &str = "申报承诺";

/// The cases in which a material is exempt by 告知承诺.
const COMMITMENT_CASES: &[&str] = &[
    "选择告知承诺方式办理的",
    "选择告知承诺方式办理，并在告知承诺书中承诺已具备该项条件的",
];

const COMMITMENT_VERIFICATIONS: &[&str] = &[
    "本局自作出决定之日起 {days} 个工作日内，由{office}两名以上工作人员到现场核查，逐项核对承诺内容与实际情况是否一致，核查结果记入档案。",
    "本局通过部门间数据共享核验承诺事项；自作出决定之日起三个月内，按照不低于 {percent}% 的比例随机抽取承诺申请人到现场核查。",
    "核查分两步：\n\n1. 作出决定前，通过数据共享核验可以核验的承诺事项；\n2. 作出决定后 {days} 个工作日内，由{office}到现场核查其余承诺事项。",
];

const COMMITMENT_CONSEQUENCES: &[&str] = &[
    "核查发现实际情况与承诺不符的，责令限期整改；逾期不整改或者整改后仍不符合条件的，依法撤销决定。以虚假承诺取得许可的，申请人三年内不得再次申请该许可，虚假承诺记入申请人的信用记录。",
    "申请人作出虚假承诺的，依法撤销决定，将虚假承诺信息归集至示例省公共信用信息平台，三年内不再适用告知承诺方式办理。",
];

const COMMITMENT_SCOPES: &[&str] = &[
    "在本县行政区域内申请{name}的申请人，可以自愿选择告知承诺方式，也可以按一般程序提交全部材料。曾作出虚假承诺或者被列入严重违法失信名单的申请人，不适用告知承诺。",
    "申请人自愿选择；不愿意或者无法作出承诺的，按一般程序提交全部材料。**曾作出虚假承诺的申请人**，三年内不适用告知承诺。",
];

/// Who may be spared a fee (`fees.waiver`).
const WAIVER_CASES: &[&str] = &[
    "小微企业和个体工商户申请的",
    "残疾人、最低生活保障对象本人申请的",
    "因自然灾害遭受重大损失的经营者在灾后一年内申请的",
];

/// What an intermediary's service costs (`intermediary[].fee`).
const INTERMEDIARY_FEES: &[&str] = &[
    "按机构公布的收费标准，由申请人与机构协商确定；本局不指定机构，也不收取费用",
    "按照示例省发展和改革委员会核定的收费标准收取",
    "由申请人与机构按照市场价格约定",
];

/// The service an intermediary (中介机构出具) renders to issue a material.
fn intermediary_service(material: &str) -> Option<&'static str> {
    Some(match material {
        "出厂检验报告" => "食品出厂检验",
        "特种设备监督检验证明" => "特种设备安装监督检验",
        "定期检验报告" => "特种设备定期检验",
        "考试合格成绩单" => "特种设备作业人员考试",
        "计量标准器有效检定证书" => "计量标准器检定",
        "近三年财务审计报告" => "财务报表审计",
        "质量管理体系认证证书" => "质量管理体系认证",
        "产品检验报告" => "产品型式检验",
        "仪器设备检定校准证书" => "仪器设备检定校准",
        "商品质量检测报告" => "商品质量检测",
        _ => return None,
    })
}

/// The term of a result document (`result.validity`), for the results that have one.
fn result_validity(result: &str) -> Option<&'static str> {
    Some(match result {
        "营业执照" | "广告发布登记证明" | "第二类医疗器械经营备案凭证" => {
            "长期有效"
        }
        "食品生产许可证"
        | "食品经营许可证"
        | "药品经营许可证"
        | "医疗器械经营许可证"
        | "工业产品生产许可证"
        | "计量标准考核证书" => "5年",
        "食品小作坊登记证" | "小餐饮登记证" => "3年",
        "特种设备使用登记证" => "长期有效（设备变更或者注销登记前有效）",
        "特种设备安全管理和作业人员证" => "4年",
        "检验检测机构资质认定证书" => "6年",
        "商标专用权质权登记证" => "至质权登记注销之日",
        _ => return None,
    })
}

/// The name of a material as `duplicate-material` compares it: spaces removed, then, repeatedly,
/// a trailing 原件, 复印件, 扫描件, 影印件, 正本 or 副本.
fn material_identity(name: &str) -> String {
    let mut folded: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    while let Some(suffix) = ["原件", "复印件", "扫描件", "影印件", "正本", "副本"]
        .iter()
        .find(|suffix| folded.ends_with(**suffix) && folded.len() > suffix.len())
    {
        folded.truncate(folded.len() - suffix.len());
    }
    folded
}

fn is_form_like(name: &str) -> bool {
    FORM_SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

fn item_yaml(
    corpus: &Corpus,
    item: &ItemPlan,
    forms: &mut BTreeSet<FormFile>,
) -> Result<String, String> {
    let mut rng = Rng::new(corpus.seed, STREAM_ITEM, item.number as u64);
    let department = &DEPARTMENTS[item.department];
    let domain = *rng.pick(department.domains);
    let bases: Vec<&Base> = BASES.iter().filter(|base| base.domain == domain).collect();
    let base = *rng.pick(&bases);
    let variant = (!base.variants.is_empty()).then(|| *rng.pick(base.variants));
    let name = match variant {
        Some((variant, _)) => format!("{}（{variant}）", base.stem),
        None => base.stem.to_string(),
    };
    let licence = base.kind == KIND_LICENCE;
    let disclosure = base.slug == DISCLOSURE;
    let phone = department_phone(item.department);
    let mut doc = Yaml::new();

    // Identity.
    let code = format!(
        "3307{:02}{:02}{:02}{:06}",
        81,
        kind_code(base.kind),
        item.department + 1,
        item.number
    );
    doc.text(L0, "code", &code, Quote::Double);
    doc.text(L0, "name", &name, Quote::Plain);
    doc.text(L0, "type", base.kind, Quote::Plain);
    doc.raw(L0, "department", department.id);
    doc.open(L0, "audience");
    for audience in base.audience {
        doc.entry(L1, audience, Quote::Plain);
    }

    // Limits, fees, channels and the implementing body first, so that the summary and FAQ can
    // state them.
    let statutory = match base.kind {
        _ if disclosure => 20,
        KIND_LICENCE => *rng.pick(&[20, 20, 15, 10, 30]),
        "行政裁决" => *rng.pick(&[60, 30, 45]),
        "行政奖励" | "行政给付" => *rng.pick(&[30, 20, 60]),
        "行政确认" | "行政备案" => *rng.pick(&[5, 10, 3]),
        _ => *rng.pick(&[5, 7, 10, 15]),
    };
    let promised = match rng.below(6) {
        0 => 0,
        1 => statutory,
        2 => statutory / 4,
        3 => statutory / 3,
        _ => statutory / 2,
    };
    let visits = usize::from(rng.percent(45));
    let online = rng.percent(80);
    let fees: Vec<&Fee> = if rng.percent(15) {
        rng.sample_between(FEES.len(), 1, 2)
            .into_iter()
            .map(|index| &FEES[index])
            .collect()
    } else {
        Vec::new()
    };
    let implementer = implementer(&mut rng, base, department);
    let redress = match implementer {
        Implementer::Entrusted(instrument) => Redress {
            review: instrument.review,
            litigation: instrument.litigation,
            review_first: false,
            own: true,
        },
        _ => Redress {
            review: REVIEW_BODY,
            litigation: COURT,
            review_first: disclosure,
            own: disclosure,
        },
    };

    // Summary.
    let summary = summary_text(
        &mut rng,
        base,
        &name,
        department,
        implementer,
        statutory,
        promised,
        online,
    );
    doc.markdown(&mut rng, L0, "summary", &summary);

    // Legal basis; an entrusted item cites 行政许可法第二十四条.
    doc.open(L0, "legal_basis");
    let entrustment_article = corpus.reference(pinned("xingzheng-xuke-fa", 24));
    let mut cited: Vec<(usize, usize)> = Vec::new();
    if let Implementer::Entrusted(_) = implementer {
        cited.push((entrustment_article.law, entrustment_article.article));
    }
    let basis_count = rng.range(2, 5) + cited.len();
    while cited.len() < basis_count {
        let reference = corpus.cite(&mut rng, domain);
        if cited.contains(&(reference.law, reference.article)) {
            continue;
        }
        cited.push((reference.law, reference.article));
        doc.raw(D1, "law", &corpus.laws[reference.law].id);
        doc.raw(L2, "article", reference.article_key());
        if rng.percent(6) {
            let text = corpus.article_text(&reference);
            if text.contains('\n') {
                doc.block(L2, "text", text);
            } else {
                let quote = Quote::random(&mut rng);
                doc.text(L2, "text", text, quote);
            }
        }
    }
    if let Implementer::Entrusted(_) = implementer {
        doc.raw(D1, "law", &corpus.laws[entrustment_article.law].id);
        doc.raw(L2, "article", entrustment_article.article_key());
    }

    // Implementing body and redress (version 2).
    match implementer {
        Implementer::Own { explicit: false } => {}
        Implementer::Own { explicit: true } => doc.raw(L0, "authority", "{nature: 法定机关}"),
        Implementer::Authorised => {
            doc.open(L0, "authority");
            doc.text(L1, "nature", "法律法规授权组织", Quote::Plain);
        }
        Implementer::Entrusted(instrument) => {
            doc.open(L0, "authority");
            doc.text(L1, "nature", "受委托组织", Quote::Plain);
            doc.text(L1, "entrusted_by", instrument.issuer, Quote::Plain);
            let article = if rng.percent(80) { 2 } else { 1 };
            let reference = corpus.reference((instrument.id, article));
            doc.law_ref(&mut rng, L1, "entrustment_basis", &reference, &corpus.laws);
        }
    }
    if redress.own {
        doc.open(L0, "redress");
        doc.text(L1, "review", redress.review, Quote::Plain);
        doc.text(L1, "litigation", redress.litigation, Quote::Plain);
        if redress.review_first {
            doc.raw(L1, "review_first", true);
        }
    }

    // Conditions.
    doc.open(L0, "conditions");
    let own_conditions = domain_conditions(domain);
    let condition_count = rng.range(2, 5);
    let domain_count = rng.range(1, own_conditions.len().min(condition_count));
    let mut conditions: Vec<&str> = rng
        .sample(own_conditions.len(), domain_count)
        .into_iter()
        .map(|index| own_conditions[index])
        .collect();
    conditions.extend(
        rng.sample(GENERAL_CONDITIONS.len(), condition_count - domain_count)
            .into_iter()
            .map(|index| GENERAL_CONDITIONS[index]),
    );
    for condition in conditions {
        let quote = Quote::random(&mut rng);
        doc.text(D1, "text", condition, quote);
        if rng.percent(45) {
            let reference = corpus.cite(&mut rng, domain);
            doc.law_ref(&mut rng, L2, "basis", &reference, &corpus.laws);
        }
    }

    // Materials, their exemptions, and the commitment that replaces some of them.
    let mut materials = choose_materials(&mut rng, base, domain, variant);
    for material in &mut materials {
        if material.own_form.is_none() {
            material.exempt = shared_exemption(&mut rng, material.def);
        }
    }
    let commitment = licence && rng.percent(35) && commitment_exemptions(&mut rng, &mut materials);
    check_materials(&name, &materials)?;
    doc.open(L0, "materials");
    for material in &materials {
        write_material(&mut doc, &mut rng, corpus, domain, material, forms)?;
    }
    if commitment {
        let form = format!("files/forms/{}-gaozhi-chengnuoshu.pdf", base.slug);
        doc.open(L0, "commitment");
        doc.raw(L1, "form", &form["files/".len()..]);
        forms.insert(FormFile {
            path: form,
            title: format!("{}告知承诺书", base.stem),
        });
        let office = department.name;
        let verification = rng
            .pick(COMMITMENT_VERIFICATIONS)
            .replace("{days}", &rng.range(10, 30).to_string())
            .replace("{percent}", &(5 * rng.range(2, 6)).to_string())
            .replace("{office}", office);
        doc.markdown(&mut rng, L1, "verification", &verification);
        let consequence = *rng.pick(COMMITMENT_CONSEQUENCES);
        doc.markdown(&mut rng, L1, "consequence", consequence);
        if rng.percent(75) {
            let scope = rng.pick(COMMITMENT_SCOPES).replace("{name}", base.stem);
            doc.markdown(&mut rng, L1, "scope", &scope);
        }
    }
    let mut situations: Vec<&str> = Vec::new();
    for material in &materials {
        if !material.def.case.is_empty() && !situations.contains(&material.def.case) {
            situations.push(material.def.case);
        }
    }
    if !situations.is_empty() && rng.percent(35) {
        doc.open(L0, "situations");
        for situation in situations {
            doc.entry(L1, situation, Quote::Plain);
        }
    }

    // Procedure: the steps' limits share out the promised limit (`steps-exceed-promised`).
    doc.open(L0, "procedure");
    let optional: Vec<usize> = (0..STEPS.len())
        .filter(|&index| STEPS[index].optional && !(promised == 0 && STEPS[index].step == "公示"))
        .collect();
    // Four to eight steps: the four mandatory ones and mostly up to two more.
    let optional_steps = if rng.percent(15) {
        rng.range(3, 4)
    } else {
        rng.range(0, 2)
    };
    let mut chosen: Vec<usize> = (0..STEPS.len())
        .filter(|&index| !STEPS[index].optional)
        .collect();
    chosen.extend(
        rng.sample(optional.len(), optional_steps)
            .into_iter()
            .map(|index| optional[index]),
    );
    chosen.sort_unstable();
    let mut unshared = promised;
    for index in chosen {
        let step = &STEPS[index];
        doc.text(D1, "step", step.step, Quote::Plain);
        let actor = rng.pick(step.actors);
        doc.text(L2, "actor", actor, Quote::Plain);
        match step.step {
            "申请" | "归档" => {}
            "受理" => doc.span(L2, "time_limit", work_days(0)),
            // In 自然日: not added to a promise in 工作日.
            "公示" => doc.span(
                L2,
                "time_limit",
                Span {
                    value: 5,
                    unit: Unit::CalendarDay,
                },
            ),
            _ => {
                let days = rng.range(0, unshared.min(3));
                unshared -= days;
                doc.span(L2, "time_limit", work_days(days));
            }
        }
        if rng.percent(55) {
            let description = rng.pick(step.descriptions);
            let quote = Quote::random(&mut rng);
            doc.text(L2, "description", description, quote);
        }
    }

    // Quantity limit (行政许可法第三十条) and time limits.
    if licence {
        let limits = quantity_limits(domain);
        let limit = if limits.is_empty() || rng.percent(70) {
            "无数量限制"
        } else {
            rng.pick(limits)
        };
        doc.text(L0, "quantity_limit", limit, Quote::Plain);
    }
    doc.open(L0, "time_limit");
    let statutory_basis = if disclosure {
        Some(corpus.reference(pinned("zhengfu-xinxi-gongkai", 33)))
    } else if licence && statutory == 20 && rng.percent(85) {
        Some(corpus.reference(pinned("xingzheng-xuke-fa", 42)))
    } else if licence || rng.percent(30) {
        Some(corpus.cite(&mut rng, domain))
    } else {
        None
    };
    match &statutory_basis {
        None => doc.span(L1, "statutory", work_days(statutory)),
        Some(reference) if rng.percent(50) => {
            doc.open(L1, "statutory");
            doc.raw(L2, "value", statutory);
            doc.raw(L2, "unit", Unit::WorkDay.name());
            doc.law_ref(&mut rng, L2, "basis", reference, &corpus.laws);
        }
        Some(reference) => doc.raw(
            L1,
            "statutory",
            format_args!(
                "{{value: {statutory}, unit: {}, basis: {{law: {}, article: {}}}}}",
                Unit::WorkDay.name(),
                corpus.laws[reference.law].id,
                reference.article_key()
            ),
        ),
    }
    doc.span(L1, "promised", work_days(promised));
    if rng.percent(25) {
        doc.open(L1, "excluded");
        let excluded = [
            ("现场核查", 10),
            ("检验检测", 20),
            ("专家评审", 15),
            ("听证", 20),
            ("公示", 7),
        ];
        for index in rng.sample_between(excluded.len(), 1, 2) {
            let (name, days) = excluded[index];
            doc.text(D2, "name", name, Quote::Plain);
            let unit = if name == "公示" {
                Unit::CalendarDay
            } else {
                Unit::WorkDay
            };
            doc.span(L3, "time_limit", Span { value: days, unit });
            // Always cited: `excluded-without-basis` warns otherwise.
            let reference = if licence && rng.percent(50) {
                corpus.reference(pinned("xingzheng-xuke-fa", 45))
            } else {
                corpus.cite(&mut rng, domain)
            };
            doc.law_ref(&mut rng, L3, "basis", &reference, &corpus.laws);
        }
    }
    let extension = if disclosure {
        Some((
            20,
            "政府信息公开工作机构负责人".to_string(),
            statutory_basis,
        ))
    } else if licence && rng.percent(40) {
        let approver = match implementer {
            Implementer::Entrusted(instrument) => format!("{}负责人", instrument.issuer),
            _ => "本局负责人".to_string(),
        };
        let basis = if statutory == 20 {
            corpus.reference(pinned("xingzheng-xuke-fa", 42))
        } else {
            corpus.cite(&mut rng, domain)
        };
        Some((statutory / 2, approver, Some(basis)))
    } else {
        None
    };
    if let Some((value, approver, Some(basis))) = extension {
        doc.open(L1, "extension");
        doc.raw(L2, "value", value);
        doc.raw(L2, "unit", Unit::WorkDay.name());
        doc.text(L2, "approver", &approver, Quote::Plain);
        doc.law_ref(&mut rng, L2, "basis", &basis, &corpus.laws);
    }

    // Fees, with who may be spared them.
    doc.open(L0, "fees");
    if fees.is_empty() {
        doc.raw(L1, "free", true);
    } else {
        doc.open(L1, "items");
        for fee in &fees {
            doc.text(D2, "name", fee.name, Quote::Plain);
            doc.text(L3, "amount", fee.amount, Quote::Double);
            let reference = corpus.cite(&mut rng, domain);
            doc.law_ref(&mut rng, L3, "basis", &reference, &corpus.laws);
        }
        if rng.percent(50) {
            let reference = corpus.cite(&mut rng, domain);
            let waiver = format!(
                "{}，免收{}（依据《{}》{}）。",
                rng.pick(WAIVER_CASES),
                fees[0].name,
                corpus.laws[reference.law].title,
                reference.article_key()
            );
            doc.markdown(&mut rng, L1, "waiver", &waiver);
        }
    }

    // Intermediary services: one for each material an intermediary issues.
    let agency: Vec<&MaterialDef> = materials
        .iter()
        .filter(|material| material.def.source == Source::Agency)
        .map(|material| material.def)
        .collect();
    if !agency.is_empty() {
        doc.open(L0, "intermediary");
        for def in agency {
            let service = intermediary_service(def.name).ok_or_else(|| {
                format!(
                    "generator bug: material `{}` is issued by an intermediary but names no service",
                    def.name
                )
            })?;
            doc.text(D1, "name", service, Quote::Plain);
            if rng.percent(85) {
                let provider = format!("{}，由申请人自主选择", def.issuer);
                doc.text(L2, "provider", &provider, Quote::Plain);
            }
            if rng.percent(85) {
                let fee = rng.pick(INTERMEDIARY_FEES);
                doc.text(L2, "fee", fee, Quote::Plain);
            }
            if rng.percent(50) {
                let reference = corpus.cite(&mut rng, domain);
                doc.law_ref(&mut rng, L2, "basis", &reference, &corpus.laws);
            }
        }
    }

    // Result, with its specimen and term.
    doc.open(L0, "result");
    doc.text(L1, "name", base.result, Quote::Plain);
    doc.text(L1, "type", base.result_type, Quote::Plain);
    doc.open(L1, "delivery");
    let deliveries = ["窗口领取", "免费邮寄", "电子送达"];
    let mut delivery = rng.sample_between(deliveries.len(), 1, 3);
    delivery.sort_unstable();
    for index in delivery {
        doc.entry(L2, deliveries[index], Quote::Plain);
    }
    let with_sample = match base.result_type {
        "证照" => rng.percent(50),
        "批文" => rng.percent(20),
        _ => false,
    };
    if with_sample {
        let path = format!("files/samples/{}-jieguo-yangben.pdf", base.slug);
        doc.raw(L1, "sample", &path["files/".len()..]);
        forms.insert(FormFile {
            path,
            title: format!("{}（样本）", base.result),
        });
    }
    if let Some(validity) = result_validity(base.result)
        && rng.percent(70)
    {
        doc.text(L1, "validity", validity, Quote::Plain);
    }

    // Visits and channels.
    doc.raw(L0, "visits", visits);
    if visits > 0 {
        let reason = rng.pick(VISIT_REASONS);
        doc.text(L0, "visits_reason", reason, Quote::Plain);
    }
    doc.open(L0, "online");
    doc.raw(L1, "available", online);
    if online {
        doc.text(L1, "url", &format!("{PORTAL}/items/{code}/"), Quote::Plain);
    } else {
        let reason = rng.pick(OFFLINE_REASONS);
        doc.text(L1, "reason", reason, Quote::Plain);
    }
    if rng.percent(25) {
        doc.open(L0, "place");
        let address = format!(
            "{HALL}{}楼 {} 区 {} 号窗口",
            rng.pick(&["一", "二", "三"]),
            rng.pick(&["A", "B", "C"]),
            rng.range(1, 40)
        );
        doc.text(L1, "address", &address, Quote::Plain);
        if rng.percent(50) {
            doc.text(
                L1,
                "hours",
                "周一至周六上午 8:30—12:00，下午 14:00—17:30（法定节假日除外）",
                Quote::Plain,
            );
        }
        doc.text(L1, "phone", &phone, Quote::Plain);
    }
    doc.open(L0, "handlers");
    let posts = ["窗口受理岗", "业务审查岗", "综合服务岗", "负责人岗"];
    let pair = rng.sample(posts.len(), 2);
    doc.text(
        L1,
        "primary",
        &format!("{}{}（A 角）", department.name, posts[pair[0]]),
        Quote::Plain,
    );
    doc.text(
        L1,
        "substitute",
        &format!("{}{}（B 角）", department.name, posts[pair[1]]),
        Quote::Plain,
    );
    doc.open(L0, "appointment");
    doc.open(L1, "channels");
    doc.entry(L2, &format!("电话预约：{phone}"), Quote::Plain);
    if rng.percent(60) {
        doc.entry(L2, &format!("现场预约：{HALL}一楼预约登记台"), Quote::Plain);
    }
    if rng.percent(50) {
        doc.entry(L2, &format!("网上预约：{PORTAL}/yuyue/"), Quote::Plain);
    }
    let reply = if rng.percent(30) {
        Span {
            value: *rng.pick(&[2, 4]),
            unit: Unit::Hour,
        }
    } else {
        work_days(1)
    };
    doc.span(L1, "reply_within", reply);

    // Refusals: on every item but most 公共服务, of both kinds.
    if base.kind != "公共服务" || rng.percent(60) {
        doc.open(L0, "refusals");
        let mut refusals: Vec<&Refusal> = Vec::new();
        if licence {
            refusals.extend(
                rng.sample(LICENCE_REFUSALS.len(), 2)
                    .into_iter()
                    .map(|index| &LICENCE_REFUSALS[index]),
            );
        }
        refusals.push(rng.pick(domain_refusals(domain)));
        refusals.extend(
            rng.sample(GENERAL_REFUSALS.len(), 2)
                .into_iter()
                .map(|index| &GENERAL_REFUSALS[index]),
        );
        refusals.truncate(rng.range(2, 4));
        for refusal in refusals {
            let quote = Quote::random(&mut rng);
            doc.text(D1, "case", refusal.case, quote);
            let reference = match refusal.kind {
                RefusalKind::NotAccepted if licence && rng.percent(40) => {
                    corpus.reference(pinned("xingzheng-xuke-fa", 32))
                }
                RefusalKind::NotGranted if licence && rng.percent(30) => {
                    corpus.reference(pinned("xingzheng-xuke-fa", 38))
                }
                _ => corpus.cite(&mut rng, domain),
            };
            doc.law_ref(&mut rng, L2, "basis", &reference, &corpus.laws);
            // 不予受理 is the default: often left unwritten.
            if refusal.kind == RefusalKind::NotGranted || rng.percent(60) {
                doc.text(L2, "kind", refusal.kind.name(), Quote::Plain);
            }
        }
    }

    // FAQ.
    let facts = Facts {
        name: &name,
        statutory,
        promised,
        visits,
        fees: &fees,
        phone: &phone,
        redress,
        entrusted_by: match implementer {
            Implementer::Entrusted(instrument) => Some(instrument.issuer),
            _ => None,
        },
    };
    doc.open(L0, "faq");
    // One to four entries, mostly one to three.
    let faq_count = if rng.percent(10) { 4 } else { rng.range(1, 3) };
    for index in rng.sample(FAQ_COUNT, faq_count) {
        let (question, answer) = faq_entry(index, &facts);
        doc.text(D1, "q", &question, Quote::Plain);
        doc.markdown(&mut rng, L2, "a", &answer);
    }

    // Tags and review date.
    doc.open(L0, "tags");
    for tag in base.tags {
        doc.entry(L1, tag, Quote::Plain);
    }
    if rng.percent(50) {
        let extra = rng.pick(EXTRA_TAGS);
        doc.entry(L1, extra, Quote::Plain);
    }
    let updated = Date::between(&mut rng, Date::new(2026, 1, 1), Date::new(2026, 11, 28));
    doc.raw(L0, "updated", updated);
    Ok(doc.text)
}

#[allow(clippy::too_many_arguments)]
fn summary_text(
    rng: &mut Rng,
    base: &Base,
    name: &str,
    department: &Department,
    implementer: Implementer,
    statutory: usize,
    promised: usize,
    online: bool,
) -> String {
    let audience = base.audience.join("、");
    let mut text = format!(
        "本事项由{AUTHORITY}{}负责办理，面向{audience}，办理结果为{}。",
        department.name, base.result
    );
    match implementer {
        Implementer::Entrusted(instrument) => write!(
            text,
            "{issuer}依法委托本局实施本事项，本局以{issuer}的名义作出决定；对决定不服的，向{}申请行政复议。",
            instrument.review,
            issuer = instrument.issuer,
        )
        .unwrap(),
        Implementer::Authorised => write!(
            text,
            "{}是法律、法规授权的组织，以自己的名义实施本事项并承担相应的法律责任。",
            department.name
        )
        .unwrap(),
        Implementer::Own { .. } => {}
    }
    match base.kind {
        KIND_LICENCE => write!(
            text,
            "申请人取得{}后方可从事相应活动，未经许可不得擅自开展。",
            base.result
        )
        .unwrap(),
        "行政备案" => {
            text.push_str("备案不作实质审查，备案信息通过国家企业信用信息公示系统向社会公示。")
        }
        "行政给付" | "行政奖励" => {
            text.push_str("资金按照年度预算安排，经公示无异议后拨付至申请人银行账户。")
        }
        "行政裁决" => {
            text.push_str("本局依法居中裁决当事人之间与行政管理活动密切相关的民事纠纷。")
        }
        _ => write!(text, "办理{name}不设前置条件，按照先来后到的顺序受理。").unwrap(),
    }
    if online {
        text.push_str(
            "本事项已接入[示例县政务服务网](https://zwfw.example.gov.cn/)，可**全程网办**。",
        );
    } else {
        text.push_str("本事项须到窗口办理，办理前可通过电话预约，减少排队时间。");
    }
    if promised == 0 {
        text.push_str("材料齐全、符合法定形式的，**当场办结**。");
    } else if promised < statutory {
        write!(
            text,
            "法定办理时限为 {statutory} 个工作日，本局承诺 **{promised} 个工作日**内办结，压缩 {}%。",
            (statutory - promised) * 100 / statutory
        )
        .unwrap();
    } else {
        write!(text, "本局承诺在法定时限 {statutory} 个工作日内办结。").unwrap();
    }
    if rng.percent(50) {
        text.push_str("申请人对办理过程有意见的，可以向本局监察室反映。");
    }
    text
}

/// What FAQ answers state about their item.
struct Facts<'a> {
    name: &'a str,
    statutory: usize,
    promised: usize,
    visits: usize,
    fees: &'a [&'a Fee],
    phone: &'a str,
    redress: Redress,
    /// The entrusting body, in whose name decisions are made.
    entrusted_by: Option<&'static str>,
}

const FAQ_COUNT: usize = 7;

fn faq_entry(index: usize, facts: &Facts<'_>) -> (String, String) {
    let name = facts.name;
    match index {
        0 => (
            format!("办理{name}需要本人到现场吗？"),
            if facts.visits == 0 {
                "不需要。本事项实行**零跑腿**，申请材料可在网上提交，结果可选择邮寄或者电子送达。".to_string()
            } else {
                "需要到现场一次，其余环节均可在网上完成。到现场前请按照本指南备齐申请材料，窗口一次性办结。".to_string()
            },
        ),
        1 => (
            format!("{name}多长时间能办好？"),
            if facts.promised == 0 {
                format!("材料齐全、符合法定形式的当场办结；法定办理时限为 {} 个工作日。", facts.statutory)
            } else {
                format!(
                    "法定办理时限为 {} 个工作日，本局承诺 {} 个工作日内办结。需要现场核查、检验检测或者专家评审的，所需时间不计入办理时限。",
                    facts.statutory, facts.promised
                )
            },
        ),
        2 => (
            "委托他人代为办理需要带什么？".to_string(),
            "请代理人携带以下材料：\n\n1. 经办人身份证件原件；\n2. 由申请人签字或者盖章的授权委托书；\n3. 本指南列明的全部申请材料。".to_string(),
        ),
        3 => (
            "办理本事项收费吗？".to_string(),
            if facts.fees.is_empty() {
                "不收费。本局不以任何名义收取费用，如遇乱收费请拨打监察室电话投诉。".to_string()
            } else {
                let mut answer = "按照规定收取以下费用：\n".to_string();
                for fee in facts.fees {
                    write!(answer, "\n- {}：{}", fee.name, fee.amount).unwrap();
                }
                answer.push_str("\n\n收费依据见本页收费标准。");
                answer
            },
        ),
        4 => (
            "如何查询办理进度？".to_string(),
            format!(
                "登录[示例县政务服务网](https://zwfw.example.gov.cn/)，在“我的办件”中查询；也可拨打 {} 咨询。",
                facts.phone
            ),
        ),
        5 => {
            let Redress {
                review,
                litigation,
                review_first,
                ..
            } = facts.redress;
            let mut answer = match facts.entrusted_by {
                Some(body) => format!("本事项以{body}的名义作出决定。"),
                None => String::new(),
            };
            if review_first {
                write!(
                    answer,
                    "应当先自知道该行政行为之日起六十日内向{review}申请行政复议；对复议决定不服的，可以自收到复议决定书之日起十五日内向{litigation}提起行政诉讼。"
                )
                .unwrap();
            } else {
                write!(
                    answer,
                    "可以自知道该行政行为之日起六十日内向{review}申请行政复议，或者自知道之日起六个月内向{litigation}提起行政诉讼。"
                )
                .unwrap();
            }
            ("对办理结果不服怎么办？".to_string(), answer)
        }
        _ => (
            "申请材料可以用复印件吗？".to_string(),
            "本指南标明需要原件的，须提交原件；标明复印件的，复印件须注明“与原件一致”并签字或者盖章。标明“免提交”的材料由窗口通过部门共享或者电子证照获取，不必携带。".to_string(),
        ),
    }
}

/// A material as listed on one item.
struct ChosenMaterial {
    def: &'static MaterialDef,
    /// Set on the item's own application form, whose name and files come from its kind.
    own_form: Option<OwnForm>,
    exempt: Option<Exempt>,
}

impl ChosenMaterial {
    fn name(&self) -> &'static str {
        match &self.own_form {
            Some(own_form) => own_form.name,
            None => self.def.name,
        }
    }
}

struct OwnForm {
    name: &'static str,
    /// Stem of the blank form, shared by all variants of the kind.
    blank: &'static str,
    /// Stem of the filled sample, one per variant.
    sample: String,
}

fn choose_materials(
    rng: &mut Rng,
    base: &'static Base,
    domain: Domain,
    variant: Option<(&str, &str)>,
) -> Vec<ChosenMaterial> {
    static APPLICATION: MaterialDef = own("", "");
    // Mostly 5 to 9 materials, a fifth of the items up to 15.
    let target = if rng.percent(80) {
        rng.range(5, 9)
    } else {
        rng.range(11, 15)
    };
    let sample = match variant {
        Some((_, slug)) => format!("{}-{slug}", base.slug),
        None => base.slug.to_string(),
    };
    let mut chosen = vec![ChosenMaterial {
        def: &APPLICATION,
        own_form: Some(OwnForm {
            name: base.form,
            blank: base.slug,
            sample,
        }),
        exempt: None,
    }];
    let identity: &'static MaterialDef = if base.audience == [PERSON] {
        &IDENTITY_PERSON
    } else {
        &IDENTITY_COMPANY
    };
    let mandatory: Vec<&'static MaterialDef> = vec![identity, &AGENT_IDENTITY, &AGENT_LETTER];
    let mut optional: Vec<&'static MaterialDef> = domain_materials(domain).iter().collect();
    optional.push(&CREDIT_PLEDGE);
    if base.kind == KIND_LICENCE && variant.is_some() {
        optional.push(&OLD_LICENCE);
    }
    if domain != Domain::Registration {
        optional.push(&LICENCE_COPY);
    }
    if matches!(
        domain,
        Domain::FoodBusiness | Domain::FoodProduction | Domain::Drug | Domain::Advertising
    ) {
        optional.extend([&PREMISES, &PROPERTY_DEED, &LEASE]);
    }
    let room = target.saturating_sub(1 + mandatory.len());
    let mut picked: Vec<usize> = rng.sample(optional.len(), room);
    picked.sort_unstable();
    // Mandatory materials first (identity, agent), then the item's own in table order.
    let (first, rest) = mandatory.split_at(1);
    let entry = |def| ChosenMaterial {
        def,
        own_form: None,
        exempt: None,
    };
    chosen.push(entry(first[0]));
    for index in picked {
        chosen.push(entry(optional[index]));
    }
    for def in rest {
        chosen.push(entry(def));
    }
    chosen
}

/// Whether a material is the visitor's own identity document, which only an electronic licence
/// on a fully online application replaces.
fn is_identity(def: &MaterialDef) -> bool {
    [
        IDENTITY_PERSON.name,
        IDENTITY_COMPANY.name,
        AGENT_IDENTITY.name,
    ]
    .contains(&def.name)
}

/// The exemption of a material by data sharing, electronic licence or declaration, if any.
fn shared_exemption(rng: &mut Rng, def: &MaterialDef) -> Option<Exempt> {
    match def.name {
        "营业执照" => match rng.below(10) {
            0..=3 => Some(Exempt {
                by: SHARED,
                when: Some("在本县登记的"),
            }),
            4..=6 => Some(Exempt {
                by: E_LICENCE,
                when: None,
            }),
            _ => None,
        },
        "住所使用证明" | "经营场所使用证明" => rng.percent(40).then_some(Exempt {
            by: DECLARATION,
            when: Some("住所（经营场所）位于本县实行申报承诺制的区域内的"),
        }),
        _ if is_identity(def) => rng.percent(15).then_some(Exempt {
            by: E_LICENCE,
            when: Some("通过政务服务网在线办理并完成实名认证的"),
        }),
        // The originals of a licence are handed back, never shared.
        name if def.source == Source::Government && !name.contains("正本") && rng.percent(25) => {
            Some(*rng.pick(&[
                Exempt {
                    by: SHARED,
                    when: Some("由本县部门核发的"),
                },
                Exempt {
                    by: SHARED,
                    when: None,
                },
                Exempt {
                    by: E_LICENCE,
                    when: None,
                },
                Exempt {
                    by: E_LICENCE,
                    when: Some("已领取电子证照的"),
                },
            ]))
        }
        _ => None,
    }
}

/// Marks one or two of the applicant's own documents as replaced by a commitment (告知承诺);
/// false when the item has none that a commitment could replace.
fn commitment_exemptions(rng: &mut Rng, materials: &mut [ChosenMaterial]) -> bool {
    let candidates: Vec<usize> = (0..materials.len())
        .filter(|&index| {
            let material = &materials[index];
            material.own_form.is_none()
                && material.exempt.is_none()
                && material.def.source == Source::Own
                && material.def.case.is_empty()
                && material.def.form.is_empty()
                && !is_form_like(material.def.name)
        })
        .collect();
    if candidates.is_empty() {
        return false;
    }
    let count = rng.range(1, candidates.len().min(2));
    for index in rng.sample(candidates.len(), count) {
        materials[candidates[index]].exempt = Some(Exempt {
            by: COMMITMENT,
            when: Some(*rng.pick(COMMITMENT_CASES)),
        });
    }
    true
}

/// What `check` would report about an item's list of materials, as a generator bug: two
/// materials that are the same for `duplicate-material`, a form-like name without a form.
fn check_materials(item: &str, materials: &[ChosenMaterial]) -> Result<(), String> {
    let mut identities: Vec<String> = Vec::new();
    for material in materials {
        let name = material.name();
        let identity = material_identity(name);
        if identities.contains(&identity) {
            return Err(format!(
                "generator bug: item `{item}` lists material `{name}` twice"
            ));
        }
        identities.push(identity);
        let has_form = material.own_form.is_some() || !material.def.form.is_empty();
        if is_form_like(name) && !has_form {
            return Err(format!(
                "generator bug: material `{name}` looks like a form but has none"
            ));
        }
    }
    Ok(())
}

/// What `check` would report about a note, as a generator bug: an exemption written in the note
/// of a material without `exempt`, or a further document asked for.
fn check_note(name: &str, note: &str, exempt: bool) -> Result<(), String> {
    let exemption = EXEMPTION_WORDS.iter().find(|word| note.contains(*word));
    let further = FURTHER_DOCUMENT_WORDS
        .iter()
        .find(|word| note.contains(*word));
    match (exemption, further) {
        (Some(word), _) if !exempt => Err(format!(
            "generator bug: the note of `{name}` exempts it with `{word}` but it has no `exempt`"
        )),
        (_, Some(word)) => Err(format!(
            "generator bug: the note of `{name}` asks for a further document with `{word}`"
        )),
        _ => Ok(()),
    }
}

fn write_material(
    doc: &mut Yaml,
    rng: &mut Rng,
    corpus: &Corpus,
    domain: Domain,
    material: &ChosenMaterial,
    forms: &mut BTreeSet<FormFile>,
) -> Result<(), String> {
    let def = material.def;
    let (name, form, sample) = match &material.own_form {
        Some(own_form) => (own_form.name, own_form.blank, own_form.sample.as_str()),
        None => (def.name, def.form, def.form),
    };
    let quote = Quote::random(rng);
    doc.text(D1, "name", name, quote);
    if def.case.is_empty() {
        doc.raw(L2, "required", true);
    } else {
        doc.text(L2, "required", def.case, Quote::Plain);
    }
    let exempt_always = material.exempt.is_some_and(|exempt| exempt.when.is_none());
    let (originals, copies) = if exempt_always && rng.percent(50) {
        // Exempt in every case: nothing to bring.
        (0, 0)
    } else if def.originals + def.copies == 0 {
        (1, 0)
    } else {
        (def.originals, def.copies)
    };
    doc.raw(L2, "originals", originals);
    doc.raw(L2, "copies", copies);
    let medium = if form.is_empty() && def.source != Source::Own {
        *rng.pick(&["纸质", "纸质或电子"])
    } else {
        *rng.pick(&["纸质", "电子", "纸质或电子", "纸质或电子"])
    };
    doc.text(L2, "medium", medium, Quote::Plain);
    if def.source == Source::Own && rng.percent(25) {
        doc.text(L2, "paper_size", "A4", Quote::Plain);
    }
    doc.text(L2, "source", def.source.name(), Quote::Plain);
    if def.source != Source::Own {
        doc.text(L2, "issuer", def.issuer, Quote::Plain);
    }
    if !form.is_empty() {
        let sample_path = format!("files/samples/{sample}.pdf");
        let sample_title = format!("{name}（填写样本）");
        let blank_path = format!("files/forms/{form}.pdf");
        doc.raw(L2, "blank_form", &blank_path["files/".len()..]);
        doc.raw(L2, "sample", &sample_path["files/".len()..]);
        forms.insert(FormFile {
            path: blank_path,
            title: name.to_string(),
        });
        forms.insert(FormFile {
            path: sample_path,
            title: sample_title,
        });
    }
    let note = if originals + copies == 0 {
        // Nothing to bring: no advice on how to bring it.
        None
    } else if material.own_form.is_some() && rng.percent(60) {
        Some(*rng.pick(FORM_NOTES))
    } else if !def.note.is_empty() && rng.percent(70) {
        Some(def.note)
    } else if rng.percent(25) {
        Some(*rng.pick(GENERAL_NOTES))
    } else {
        None
    };
    if let Some(note) = note {
        check_note(name, note, material.exempt.is_some())?;
        doc.markdown(rng, L2, "note", note);
    }
    if let Some(exempt) = material.exempt {
        if rng.percent(50) {
            doc.open(L2, "exempt");
            doc.text(L3, "by", exempt.by, Quote::Plain);
            if let Some(when) = exempt.when {
                doc.text(L3, "when", when, Quote::Plain);
            }
        } else {
            doc.text.push_str(L2);
            doc.text.push_str("exempt: {by: ");
            doc.scalar(exempt.by, Quote::Plain);
            if let Some(when) = exempt.when {
                doc.text.push_str(", when: ");
                doc.scalar(when, Quote::Plain);
            }
            doc.text.push_str("}\n");
        }
    }
    if rng.percent(15) {
        let reference = corpus.cite(rng, domain);
        doc.law_ref(rng, L2, "basis", &reference, &corpus.laws);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Pages

struct Page {
    slug: &'static str,
    title: &'static str,
    order: usize,
    menu: bool,
    body: &'static str,
}

const PAGES: &[Page] = &[
    Page {
        slug: "about",
        title: "关于本指南",
        order: 1,
        menu: true,
        body: "本指南由{authority}编制，收录本局实施的全部政务服务事项，逐项列明办理依据、受理条件、申请材料、办理流程、办理时限、收费标准和咨询投诉渠道。\n\n## 使用方法\n\n1. 按部门或者按主题找到要办理的事项；\n2. 对照“申请材料”逐项准备，表格可在线下载空白表和填写样本；\n3. 通过网上办理入口提交申请，或者到窗口办理。\n\n## 更新\n\n事项信息每年至少复核一次，每个事项页面标明最近一次复核的日期。发现内容与实际办理不一致的，请拨打 {phone} 告诉我们。",
    },
    Page {
        slug: "shouwen-fuze",
        title: "首问负责制",
        order: 2,
        menu: true,
        body: "首问责任人是指在本局第一个接待来电、来访、来信的工作人员。\n\n## 首问责任人的责任\n\n- 属于本人职责范围的，在规定时限内办理，或者一次性告知办事程序和要求；\n- 属于本部门职责范围但经办人员不在岗的，填写办事登记表，转交经办人员，并告知办事人联系电话；\n- 属于本局其他部门职责的，告知办事人承办部门和联系电话；\n- 不属于本局职责的，耐心解释，并告知办事人可以咨询的单位。\n\n首问责任人不得推诿、敷衍。办事人遇到推诿的，可以拨打效能投诉电话 {complaint}。",
    },
    Page {
        slug: "yici-gaozhi",
        title: "一次性告知制",
        order: 3,
        menu: true,
        body: "工作人员对前来办事的群众，一次性告知所办事项需要的申请材料、办理程序和办结时限。\n\n申请材料不齐全或者不符合法定形式的，窗口当场出具**一次性告知书**，列明需要补正的全部内容，不得让办事人多次往返。\n\n依法不能办理的，书面告知不能办理的原因和法律依据。",
    },
    Page {
        slug: "tonggang-tidai",
        title: "同岗替代制",
        order: 4,
        menu: true,
        body: "每个办事岗位都设 A 角和 B 角。A 角因公出差、休假或者其他原因不在岗位时，由 B 角代为办理，保证办事人不因工作人员不在而办不成事。\n\n每个事项页面的“经办岗位”一栏列明该事项的 A 角和 B 角岗位。",
    },
    Page {
        slug: "banshi-yuyue",
        title: "办事预约制",
        order: 5,
        menu: true,
        body: "办事人可以通过电话、现场登记或者网上预约的方式，与经办人员约定办事时间。\n\n- 经办人员收到预约后，能直接办理的当即办理；\n- 不能当即办理的，在每个事项页面标明的答复时限内联系预约人；\n- 预约可在工作时间以外办理，包括午休和节假日。\n\n网上预约入口：[示例县政务服务网](https://zwfw.example.gov.cn/yuyue/)。",
    },
    Page {
        slug: "tousu",
        title: "投诉与监督",
        order: 6,
        menu: true,
        body: "对本局工作人员在办事过程中推诿扯皮、故意刁难、超时办理或者违规收费的，可以通过以下渠道投诉：\n\n- 效能投诉电话：{complaint}\n- 来信来访：{authority}监察室（局机关三楼 305 室）\n- 网上投诉：[投诉入口](https://scjg.example.gov.cn/tousu/)\n\n监察室收到投诉后五个工作日内告知受理情况，办结后书面答复投诉人。",
    },
    Page {
        slug: "xiaoneng-jianshe",
        title: "效能建设制度",
        order: 7,
        menu: false,
        body: "本局实行首问负责、一次性告知、同岗替代、办事预约、服务承诺和效能问责制度。\n\n## 效能告诫\n\n违反上述制度、情节较轻的，给予口头告诫；受到投诉并查证属实、造成不良影响的，给予书面告诫。一年内受到两次告诫的，取消当年评先资格。\n\n## 被诉待岗\n\n工作人员因服务态度、办事效率问题一个月内被投诉三次以上并查证属实的，待岗学习十五天，考核合格后重新上岗。",
    },
    Page {
        slug: "privacy",
        title: "个人信息保护说明",
        order: 8,
        menu: false,
        body: "本站不收集访问者的个人信息，不使用跟踪脚本。\n\n通过政务服务网提交的申请信息，仅用于办理申请事项，依照《中华人民共和国个人信息保护法》保护。",
    },
    Page {
        slug: "accessibility",
        title: "无障碍服务",
        order: 9,
        menu: false,
        body: "行政服务中心一楼设无障碍通道和爱心窗口，为老年人、残疾人和孕妇提供优先办理和帮办代办服务。\n\n需要上门服务的，请提前拨打 {phone} 预约。",
    },
];

fn page_markdown(page: &Page) -> String {
    let body = page
        .body
        .replace("{authority}", AUTHORITY)
        .replace("{phone}", SITE_PHONE)
        .replace("{complaint}", COMPLAINT_PHONE);
    format!(
        "---\ntitle: {}\norder: {}\nmenu: {}\n---\n\n{body}\n",
        page.title, page.order, page.menu
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_follow_article_spelling() {
        let cases = [
            (1, "一"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (105, "一百零五"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (120, "一百二十"),
            (1000, "一千"),
            (1005, "一千零五"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (2024, "二千零二十四"),
        ];
        for (number, expected) in cases {
            assert_eq!(chinese_numeral(number), expected, "{number}");
        }
        assert_eq!(article_key(30), "第三十条");
    }

    #[test]
    fn dates_round_trip() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2026-01-01",
            "2026-11-28",
            "2100-03-01",
        ] {
            assert_eq!(Date::parse(text).to_string(), text);
        }
        assert_eq!(Date::new(2026, 11, 28).0 - Date::new(2026, 1, 1).0, 331);
    }

    #[test]
    fn plain_scalars_are_only_used_when_safe() {
        assert!(plain_safe("营业执照"));
        assert!(plain_safe("0579-88882001"));
        assert!(!plain_safe("2026-01-01"));
        assert!(!plain_safe("0010"));
        assert!(!plain_safe("true"));
        assert!(!plain_safe("a: b"));
        assert!(!plain_safe("- x"));
    }

    #[test]
    fn tables_hold_no_forbidden_wording() {
        let mut texts: Vec<&str> = Vec::new();
        texts.extend(GENERAL_CONDITIONS);
        texts.extend(LICENCE_REFUSALS.iter().map(|refusal| refusal.case));
        texts.extend(GENERAL_REFUSALS.iter().map(|refusal| refusal.case));
        texts.extend(GENERAL_NOTES);
        texts.extend(FORM_NOTES);
        texts.extend(AUTHORITY_PREDICATES);
        texts.extend(OPERATOR_PREDICATES);
        texts.extend(ARTICLE_CLAUSES);
        texts.extend(VISIT_REASONS);
        texts.extend(OFFLINE_REASONS);
        for (index, domain) in DOMAINS.into_iter().enumerate() {
            assert_eq!(domain as usize, index, "DOMAINS follows the enum");
            texts.extend(domain_conditions(domain));
            texts.extend(domain_refusals(domain).iter().map(|refusal| refusal.case));
            texts.extend(domain_duties(domain));
            texts.extend(
                domain_materials(domain)
                    .iter()
                    .flat_map(|def| [def.name, def.note, def.case]),
            );
        }
        for step in STEPS {
            texts.extend(step.descriptions);
        }
        texts.extend(PINNED_ARTICLES.iter().map(|&(_, _, text)| text));
        for instrument in ENTRUSTING_INSTRUMENTS {
            texts.extend(instrument.articles);
        }
        for domain in DOMAINS {
            texts.extend(quantity_limits(domain));
        }
        texts.extend(COMMITMENT_CASES);
        texts.extend(COMMITMENT_VERIFICATIONS);
        texts.extend(COMMITMENT_CONSEQUENCES);
        texts.extend(COMMITMENT_SCOPES);
        texts.extend(WAIVER_CASES);
        texts.extend(INTERMEDIARY_FEES);
        for text in texts {
            for phrase in forbidden_phrases() {
                assert!(!text.contains(phrase), "`{text}` contains `{phrase}`");
            }
        }
    }

    /// Every material of the tables, the shared ones included.
    fn all_material_defs() -> Vec<&'static MaterialDef> {
        let mut defs: Vec<&'static MaterialDef> = vec![
            &IDENTITY_COMPANY,
            &IDENTITY_PERSON,
            &AGENT_IDENTITY,
            &AGENT_LETTER,
            &CREDIT_PLEDGE,
            &LICENCE_COPY,
            &PREMISES,
            &PROPERTY_DEED,
            &LEASE,
            &OLD_LICENCE,
        ];
        for domain in DOMAINS {
            defs.extend(domain_materials(domain));
        }
        defs
    }

    #[test]
    fn table_notes_neither_exempt_nor_ask_for_more() {
        let notes = all_material_defs()
            .into_iter()
            .map(|def| (def.name, def.note))
            .chain(GENERAL_NOTES.iter().map(|note| ("GENERAL_NOTES", *note)))
            .chain(FORM_NOTES.iter().map(|note| ("FORM_NOTES", *note)));
        for (name, note) in notes {
            assert_eq!(check_note(name, note, false), Ok(()), "{name}");
        }
    }

    #[test]
    fn hidden_exemptions_and_further_documents_are_generator_bugs() {
        let hidden = "已实现电子证照共享的，可免予提交。";
        assert!(check_note("营业执照", hidden, false).is_err());
        assert_eq!(check_note("营业执照", hidden, true), Ok(()));
        let further = "按单位办理的，另附《设备基本信息汇总表》。";
        assert!(check_note("特种设备使用登记表", further, false).is_err());
        assert!(check_note("特种设备使用登记表", further, true).is_err());
    }

    #[test]
    fn table_materials_have_their_forms_and_services() {
        for def in all_material_defs() {
            if is_form_like(def.name) {
                assert!(!def.form.is_empty(), "`{}` looks like a form", def.name);
            }
            if def.source == Source::Agency {
                assert!(
                    intermediary_service(def.name).is_some(),
                    "`{}` is issued by an intermediary",
                    def.name
                );
            }
            if def.source != Source::Own {
                assert!(!def.issuer.is_empty(), "`{}` needs an issuer", def.name);
            }
        }
        assert!(is_form_like("授权委托书"));
        assert!(is_form_like("设备基本信息汇总表"));
        assert!(!is_form_like("专项资金使用情况表"));
    }

    #[test]
    fn duplicate_materials_fold_as_check_does() {
        assert_eq!(material_identity("营业执照副本复印件"), "营业执照");
        assert_eq!(material_identity("营业执照 原件"), "营业执照");
        assert_eq!(material_identity("原许可证正本和副本"), "原许可证正本和");
        assert_eq!(material_identity("副本"), "副本");
        let twice = |second: &'static MaterialDef| {
            let entry = |def| ChosenMaterial {
                def,
                own_form: None,
                exempt: None,
            };
            check_materials("x", &[entry(&LICENCE_COPY), entry(second)])
        };
        static COPY: MaterialDef = material(
            "营业执照副本复印件",
            Source::Government,
            MARKET_REGULATOR,
            0,
            1,
        );
        assert!(twice(&COPY).is_err());
        assert_eq!(twice(&PREMISES), Ok(()));
    }

    /// The value of `key: {value: N, unit: 工作日}` on `line`, if that is what it holds.
    fn work_days_of(line: &str, key: &str) -> Option<usize> {
        let rest = line.trim_start().strip_prefix(key)?;
        let rest = rest.strip_prefix(": {value: ")?;
        let (value, unit) = rest.split_once(", unit: ")?;
        (unit == "工作日}").then(|| value.parse().expect("a number"))
    }

    #[test]
    fn generated_items_keep_the_version_two_rules() {
        let corpus = Corpus::new(7, make_laws(7));
        let mut forms = BTreeSet::new();
        let (mut commitments, mut situations, mut intermediaries) = (0, 0, 0);
        for number in 1..=600 {
            let item = ItemPlan {
                number,
                department: number % DEPARTMENTS.len(),
                id: format!("sx-{number:06}"),
            };
            let text = item_yaml(&corpus, &item, &mut forms).expect("no generator bug");
            for phrase in forbidden_phrases() {
                assert!(!text.contains(phrase), "item {number} contains `{phrase}`");
            }
            let lines: Vec<&str> = text.lines().collect();
            let top = |key: &str| lines.iter().position(|line| line.starts_with(key));
            // The steps' limits add up to no more than the promise.
            let steps_end = top("quantity_limit:").or(top("time_limit:")).unwrap();
            let steps: usize = lines[top("procedure:").unwrap()..steps_end]
                .iter()
                .filter_map(|line| work_days_of(line, "time_limit"))
                .sum();
            let promised = lines
                .iter()
                .find_map(|line| work_days_of(line, "promised"))
                .unwrap();
            assert!(steps <= promised, "item {number}: {steps} > {promised}");
            // Declared situations hold every text `required`.
            if let Some(start) = top("situations:") {
                situations += 1;
                let declared: Vec<&str> = lines[start + 1..]
                    .iter()
                    .map_while(|line| line.strip_prefix("  - "))
                    .collect();
                for line in &lines {
                    if let Some(case) = line.strip_prefix("    required: ")
                        && case != "true"
                    {
                        assert!(declared.contains(&case), "item {number}: `{case}`");
                    }
                }
            }
            // Intermediaries and commitments are declared where materials need them.
            if text.contains("source: 中介机构出具") {
                intermediaries += 1;
                assert!(top("intermediary:").is_some(), "item {number}");
            }
            if text.contains("by: 告知承诺") {
                commitments += 1;
                assert!(top("commitment:").is_some(), "item {number}");
            }
            if text.contains("type: 行政许可") {
                assert!(top("quantity_limit:").is_some(), "item {number}");
            }
            if text.contains("nature: 受委托组织") {
                assert!(top("redress:").is_some(), "item {number}");
                assert!(text.contains("  entrustment_basis:"), "item {number}");
            }
        }
        // The version-2 keys are there at all.
        assert!(commitments > 10 && situations > 50 && intermediaries > 50);
    }
}
