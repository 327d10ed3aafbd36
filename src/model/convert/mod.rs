//! Stage 2, model: YAML node trees to model values, one file at a time, reporting
//! `missing-field`, `unknown-field`, `invalid-value` (and duplicate keys as `yaml-syntax`) as it
//! goes.
//!
//! [`reader`] is the generic part: it reads any map of the format table ([`format`]), its keys
//! named only through the table's `&'static Key`s, and says what is wrong at the node's place.
//! The converters, one per kind of file, build the model from it: [`site()`] (site.yaml),
//! [`department()`], [`law()`], [`item()`] and [`page()`] (a free page's front matter);
//! [`values`] holds the value checks shared with the command line (dates, URLs).
//!
//! Keys that a dedicated `check` rule is about (see the content format: `appointment`,
//! `handlers.substitute`, `phone` of a department, `fees`, `refusals`, `issuer`, `blank_form`...)
//! are read as optional here (the format table's `Dedicated` and `Conditional` needs), so that
//! one missing key gives exactly one diagnostic.

mod department;
mod item;
mod law;
mod page;
pub mod reader;
mod site;
pub mod values;

pub use department::department;
pub use item::item;
pub use law::law;
pub use page::page;
pub use reader::{Fields, Reader};
pub use site::site;
pub use values::{is_absolute_http_url, is_safe_base_url, parse_date};
