//! The `concord` command: parses arguments, calls the library, prints the report, exits.
//!
//! Exit codes: 0 everything checked out; 1 findings (a failed check or scenario);
//! 2 a usage error or input that cannot be read (a missing file, a syntax error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
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

    /// Plain text for screen readers and simple terminals: no colour, no box drawing, no
    /// symbols; each problem is told in sentences. Also CONCORD_PLAIN=1.
    #[arg(long, global = true, env = "CONCORD_PLAIN", value_parser = clap::builder::FalseyValueParser::new())]
    plain: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Readable text with the problem shown in the agreement's own words.
    Human,
    /// JSON with a stable, documented shape (see docs/json.md).
    Json,
    /// Markdown, to paste into minutes or a pull request (`concord diff`, `eval` and `test`).
    Markdown,
    /// One self-contained HTML page with charts, to print or share (`concord explain`, `eval`).
    Html,
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
    /// errors (warnings alone do not fail unless `--deny warnings`), 1 when the checks find
    /// errors, 2 when a file cannot be read or has errors in
    /// its wording (a syntax error, an unknown member).
    Check {
        /// Files or folders to check.
        #[arg(required = true, value_name = "FILE")]
        paths: Vec<PathBuf>,

        /// Fail (exit 1) on warnings too, not only on errors.
        #[arg(long, value_enum, value_name = "WHAT")]
        deny: Option<DenyChoice>,
    },
    /// Draft and test an agreement interactively.
    ///
    /// Type blocks of the agreement to add or replace them (end a block with an empty line),
    /// and commands such as :members, :weights, :explain or :save (:help lists them all). An
    /// agreement with errors opens as a draft, its errors shown, to be fixed in the session.
    /// Leaving with changes not saved asks first. When standard input is not a terminal, lines
    /// are read plainly, so `concord repl < session.txt` works in scripts. Exits 0 when the
    /// session ends with nothing unsaved (or after :quit!, or a yes to leaving without saving),
    /// 1 when input ends with changes not saved and no one to ask, 2 when the agreement given
    /// cannot be opened.
    Repl {
        /// An agreement to load first.
        #[arg(value_name = "AGREEMENT")]
        agreement: Option<PathBuf>,
        /// Do not read or write the history file ($XDG_DATA_HOME/concord/history).
        #[arg(long)]
        no_history: bool,
    },
    /// Lay agreements and scenario files out canonically, keeping every word and comment.
    ///
    /// Changes layout only: indentation, spacing between words, blank lines, and line breaks
    /// in clauses longer than the width. Prints the formatted text, or with `--write` rewrites
    /// each file in place. `--check` changes nothing and exits 1 if any file is not in canonical
    /// form; `--diff` shows what would change. A file that does not read cleanly is never
    /// rewritten (exit 2).
    Fmt {
        /// Files or folders to format.
        #[arg(required = true, value_name = "FILE")]
        paths: Vec<PathBuf>,
        /// Rewrite the files in place.
        #[arg(long, conflicts_with_all = ["check", "diff"])]
        write: bool,
        /// Only report which files are not in canonical form.
        #[arg(long, conflicts_with = "diff")]
        check: bool,
        /// Show what formatting would change, as a unified diff (exits 1 if anything would).
        #[arg(long)]
        diff: bool,
        /// Break clause lines longer than this many columns.
        #[arg(long, default_value_t = 100, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
        width: u16,
    },
    /// Run every scenario in scenario files and report those whose expectations do not hold.
    ///
    /// A folder is searched for `.scenarios` files. Each failure shows the expectation, what
    /// actually came out, and the working. Ends with `N passed, N failed`. Exits 0 when every
    /// scenario passed, 1 when any failed, 2 when a file could not be run.
    Test {
        /// Scenario files or folders (default: the current folder).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Only scenarios whose name contains this text.
        #[arg(long, value_name = "TEXT")]
        filter: Option<String>,
        /// Stop at the first failing scenario.
        #[arg(long)]
        fail_fast: bool,
        /// Also report which decisions, conditions and waterfalls no scenario exercised.
        #[arg(long)]
        coverage: bool,
        /// With --coverage: fail (exit 1) when the scenarios exercise less than this percentage
        /// of the conditions and waterfalls.
        #[arg(long, value_name = "PERCENT", requires = "coverage", value_parser = parse_percent)]
        min: Option<rust_decimal::Decimal>,
        /// Rewrite failing expectations to what actually came out, showing each change.
        #[arg(long)]
        update: bool,
        /// Report format: human, json or junit (JUnit XML for CI systems).
        #[arg(long = "report", value_enum, value_name = "FORMAT")]
        report: Option<TestFormat>,
    },
    /// Evaluate proposals and year-end results against an agreement, with all the working.
    ///
    /// INPUT is a file of `proposal` or `result` blocks, or a scenario file. Proposals get the
    /// outcome and why, condition by condition; year-end results get every step of the savings or
    /// deficit waterfall and the capitated budget's allocation. Without `--scenario`, everything
    /// in the file is evaluated. Exits 0 when everything was evaluated, whatever the outcomes;
    /// 2 when a file cannot be read, has errors in its wording, or has no scenario of that name.
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
        /// Also say what it would take to change each outcome: for a proposal not carried,
        /// every smallest set of changed votes that would carry it; for one carried, each
        /// member whose change of vote alone would stop it.
        #[arg(long)]
        why: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    ///
    /// For bash: `concord completions bash > ~/.local/share/bash-completion/completions/concord`;
    /// for zsh, write it as `_concord` in a folder on `$fpath`; for fish, to
    /// `~/.config/fish/completions/concord.fish`.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Run the language server, for editors: the checker's findings as you type, hover,
    /// go to definition, rename, completion and formatting (docs/lsp.md).
    ///
    /// Speaks the Language Server Protocol on standard input and output; an editor starts it,
    /// a person does not need to. Exits 0 when the editor asks it to stop, 2 when the
    /// conversation with the editor breaks down.
    Lsp {
        /// Talk over standard input and output (the only way; accepted because editors pass it).
        #[arg(long)]
        stdio: bool,
    },
    /// Print the manual page (roff), for `man`: `concord man > concord.1 && man ./concord.1`.
    Man,
    /// Show how much say each member really has on each decision (voting power).
    ///
    /// For each voting member: its declared share of the votes, its Banzhaf index (how often
    /// its vote decides the outcome) with the raw count of such cases, its Shapley-Shubik index
    /// (how often it is the member whose support makes a proposal pass), and whether it is a
    /// dictator, a veto player or a dummy. Exact; `--format json` gives exact fractions. Exits 0
    /// when every rule was worked out, 1 when some could not be, 2 when a file cannot be read.
    Power {
        /// The agreement (`.concord`).
        agreement: PathBuf,
        /// Only the decision with this name.
        #[arg(long, value_name = "NAME")]
        decision: Option<String>,
        /// Which index to compute.
        #[arg(long, value_enum, default_value_t = IndexChoice::All)]
        index: IndexChoice,
        /// A proposal (in a `.scenarios` or proposal file) whose exclusions and date apply.
        #[arg(long, value_name = "FILE")]
        proposal: Option<PathBuf>,
        /// Digits after the point in the percentages shown (JSON is always exact).
        #[arg(long, value_name = "N", default_value_t = 2)]
        places: u32,
        /// Also say, for each member, how far its weight can rise or fall before the outcome
        /// for some group of members in favour changes, exactly, with that group.
        #[arg(long, conflicts_with = "proposal")]
        sensitivity: bool,
    },
    /// Set the agreement out as a legal schedule: definitions, numbered clauses, voting power.
    ///
    /// Every term is defined once; every rule is worded with its exact figures; each
    /// decision's table gives every member's declared weight beside its exact Banzhaf and
    /// Shapley–Shubik index; the checker's findings follow as numbered drafting notes.
    /// `--format markdown` or `html` (one self-contained page with charts, to print to PDF).
    /// Exits 0 when explained, 2 when the file cannot be read or has errors.
    Explain {
        /// The agreement (`.concord`).
        agreement: PathBuf,
        /// Say only who holds this office (`chair`, `vice-chair`), from the agreement's
        /// `the OFFICE …` clauses.
        #[arg(long, value_name = "OFFICE")]
        who: Option<String>,
        /// With `--who`: the day asked about (`7 June 2028` or `2028-06-07`).
        #[arg(long, value_name = "DATE", requires = "who")]
        on: Option<String>,
    },
    /// Say what a new version of an agreement changes: members, weights, who can carry each
    /// decision, real voting power, money and scenario outcomes.
    ///
    /// Members are matched by identifier and decisions by name. For each decision in both
    /// versions, period by period when the rules are dated, every way the members can vote is
    /// tried under both, and the report says whether more, fewer or different votes carry it,
    /// with an example. Each member's exact Banzhaf and Shapley–Shubik index is compared; the
    /// year-end results of `--result` (or of the scenario file, or two samples) are worked out
    /// under both; `--scenarios` runs every scenario's proposal under both. Exits 0 when the two
    /// versions mean the same, 1 when they differ, 2 when a file cannot be read or has errors.
    Diff {
        /// The earlier version (`.concord`).
        #[arg(value_name = "OLD")]
        old: PathBuf,
        /// The later version (`.concord`).
        #[arg(value_name = "NEW")]
        new: PathBuf,
        /// A scenario file whose proposals (and results) are evaluated under both versions.
        #[arg(long, value_name = "FILE")]
        scenarios: Option<PathBuf>,
        /// A file of year-end results to work out under both versions.
        #[arg(long, value_name = "FILE")]
        result: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TestFormat {
    /// Readable text.
    Human,
    /// JSON (see docs/json.md).
    Json,
    /// JUnit XML.
    Junit,
    /// Markdown, to paste into minutes.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum IndexChoice {
    /// Normalised Banzhaf index and swing counts.
    Banzhaf,
    /// Shapley-Shubik index.
    Shapley,
    /// Both.
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DenyChoice {
    /// Warnings fail the check as errors do.
    Warnings,
}

fn colour(choice: ColourChoice, plain: bool) -> Colour {
    if plain {
        return Colour::Plain;
    }
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

/// The width to wrap reports at: `COLUMNS` when set, else the terminal's width when printing
/// to one, else 100; never narrower than 40 nor wider than 400.
fn width() -> usize {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok());
    let from_terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size().map(|(terminal_size::Width(w), _)| usize::from(w)))
            .flatten()
    };
    from_env.or_else(from_terminal).unwrap_or(100).clamp(40, 400)
}

/// A usage error in clap's words, exit 2.
fn usage(message: &str) -> ExitCode {
    let _ = Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message).print();
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let colour = colour(cli.color, cli.plain);
    let columns = width();
    if cli.format == Format::Markdown
        && !matches!(
            cli.command,
            Command::Diff { .. } | Command::Eval { .. } | Command::Test { .. } | Command::Explain { .. }
        )
    {
        return usage("`--format markdown` is offered by `concord diff`, `eval`, `explain` and `test`; use `--format human` or `--format json` here");
    }
    if cli.format == Format::Html && !matches!(cli.command, Command::Explain { .. } | Command::Eval { .. }) {
        return usage(
            "`--format html` is offered by `concord explain` and `eval`; use `--format human` or `--format json` here",
        );
    }
    let (text, code) = match cli.command {
        Command::Check { paths, deny } => {
            let report = concord::commands::check::check(&paths);
            let text = match cli.format {
                Format::Human | Format::Markdown | Format::Html => report::check_human(&report, colour, columns),
                Format::Json => json(&report),
            };
            let deny = match deny {
                Some(DenyChoice::Warnings) => concord::commands::check::Deny::Warnings,
                None => concord::commands::check::Deny::Errors,
            };
            (text, report.exit_code(deny))
        }
        Command::Fmt { paths, write, check, diff, width } => {
            use concord::commands::fmt::Mode;
            let mode = match (write, check, diff) {
                (true, _, _) => Mode::Write,
                (_, true, _) => Mode::Check,
                (_, _, true) => Mode::Diff,
                _ => Mode::Print,
            };
            let report = concord::commands::fmt::fmt(
                &paths,
                concord::commands::fmt::Options { mode, width: usize::from(width) },
            );
            let text = match cli.format {
                Format::Human | Format::Markdown | Format::Html => report::fmt::fmt_human(&report, colour, columns),
                Format::Json => json(&report),
            };
            (text, report.exit_code())
        }
        Command::Repl { .. } if cli.format == Format::Json => {
            return usage("the REPL is a conversation and has no JSON form; use `concord check`, `eval`, `test` or `power` with `--format json` for reports");
        }
        Command::Repl { agreement, no_history } => {
            let options = concord::repl::terminal::Options { agreement, history: !no_history, colour };
            return ExitCode::from(concord::repl::terminal::run(options));
        }
        Command::Test { report: Some(_), .. } if cli.format != Format::Human => {
            return usage("`--format` and `--report` ask for two different reports; give one of them (`--report` alone, or `--format` alone)");
        }
        Command::Test { paths, filter, fail_fast, coverage, min, update, report: format } => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
            let options = concord::commands::test::TestOptions { filter, fail_fast, coverage, min_coverage: min };
            let report = concord::commands::test::run(&paths, &options);
            let format = format.unwrap_or(match cli.format {
                Format::Human | Format::Html => TestFormat::Human,
                Format::Json => TestFormat::Json,
                Format::Markdown => TestFormat::Markdown,
            });
            let mut text = match format {
                TestFormat::Human => report::test::test_human(&report, colour, columns),
                TestFormat::Json => json(&report),
                TestFormat::Junit => report::test::test_junit(&report),
                TestFormat::Markdown => report::test::test_markdown(&report),
            };
            if update && report.failed > 0 {
                match concord::commands::test::update(&report) {
                    Ok(diff) => text.push_str(&format!("\nUpdated expectations:\n{diff}")),
                    Err(error) => text.push_str(&format!("\nCould not update: {error}\n")),
                }
            }
            (text, report.exit_code())
        }
        Command::Eval { agreement, input, scenario, weights, why } => {
            let weights = if weights { Weights::Show } else { Weights::Hide };
            let options = EvalOptions { scenario, weights, why };
            let report = concord::commands::evaluate::evaluate(&agreement, &input, &options);
            let text = match cli.format {
                Format::Human => report::eval::evaluate_human(&report, colour, columns),
                Format::Html => report::eval_html::evaluate_html(&report),
                Format::Markdown => report::eval::evaluate_markdown(&report),
                Format::Json => json(&report::eval::evaluate_json(&report)),
            };
            (text, report.exit_code())
        }
        Command::Lsp { .. } => {
            return match concord::lsp::run() {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
            };
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "concord", &mut script);
            (String::from_utf8_lossy(&script).into_owned(), 0)
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => (String::from_utf8_lossy(&page).into_owned(), 0),
                Err(error) => {
                    eprintln!("error: the manual page could not be written: {error}");
                    return ExitCode::from(2);
                }
            }
        }
        Command::Diff { old, new, scenarios, result } => {
            let options = concord::commands::diff::DiffOptions { scenarios, result };
            let report = concord::commands::diff::diff(&old, &new, &options);
            let text = match cli.format {
                Format::Human | Format::Html => report::diff::diff_human(&report, colour, columns),
                Format::Json => json(&report),
                Format::Markdown => report::diff::diff_markdown(&report),
            };
            (text, report.exit_code())
        }
        Command::Explain { agreement, who: Some(office), on } => {
            match concord::commands::explain::offices::who(&agreement, &office, on.as_deref()) {
                Ok(answer) => (format!("{answer}\n"), 0),
                Err(why) => (format!("{why}\n"), 2),
            }
        }
        Command::Explain { agreement, .. } => {
            let report = concord::commands::explain::explain(&agreement);
            let text = match cli.format {
                Format::Human => report::explain::explain_text(&report),
                Format::Markdown => report::explain::explain_markdown(&report),
                Format::Html => report::explain::explain_html(&report),
                Format::Json => json(&report),
            };
            (text, report.exit_code())
        }
        Command::Power { agreement, decision, index, proposal, places, sensitivity } => {
            let which = match index {
                IndexChoice::Banzhaf => concord::power::Which::Banzhaf,
                IndexChoice::Shapley => concord::power::Which::Shapley,
                IndexChoice::All => concord::power::Which::All,
            };
            let options = concord::commands::power::Options { decision, which: Some(which), proposal, sensitivity };
            let report = concord::commands::power::power(&agreement, &options);
            let text = match cli.format {
                Format::Human | Format::Markdown | Format::Html => {
                    report::power::power_human(&report, colour, columns, places.min(30))
                }
                Format::Json => json(&report),
            };
            (text, report.exit_code())
        }
    };
    let text = report::for_terminal(text, colour);
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`concord check … | head`) is not an error worth reporting.
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
    ExitCode::from(code)
}

/// A percentage from 0 to 100, with or without `%`.
fn parse_percent(text: &str) -> Result<rust_decimal::Decimal, String> {
    let number = text.trim().trim_end_matches('%');
    let value: rust_decimal::Decimal =
        number.parse().map_err(|_| format!("`{text}` is not a percentage; give a number from 0 to 100, such as 90"))?;
    if value < rust_decimal::Decimal::ZERO || value > rust_decimal::Decimal::ONE_HUNDRED {
        return Err(format!("`{text}` is not between 0 and 100"));
    }
    Ok(value)
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
