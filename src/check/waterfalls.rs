//! Waterfall steps that can never receive anything: a savings step written after one that
//! reinvests everything left. Read as written, those steps share nothing in any year, which a
//! drafter who wrote them did not mean.

use miette::LabeledSpan;

use super::diagnostics::*;
use crate::model::{Agreement, Reinvest, SavingsStep, Waterfall};

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    if let Some(savings) = &agreement.savings {
        never_reached(savings, "savings".to_string(), out);
    }
    for fund in &agreement.funds {
        if let Some(savings) = &fund.savings {
            never_reached(savings, format!("savings of “{}”", fund.name), out);
        }
    }
}

/// Whether a step takes all that is left whatever the year's figures: `everything to …` or
/// `the rest to …` with no stated rounding (a stated rounding carries its pennies on).
fn takes_everything(step: &SavingsStep) -> bool {
    matches!(step, SavingsStep::Reinvest { amount: Reinvest::Everything | Reinvest::TheRest, rounding: None, .. })
}

fn never_reached(waterfall: &Waterfall<SavingsStep>, block: String, out: &mut Vec<CheckDiagnostic>) {
    let Some(at) = waterfall.steps.iter().position(|s| takes_everything(&s.node)) else { return };
    let (Some(taker), Some(later)) = (waterfall.steps.get(at), waterfall.steps.get(at.saturating_add(1)..)) else {
        return;
    };
    if later.is_empty() {
        return;
    }
    out.push(
        StepNeverReached {
            decision: None,
            witness: None,
            block,
            count: if later.len() == 1 { "the step".to_string() } else { format!("the {} steps", later.len()) },
            taker: taker.span.into(),
            steps: later
                .iter()
                .map(|s| LabeledSpan::new_with_span(Some("nothing is ever left for this step".to_string()), s.span))
                .collect(),
        }
        .into(),
    );
}

#[cfg(test)]
mod tests {
    use crate::check::check;

    fn codes(text: &str) -> Vec<String> {
        let loaded = crate::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.unwrap_or_else(|| panic!("no agreement in {text}"));
        check(&agreement).iter().filter_map(|d| miette::Diagnostic::code(d).map(|c| c.to_string())).collect()
    }

    const HEAD: &str = "agreement \"W\"\n\nmember aa \"A\"\n  budget £10m\nmember bb \"B\"\n  budget £5m\n\nsavings\n";

    #[test]
    fn a_step_after_everything_is_reported() {
        for taker in ["everything to \"reinvestment\"", "the rest to the contingency fund"] {
            let text = format!("{HEAD}  {taker}\n  then shared by budget\n");
            assert!(codes(&text).iter().any(|c| c == "concord::check::step_never_reached"), "{text}");
        }
    }

    #[test]
    fn steps_that_can_be_reached_are_not_reported() {
        for steps in [
            "  30% to the contingency fund\n  then shared by budget\n",
            "  shared by budget\n",
            "  the rest to the contingency fund, rounded down to the nearest £1,000\n  then shared by budget\n",
            "  shared by budget\n  everything to \"reinvestment\"\n",
        ] {
            let text = format!("{HEAD}{steps}");
            assert!(!codes(&text).iter().any(|c| c == "concord::check::step_never_reached"), "{text}");
        }
    }
}
