//! The `concord` command: parses arguments, calls the library, prints the report, exits.
//!
//! Exit codes: 0 everything checked out; 1 findings (a failed check or scenario);
//! 2 a usage error or input that cannot be read (a missing file, a syntax error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use concord::commands::eval::{EvalOptions, Weights};
use concord::report::{self, Colour};

/// Concord: write, check and test alliance agreements between health and social care partners.
#[derive(Debug, Parser)]
#[command(name = "concord", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// How to print reports.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// When to use colour (NO_COLOR in the environment also turns it off).
    #[arg(long, global = true, value_enum, default_value_t = ColourChoice::Auto)]
    color: ColourChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Readable text with the problem shown in the agreement's own words.
    Human,
    /// JSON with a stable, documented shape (see docs/json.md).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColourChoice {
    /// Colour when printing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read agreements and scenario files and report every problem in them.
    ///
    /// A folder is searched for `.concord` and `.scenarios` files. Exits 0 when there are no
    /// errors, 1 when the checks find errors, 2 when a file cannot be read or has errors in
    /// its wording (a syntax error, an unknown member).
    Check {
        /// Files or folders to check.
        #[arg(required = true, value_name = "FILE")]
        paths: Vec<PathBuf>,
    },
    /// Evaluate proposals against an agreement: the outcome, and why, condition by condition.
    ///
    /// INPUT is a file of `proposal` blocks or a scenario file. Without `--scenario`, every
    /// proposal and every scenario that proposes something is evaluated. Exits 0 when
    /// everything was evaluated, whatever the outcomes; 2 when a file cannot be read, has
    /// errors in its wording, or has no scenario of the name given.
    Eval {
        /// The agreement (`.concord` file).
        #[arg(value_name = "AGREEMENT")]
        agreement: PathBuf,
        /// The proposals or scenarios to evaluate.
        #[arg(value_name = "INPUT")]
        input: PathBuf,
        /// Evaluate only the scenario (or proposal) with this name.
        #[arg(long, value_name = "NAME")]
        scenario: Option<String>,
        /// Show every member's exact weight and share of the votes.
        #[arg(long)]
        weights: bool,
    },
}

fn colour(choice: ColourChoice) -> Colour {
    match choice {
        ColourChoice::Always => Colour::On,
        ColourChoice::Never => Colour::Off,
        ColourChoice::Auto => {
            let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if !no_colour && std::io::stdout().is_terminal() {
                Colour::On
            } else {
                Colour::Off
            }
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let colour = colour(cli.color);
    let (text, code) = match cli.command {
        Command::Check { paths } => {
            let report = concord::commands::check::check(&paths);
            let text = match cli.format {
                Format::Human => report::check_human(&report, colour, 100),
                Format::Json => json(&report),
            };
            (text, report.exit_code())
        }
        Command::Eval { agreement, input, scenario, weights } => {
            let weights = if weights { Weights::Show } else { Weights::Hide };
            let options = EvalOptions { scenario, weights };
            let report = concord::commands::eval::eval(&agreement, &input, &options);
            let text = match cli.format {
                Format::Human => report::eval_human(&report, colour, 100),
                Format::Json => json(&report),
            };
            (text, report.exit_code())
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`concord check … | head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::from(code)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut s) => {
            s.push('\n');
            s
        }
        Err(error) => format!("{{\"error\": \"{error}\"}}\n"),
    }
}
