//! Seats drawn from different organisations (C74): a member body whose seats must each come from
//! a different organisation, `the trustee members are drawn from different organisations`, with
//! each seat's `drawn from "…"`. Both findings are errors: the agreement's own members break
//! its own limit.

use miette::LabeledSpan;

use super::diagnostics::*;
use super::names;
use crate::model::chairs;
use crate::model::Agreement;
use crate::span::{Span, Spanned};

/// A seat and the organisation it says it is drawn from.
type Seat<'a> = (&'a crate::model::Member, &'a Spanned<String>);

/// `the trustee members are drawn from different organisations`: a member of the kind that does
/// not say where its seat is drawn from, and two that say the same organisation. Organisations
/// are the same when their names are, letter for letter ignoring case and spacing, since Concord
/// cannot know that two names mean one body.
pub(super) fn drawn_apart(
    agreement: &Agreement,
    kind: crate::model::KindId,
    limit: Span,
    out: &mut Vec<CheckDiagnostic>,
) {
    let members: Vec<&crate::model::Member> =
        chairs::kind_members(agreement, kind).into_iter().filter_map(|m| agreement.member(m)).collect();
    let kind = agreement.kind(kind).map_or_else(|| "?".to_string(), |k| k.name.clone());
    let unsaid: Vec<&crate::model::Member> = members.iter().copied().filter(|m| m.drawn_from.is_none()).collect();
    if !unsaid.is_empty() {
        out.push(
            SeatOrganisationNotGiven {
                decision: None,
                witness: None,
                kind: kind.clone(),
                members: names(unsaid.iter().map(|m| m.key.clone())),
                verb: if unsaid.len() == 1 { "does" } else { "do" }.to_string(),
                at: limit.into(),
                seats: unsaid
                    .iter()
                    .map(|m| LabeledSpan::new_with_span(Some(format!("`{}`", m.key)), m.span))
                    .collect(),
            }
            .into(),
        );
    }
    // Members grouped by organisation, in the order each organisation first appears.
    let mut groups: Vec<(Vec<String>, Vec<Seat<'_>>)> = Vec::new();
    for member in &members {
        let Some(organisation) = &member.drawn_from else { continue };
        let words: Vec<String> = organisation.node.split_whitespace().map(str::to_lowercase).collect();
        match groups.iter_mut().find(|(w, _)| *w == words) {
            Some((_, seats)) => seats.push((member, organisation)),
            None => groups.push((words, vec![(member, organisation)])),
        }
    }
    for (_, sharing) in groups.into_iter().filter(|(_, seats)| seats.len() > 1) {
        let organisation = sharing.first().map_or_else(String::new, |(_, o)| o.node.clone());
        out.push(
            SeatsFromOneOrganisation {
                decision: None,
                witness: None,
                kind: kind.clone(),
                organisation,
                members: names(sharing.iter().map(|(m, _)| m.key.clone())),
                at: limit.into(),
                seats: sharing
                    .iter()
                    .map(|(m, o)| LabeledSpan::new_with_span(Some(format!("`{}`", m.key)), o.span))
                    .collect(),
            }
            .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    fn findings(text: &str) -> Vec<String> {
        let loaded = crate::load::load(text);
        let agreement = loaded.agreement.unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
        crate::check::check(&agreement).iter().map(|d| format!("{d}")).filter(|d| d.contains("organisation")).collect()
    }

    fn agreement(first: &str, second: &str, third: Option<&str>) -> String {
        let seat = |key: &str, from: Option<&str>| {
            let from = from.map_or_else(String::new, |f| format!("  drawn from \"{f}\"\n"));
            format!("member {key}\n  kinds trustee\n{from}")
        };
        format!(
            "agreement \"a\"\n  kinds trustee\n{}{}{}\ndecision \"d\"\n  passes if unanimous\n\nmembership\n  the trustee members are drawn from different organisations\n",
            seat("a", Some(first)),
            seat("b", Some(second)),
            seat("c", third)
        )
    }

    #[test]
    fn seats_from_different_organisations_are_clean() {
        assert_eq!(findings(&agreement("Age UK", "Mind", Some("Carers"))), Vec::<String>::new());
    }

    #[test]
    fn two_seats_from_one_organisation_are_an_error_whatever_the_case_and_spacing() {
        assert_eq!(
            findings(&agreement("Age UK", "age  uk", Some("Carers"))),
            vec!["`a` and `b` are trustee members drawn from one organisation, “Age UK”, and this limit says different organisations"]
        );
    }

    #[test]
    fn a_seat_that_does_not_say_its_organisation_is_an_error() {
        assert_eq!(
            findings(&agreement("Age UK", "Mind", None)),
            vec!["the trustee members' seats are drawn from different organisations, and `c` does not say which"]
        );
    }

    #[test]
    fn three_seats_from_one_organisation_are_one_finding() {
        assert_eq!(findings(&agreement("Mind", "Mind", Some("mind"))).len(), 1);
    }
}
