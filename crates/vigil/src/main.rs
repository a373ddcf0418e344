//! The `vigil` binary: parses the command line, runs one command, and turns errors into one
//! clear line on stderr and an exit status. Algorithms live in the library crates.

mod cli;
mod commands;
mod model;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// Exit status when some inputs or checks failed but the command ran.
const EXIT_FAILED: u8 = 1;
/// Exit status when the command could not run at all (bad arguments, unreadable store).
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    quiet_caught_pdf_panics();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(commands::Status::Ok) => ExitCode::SUCCESS,
        Ok(commands::Status::Failed) => ExitCode::from(EXIT_FAILED),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("vigil: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `vigil docs --json | head` closes stdout early; that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// `pdf-extract` panics on some broken PDFs; `vigil-text` runs it on a thread of its own and
/// turns the panic into one "malformed PDF" error. The default hook would still print the
/// panic's text to stderr, so it stays quiet for that thread only.
fn quiet_caught_pdf_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("pdf-extract") {
            default(info);
        }
    }));
}
