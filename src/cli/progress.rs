//! Progress of a long build on stderr: when a build's rendering runs longer than a second and
//! stderr is a terminal, one line (`loaded and checked 10000 items, rendering the pages… 3 s`)
//! is kept up to date every half second and cleared when the build ends. `-v` prints the line
//! once at the start, terminal or not; `-q` prints nothing.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::messages::{self as m, say};
use crate::diagnostics::Language;

/// How long a build renders in silence before the progress line appears.
const QUIET_PERIOD: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(500);

pub struct Progress {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    pub fn start(language: Language, items: usize) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let line = say(
            &m::PROGRESS_LOADED,
            language,
            &[("items", items.to_string())],
        );
        if super::quiet() {
            return Progress { done, thread: None };
        }
        if super::verbose() {
            eprintln!("{line}");
            return Progress { done, thread: None };
        }
        if !std::io::stderr().is_terminal() {
            return Progress { done, thread: None };
        }
        let flag = Arc::clone(&done);
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut shown = false;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(TICK);
                if flag.load(Ordering::Relaxed) {
                    break;
                }
                if started.elapsed() >= QUIET_PERIOD {
                    let mut stderr = std::io::stderr().lock();
                    let _ = write!(stderr, "\r{line} {} s", started.elapsed().as_secs());
                    let _ = stderr.flush();
                    shown = true;
                }
            }
            if shown {
                // Clear the line for what follows.
                let mut stderr = std::io::stderr().lock();
                let _ = write!(stderr, "\r\x1b[2K");
                let _ = stderr.flush();
            }
        });
        Progress {
            done,
            thread: Some(thread),
        }
    }

    /// Stops the line and clears it (waiting for that) before anything else is printed.
    pub fn finish(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
