//! zhinan (指南): a static-site generator and linter for a government body's published service
//! guide (办事指南). See docs/ARCHITECTURE.md for the stages and their invariants.
//!
//! Stages, one module each: [`load`] (walk, read, parse with positions) -> [`model`] (typed,
//! resolved) -> [`check`] (rules) -> [`render`] (templates to pages) -> [`write`](mod@write) (minify, stage,
//! swap). [`site`] runs the first three for every command; [`cli`] holds the commands and is the only
//! place that decides exit codes; the stages take plain settings and return results.

pub mod check;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod fs;
#[cfg(feature = "history")]
pub mod git;
#[cfg(feature = "history")]
pub mod history;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod rules;
pub mod serve;
pub mod site;
pub mod theme;
pub mod write;
