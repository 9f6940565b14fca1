use super::*;

const AGREEMENT: &str = "agreement \"T\"

member aa \"Alpha Trust\"
member bb \"Beta Council\"
member cc \"Gamma Federation\"
member dd \"Delta Care\"
  observer

voting one member one vote

decision \"change\"
  passes if at least two thirds of eligible votes in favour
  bb may veto
";

fn ask(votes: &str) -> WhyNot {
    let loaded = crate::load::load(AGREEMENT);
    let Some(agreement) = loaded.agreement else { panic!("{:?}", loaded.diagnostics) };
    let input = format!("proposal \"p\"\n  decision \"change\"\n{votes}");
    let parsed = crate::syntax::parse(&input);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (inputs, errors) = crate::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{errors:?}");
    let proposal = &inputs.proposals[0];
    let evaluator = Evaluator::new(&agreement, AGREEMENT);
    let evaluation = evaluator.evaluate(proposal, &input).unwrap_or_else(|e| panic!("{e:?}"));
    why_not(&evaluator, proposal, &evaluation, &input)
}

fn sets(answer: &WhyNot) -> Vec<Vec<(String, Ballot)>> {
    answer.fixes.iter().map(|f| f.changes.iter().map(|c| (c.member.as_str().to_string(), c.from)).collect()).collect()
}

#[test]
fn every_combination_of_a_size_is_visited_once() {
    for n in 0..7 {
        for k in 1..=n {
            let mut set: Vec<usize> = (0..k).collect();
            let mut seen = vec![set.clone()];
            while next_combination(&mut set, n) {
                seen.push(set.clone());
            }
            let expected = (0..k).fold(1usize, |acc, i| acc * (n - i) / (i + 1));
            assert_eq!(seen.len(), expected, "n={n} k={k}");
            seen.dedup();
            assert_eq!(seen.len(), expected);
        }
    }
}

#[test]
fn a_rejected_proposal_gets_its_smallest_fixes_and_no_larger_ones() {
    // a in favour, b against (its veto), c absent: two of three are needed, and b's veto stands
    // unless b changes, so b alone passes it (a and b in favour make two thirds); c alone does not.
    let answer = ask("  in favour: aa\n  against: bb\n");
    assert_eq!(answer.outcome, OutcomeKind::Rejected);
    assert!(answer.blocking.iter().any(|b| matches!(b, Blocker::Veto { .. })), "{:?}", answer.blocking);
    assert_eq!(sets(&answer), vec![vec![("bb".to_string(), Ballot::Against)]]);
    assert!(answer.search.complete);
    assert_eq!(answer.search.candidates, 2, "the observer is never a candidate");
}

#[test]
fn a_fix_needs_every_member_it_names() {
    // Nobody voted: any two of the three make two thirds, and an absent b uses no veto.
    let answer = ask("");
    let got = sets(&answer);
    let mut names: Vec<Vec<&str>> = got.iter().map(|f| f.iter().map(|(m, _)| m.as_str()).collect()).collect();
    names.sort();
    assert_eq!(names, vec![vec!["aa", "bb"], vec!["aa", "cc"], vec!["bb", "cc"]]);
    assert!(answer.fixes.iter().all(|f| f.changes.iter().all(|c| c.from == Ballot::Absent)));
}

#[test]
fn a_carried_proposal_names_the_members_who_could_stop_it() {
    let answer = ask("  in favour: aa, bb\n");
    assert_eq!(answer.outcome, OutcomeKind::Passed);
    assert!(answer.fixes.is_empty());
    let stops: Vec<(&str, Ballot)> = answer.pivots.iter().map(|p| (p.change.member.as_str(), p.change.to)).collect();
    // a leaving drops the votes in favour to one of three; b against vetoes it; c attending
    // changes nothing (c against still leaves two of three).
    assert!(stops.contains(&("aa", Ballot::Against)), "{stops:?}");
    assert!(stops.contains(&("bb", Ballot::Against)), "{stops:?}");
    assert!(!stops.iter().any(|(m, _)| *m == "cc"), "{stops:?}");
}

#[test]
fn an_unknown_decision_cannot_be_fixed_by_votes() {
    let loaded = crate::load::load(AGREEMENT);
    let Some(agreement) = loaded.agreement else { panic!() };
    let input = "proposal \"p\"\n  decision \"chnage\"\n  in favour: aa\n";
    let parsed = crate::syntax::parse(input);
    let (inputs, _) = crate::load::load_inputs(&agreement, &parsed.file);
    let evaluator = Evaluator::new(&agreement, AGREEMENT);
    let evaluation = evaluator.evaluate(&inputs.proposals[0], input).unwrap_or_else(|e| panic!("{e:?}"));
    let answer = why_not(&evaluator, &inputs.proposals[0], &evaluation, input);
    assert!(answer.beyond_votes.is_some());
    assert!(answer.fixes.is_empty() && answer.search.evaluations == 0);
}
