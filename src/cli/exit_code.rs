//! The one exit-code type of the tool: every command ends in one of three outcomes.

/// How a command ended; [`ExitCode::code`] is the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// 0: done, no errors (warnings allowed unless `--deny-warnings`).
    Ok,
    /// 1: the content has errors (or warnings with `--deny-warnings`); nothing was published.
    ContentErrors,
    /// 2: the command could not run (bad arguments, an unusable folder, an I/O failure).
    CouldNotRun,
}

impl ExitCode {
    /// The process exit status.
    pub fn code(self) -> i32 {
        match self {
            ExitCode::Ok => 0,
            ExitCode::ContentErrors => 1,
            ExitCode::CouldNotRun => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_statuses() {
        assert_eq!(ExitCode::Ok.code(), 0);
        assert_eq!(ExitCode::ContentErrors.code(), 1);
        assert_eq!(ExitCode::CouldNotRun.code(), 2);
    }
}
