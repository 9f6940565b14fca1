//! The money engine's rules and remarks in words (issue 22: engines return structured working;
//! only `src/report/` formats). The text report and the JSON's `rule` and `notes` strings both
//! come from here, so they say the same thing.

use rust_decimal::Decimal;

use crate::model::{Currency, Exemption, FigureUnit, ShareMixPart, StatedRounding};
use crate::money::notes::{Basis, Destination, ExemptVerb, Note, StepRule, TakeAmount};
use crate::money::{format_exact, format_money, format_number, CONTINGENCY_FUND};

/// The step's words after its amount, subject to each partner's own approval.
const EACH_PARTNER: &str = "carried forward to next year, subject to each partner's own approval";

/// A step's rule in the agreement's words: `shared 50% by allocation, 50% by performance`.
pub fn rule_words(rule: &StepRule, cur: &Currency) -> String {
    let money = |d: Decimal| format_money(d, cur);
    match rule {
        StepRule::Unset => String::new(),
        StepRule::ContingencyFund => "the contingency fund first".into(),
        StepRule::Insurance { cap } => format!("insurance up to {}", money(*cap)),
        StepRule::Commissioners { share, cap, rounding } => {
            let base = match cap {
                Some(c) => format!("commissioners bear {}% up to {}", format_number(*share), money(*c)),
                None => format!("commissioners bear {}%", format_number(*share)),
            };
            with_rounding(base, rounding.as_ref(), cur)
        }
        StepRule::RiskPool { name, cap } => match cap {
            Some(c) => format!("from the risk pool “{name}” up to {}", money(*c)),
            None => format!("from the risk pool “{name}”"),
        },
        StepRule::Share { parts, exemption } => {
            let mix = describe_mix(parts);
            match exemption {
                Some((e, verb)) => {
                    let verb = match verb {
                        ExemptVerb::Bear => "bear",
                        ExemptVerb::Receive => "receive",
                    };
                    format!("{mix}, {} {verb} nothing", describe_exemption(e, cur))
                }
                None => mix,
            }
        }
        StepRule::Take { amount, to, rounding } => {
            let to = match to {
                Destination::ContingencyFund => format!("to {CONTINGENCY_FUND}"),
                Destination::Fund(name) => format!("to “{name}”"),
                Destination::CarryForward(Some(d)) => format!("carried forward to next year, subject to “{d}”"),
                Destination::CarryForward(None) => "carried forward to next year".to_string(),
                Destination::CarryForwardEachPartner => EACH_PARTNER.to_string(),
            };
            let base = match amount {
                TakeAmount::Everything => format!("everything {to}"),
                TakeAmount::TheRest => format!("the rest {to}"),
                TakeAmount::Fixed(m) => format!("{} {to}", money(*m)),
                TakeAmount::Percent(p) => format!("{}% {to}", format_number(*p)),
            };
            with_rounding(base, rounding.as_ref(), cur)
        }
        StepRule::Compensation => "compensation to members whose budgets fell".into(),
    }
}

fn with_rounding(base: String, rounding: Option<&StatedRounding>, cur: &Currency) -> String {
    match rounding {
        Some(r) => format!("{base}, {}", rounding_words(r, cur)),
        None => base,
    }
}

/// A stated rounding in words: `rounded down`, `rounded up to the nearest £1,000`.
fn rounding_words(r: &StatedRounding, cur: &Currency) -> String {
    let way = if r.up { "rounded up" } else { "rounded down" };
    let nearest = r.nearest.map_or_else(String::new, |n| format!(" to the nearest {}", format_money(n, cur)));
    let pennies = if r.pennies_to_members { ", the pennies to the members" } else { "" };
    format!("{way}{nearest}{pennies}")
}

/// The words of a share step: `shared 50% by budget allocation, 50% by performance`.
fn describe_mix(parts: &[ShareMixPart]) -> String {
    match parts {
        [only] if only.weight.0 == Decimal::ONE_HUNDRED => format!("shared {}", only.method.words()),
        _ => format!(
            "shared {}",
            parts
                .iter()
                .map(|p| format!("{}% {}", format_number(p.weight.0), p.method.words()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The exemption in the agreement's words: `members with reserves below £1,000,000`.
fn describe_exemption(exemption: &Exemption, cur: &Currency) -> String {
    let threshold = match exemption.figure.unit() {
        FigureUnit::Money => format_money(exemption.below, cur),
        FigureUnit::Percent => format!("{}%", format_number(exemption.below)),
        FigureUnit::Number => format_number(exemption.below),
    };
    format!("members with {} below {threshold}", exemption.figure.words())
}

/// A remark on a step's working in words.
pub fn note_words(note: &Note, cur: &Currency) -> String {
    let money = |d: Decimal| format_money(d, cur);
    let exact = |d: Decimal| format_exact(d, cur, 4);
    match note {
        Note::FundBalance { amount } => format!("the fund's balance is {}", money(*amount)),
        Note::CommissionersDue { share, of, due } => {
            format!("{}% of the {} still to be met is {}", format_number(*share), money(*of), exact(*due))
        }
        Note::CommissionersAtCap => "the commissioners' share is held at its cap".into(),
        Note::RiskPoolLeft { amount } => format!("what is left in the risk pool is {}", money(*amount)),
        Note::NotPlaced { amount } => {
            format!("{} could not be placed with any member and is carried on", money(*amount))
        }
        Note::OnlyLeft { amount } => format!("only {} was left, so the fund receives that", money(*amount)),
        Note::PercentOfSurplus { percent, surplus, due } => {
            format!("{}% of the whole surplus of {} is {}", format_number(*percent), money(*surplus), exact(*due))
        }
        Note::StatedRounding { rounding, want, taken, moved, carried } => {
            let moved = moved.map_or_else(String::new, |d| {
                let d = exact(d);
                if rounding.up {
                    format!("the {d} added comes out of what is carried on")
                } else {
                    format!("the {d} rounded away is carried on with the rest")
                }
            });
            format!(
                "as the agreement says ({}), {} is {} to {}; {moved}, {} in all, to the next step",
                rounding_words(rounding, cur),
                exact(*want),
                if rounding.up { "rounded up" } else { "rounded down" },
                money(*taken),
                money(*carried),
            )
        }
        Note::NoFallKnown { members } => {
            let names: Vec<String> = members.iter().map(|k| format!("`{k}`")).collect();
            format!(
                "no fall is known for {}: {} a `budget` or an `allocation` figure",
                names.join(", "),
                if names.len() == 1 { "it lacks" } else { "each lacks" }
            )
        }
        Note::NoFall => "no member's budget fell, so everything flows on".into(),
        Note::FallsCovered { total } => {
            format!("what is left covers every fall ({}), so each member receives its fall", money(*total))
        }
        Note::FallsNotCovered { total } => format!(
            "what is left does not cover the falls ({}), so it is shared in proportion to them",
            money(*total)
        ),
        Note::Capped { members, rounds } => format!(
            "{} {} held at {} cap; what {} could not bear was spread over the others by the same rule ({} {})",
            members,
            if *members == 1 { "member was" } else { "members were" },
            if *members == 1 { "its" } else { "their" },
            if *members == 1 { "it" } else { "they" },
            rounds,
            if *rounds == 1 { "round" } else { "rounds" },
        ),
        Note::Exempt { exemption, names } => {
            let who = describe_exemption(exemption, cur);
            match names.as_slice() {
                [] => format!(
                    "no member has {} below the threshold, so no one is exempt ({who})",
                    exemption.figure.words()
                ),
                [one] => format!("{one} is exempt ({who}) and takes no share; the others share the step"),
                _ => format!("{} are exempt ({who}) and take no share; the others share the step", names.join(", ")),
            }
        }
        Note::DecisionAgreed { name } => {
            format!("the result says “{name}” was agreed, so the amount is carried forward")
        }
        Note::DecisionNotAgreed { name } => format!(
            "the result says “{name}” was not agreed, so nothing is carried forward and the waterfall goes on to its next step"
        ),
        Note::NothingToCarryDecision { name } => {
            format!("nothing is left to carry forward, so whether “{name}” was agreed does not matter")
        }
        Note::ApprovalRefused { names } => format!(
            "the result says {} did not approve it, so nothing is carried forward and the waterfall goes on to its next step",
            names.join(" and ")
        ),
        Note::EachApproved => "the result says each partner approved it, so the amount is carried forward".into(),
        Note::NothingToCarryApprovals => {
            "nothing is left to carry forward, so the partners' approval does not matter".into()
        }
        Note::LineCapped { unallocated } => format!(
            "the overspend shared is held at the line's cap; {} is not borne by anyone",
            money(*unallocated)
        ),
        Note::NoCommissioner => "no commissioning partner is named, so the fund's rule shares this line".into(),
        Note::Maladministration { name } => format!(
            "the result says the overspend was caused by maladministration by {name}, and the fund says such an overspend is borne by the partner responsible, so {name} bears all of it, whatever the line's risk share, offsetting or cap"
        ),
    }
}

/// What a method shares in proportion to, in words: `in proportion to each member's budget`.
pub fn basis_words(basis: &Basis) -> String {
    match basis {
        Basis::Equal => "an equal share each".into(),
        Basis::PerformanceScore => "in proportion to each member's performance score".into(),
        Basis::Reserves => "in proportion to each member's reserves (its ability to pay)".into(),
        Basis::Figure(figure) => format!("in proportion to each member's {}", figure.words()),
        Basis::CapitatedAllocation => "in proportion to each member's allocation in the capitated budget (no member has an `allocation` figure)".into(),
        Basis::CommonDenominator { figure, denominator } => format!(
            "in proportion to each member's {} as written, every fraction put over one common denominator, so that the whole is {} parts",
            figure.words(),
            Decimal::from_str_exact(denominator).map_or(denominator.clone(), format_number)
        ),
        Basis::NumberOfShares(figure) => {
            format!("in proportion to each member's {} (its number of shares)", figure.words())
        }
        Basis::EqualScores { score } => format!("every score is {}, so an equal share each", format_number(*score)),
        Basis::BestScorePlusShortfall { best } => format!(
            "in proportion to the best score ({}) plus the member's shortfall from it, so the lowest scorers bear the most",
            format_number(*best)
        ),
        Basis::Fall { in_capitated_budget: true } => "each member's budget less its allocation in the capitated budget, where that is a fall; never more than the fall".into(),
        Basis::Fall { in_capitated_budget: false } => {
            "each member's budget less its allocation, where that is a fall; never more than the fall".into()
        }
    }
}
