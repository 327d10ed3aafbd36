//! `zhinan serve`: the arguments turned into [`ServeSettings`], the preview started, the
//! start-up lines printed (a warning when it is reachable from the network, the port note, the
//! address), the browser opened on request, and the exit code when the server stops.

use std::io::IsTerminal;
use std::time::Duration;

use super::{ExitCode, ServeArgs, colors_on, could_not_run, root_exists};
use crate::serve::{ServeSettings, start};
use crate::site::LoadOptions;

pub fn run_serve(args: ServeArgs) -> ExitCode {
    if let Err(message) = root_exists(&args.common) {
        return could_not_run(message);
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: the preview is reachable from other machines of the network",
            args.bind
        );
    }
    let settings = ServeSettings {
        root: args.common.root.clone(),
        bind: args.bind,
        port: args.port,
        poll: args
            .poll
            .map(|milliseconds| Duration::from_millis(milliseconds.max(10))),
        load: LoadOptions {
            today: args.common.today,
        },
        minify: args.minify_mode(),
        language: args.common.lang,
        color: colors_on(std::io::stderr().is_terminal()),
    };
    let preview = match start(settings) {
        Ok(preview) => preview,
        Err(message) => return could_not_run(message),
    };
    if let Some(note) = &preview.port_note {
        println!("{note}");
    }
    println!(
        "serving {} (watching `{}`{}; Ctrl-C to stop)",
        preview.url,
        preview.root.display(),
        match args.poll {
            Some(milliseconds) => format!(", polling every {milliseconds} ms"),
            None => String::new(),
        }
    );
    if args.open
        && let Err(error) = open_in_browser(&preview.url)
    {
        eprintln!("warning: could not open a browser: {error}");
    }
    match preview.serve() {
        Ok(()) => ExitCode::Ok,
        Err(message) => could_not_run(message),
    }
}

fn open_in_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    let mut child = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}
