//! `concord eval --format html`: the report as one self-contained page, each year-end result
//! with a waterfall chart of the surplus or deficit from the total down to each party's and
//! member's share and the unallocated rest.

use num_bigint::BigInt;

use super::explain::page;
use super::svg::{escape, waterfall};
use super::Colour;
use crate::commands::eval::EvaluateReport;
use crate::exact::Fraction;
use crate::model::Currency;
use crate::money::format_money;

fn fraction(d: rust_decimal::Decimal) -> Fraction {
    Fraction::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

/// The evaluation report as one HTML page.
pub fn evaluate_html(report: &EvaluateReport) -> String {
    let mut body = String::from("<h1>Evaluation</h1>\n");
    if let Some(results) = &report.results {
        for r in &results.results {
            let Some(w) = &r.working else { continue };
            let currency = Currency {
                code: w.currency.code.clone(),
                symbol: w.currency.symbol.as_ref().and_then(|s| s.chars().next()),
                minor_unit: w.currency.minor_unit,
                span: None,
            };
            let money = |d| format_money(d, &currency);
            let what = if w.result.is_sign_negative() { "deficit" } else { "surplus" };
            body.push_str(&format!("<h2>{}: the {what} of {}</h2>\n", escape(&r.name), escape(&money(w.result))));
            let mut steps: Vec<(String, Fraction, String)> =
                w.parties.iter().map(|p| (p.party.clone(), fraction(p.amount), money(p.amount))).collect();
            steps.extend(w.members.iter().map(|m| (m.member.clone(), fraction(m.amount), money(m.amount))));
            steps.push(("unallocated".to_string(), fraction(w.unallocated), money(w.unallocated)));
            let total = fraction(w.result);
            body.push_str(&waterfall(
                &format!("How the {what} of {} is shared: {}", money(w.result), r.name),
                (&total, &money(w.result)),
                &steps,
            ));
        }
    }
    body.push_str(&format!("<pre>{}</pre>\n", escape(&super::eval::evaluate_human(report, Colour::Off, 100))));
    page("Evaluation", &body)
}
