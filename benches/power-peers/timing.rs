//! In-process timing of `concord::power::power` on one agreement, for the side-by-side table
//! with the peers (whose drivers report their in-process compute time the same way).
//!
//! Usage: `cargo run --release --example power-timing -- AGREEMENT banzhaf|shapley [RUNS]`
//! Prints `{"compute_s": <median seconds>, "runs": N}`: reading and resolving the agreement is
//! left out (as the peers leave out reading their JSON); building the game from the decision,
//! counting and the exact fractions are in.

use std::time::Instant;

use concord::coalitions::Game;
use concord::power::{power, Which};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(index)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: power-timing AGREEMENT banzhaf|shapley [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let which = if index == "shapley" { Which::Shapley } else { Which::Banzhaf };
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let loaded = concord::load::load(&text);
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("{path} is not an agreement"));
    let decision = agreement.decisions.first().unwrap_or_else(|| panic!("no decision"));
    let rule = decision.rules.first().unwrap_or_else(|| panic!("no rule"));
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let electorate = concord::weights::electorate(&agreement, decision, None).unwrap_or_else(|e| panic!("{e}"));
        let game = Game::of_decision(&agreement, decision, &electorate, rule).unwrap_or_else(|e| panic!("{e:?}"));
        let result = power(&game, which);
        times.push(start.elapsed().as_secs_f64());
        assert!(result.is_ok(), "too large");
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    println!("{{\"compute_s\": {median}, \"runs\": {}}}", times.len());
}
