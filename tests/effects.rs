//! What a decision changes on passing (issue 21, item 9): `model::effects::apply` on real
//! agreements and proposals, each change and each refusal; the evaluator lists the changes of a
//! passed proposal and none of a rejected one.

use concord::eval::{evaluate, OutcomeKind, Sources};
use concord::model::effects::{apply, Effect};
use concord::model::{Agreement, MemberId, Role};
use concord::results::terms::Refusal;

const AGREEMENT: &str = r#"agreement "Changes on passing"
  kinds nhs, council, commercial

member icb "NHS Integrated Care Board"
  kinds nhs
  lead provider
member trust "Community Trust"
  kinds nhs
  chair
member county "County Council"
  kinds council
  host
member carers "Carers' Network Ltd"
  kinds commercial
member hospice "Hospice Care Ltd"
  kinds commercial

bloc commercial "Commercial partners"
  members of kind commercial

decision "appoint a lead provider"
  passes if more than half of eligible members in favour
  on passing, the lead provider becomes the member concerned

decision "hand the chair to the council"
  passes if more than half of eligible members in favour
  on passing, the chair becomes county

decision "admit a partner"
  passes if more than half of eligible members in favour
  on passing, the applicant joins as a commercial member with 2 votes

decision "agree an exit"
  passes if more than half of eligible members in favour
  the member concerned does not vote
  on passing, the member concerned leaves

decision "the county's consent"
  passes if county in favour
"#;

fn agreement() -> Agreement {
    let loaded = concord::load::load(AGREEMENT);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded.agreement.unwrap_or_else(|| panic!("the agreement does not read"))
}

/// The changes a proposal for `decision` makes, evaluated for real, and its outcome.
fn changes(a: &Agreement, lines: &str) -> (OutcomeKind, Vec<Effect>, Option<Refusal>, Vec<String>) {
    let text = format!("proposal \"p\"\n{lines}");
    let parsed = concord::syntax::parse(&text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (inputs, errors) = concord::load::load_inputs(a, &parsed.file);
    let codes: Vec<String> = errors.iter().map(|e| e.code_string()).collect();
    let Some(p) = inputs.proposals.first().filter(|_| codes.is_empty()) else {
        return (OutcomeKind::Invalid, Vec::new(), None, codes);
    };
    let e = evaluate(a, p, Sources { agreement: AGREEMENT, proposal: &text }).unwrap_or_else(|e| panic!("{e}"));
    (e.outcome.result, e.changes, e.effects_refused, codes)
}

fn key(a: &Agreement, role: Role) -> Vec<&str> {
    a.members.iter().filter(|m| m.has_role(role)).map(|m| m.key.as_str()).collect()
}

#[test]
fn a_role_passes_to_the_member_concerned_and_leaves_its_holder() {
    let a = agreement();
    let (outcome, effects, refused, _) =
        changes(&a, "  decision \"appoint a lead provider\"\n  concerning: trust\n  in favour: icb, trust, county\n");
    assert_eq!(outcome, OutcomeKind::Passed);
    assert_eq!(refused, None);
    let next = apply(&a, &effects).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key(&next, Role::LeadProvider), ["trust"]);
    assert_eq!(key(&a, Role::LeadProvider), ["icb"], "the agreement given is not changed");
    // Nothing else changes.
    assert_eq!(next.members.len(), a.members.len());
    assert_eq!(key(&next, Role::Chair), ["trust"]);
}

#[test]
fn a_role_passes_to_a_named_member() {
    let a = agreement();
    let (_, effects, _, _) =
        changes(&a, "  decision \"hand the chair to the council\"\n  in favour: icb, trust, county\n");
    let next = apply(&a, &effects).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(key(&next, Role::Chair), ["county"]);
    assert!(next.member_by_key("county").is_some_and(|m| m.has_role(Role::Host) && m.has_role(Role::Chair)));
}

#[test]
fn a_rejected_proposal_changes_nothing() {
    let a = agreement();
    let (outcome, effects, _, _) =
        changes(&a, "  decision \"appoint a lead provider\"\n  concerning: trust\n  against: icb, trust, county\n");
    assert_eq!(outcome, OutcomeKind::Rejected);
    assert!(effects.is_empty());
}

#[test]
fn an_applicant_joins_as_its_kind_with_its_votes_and_joins_its_kinds_bloc() {
    let a = agreement();
    let (_, effects, refused, _) = changes(
        &a,
        "  decision \"admit a partner\"\n  applicant: homecare \"Home Care Ltd\"\n  in favour: icb, trust, county\n",
    );
    assert_eq!(refused, None);
    let next = apply(&a, &effects).unwrap_or_else(|e| panic!("{e}"));
    let joined = next.member_by_key("homecare").unwrap_or_else(|| panic!("homecare did not join"));
    assert_eq!(joined.name, "Home Care Ltd");
    assert_eq!(joined.id, MemberId(5));
    assert_eq!(joined.votes.map(|v| v.node), Some(rust_decimal::Decimal::TWO));
    let commercial = next.kinds.iter().find(|k| k.name == "commercial").map(|k| k.id);
    assert!(commercial.is_some_and(|k| joined.is_of_kind(k)));
    assert_eq!(next.blocs[0].members, [MemberId(3), MemberId(4), MemberId(5)]);
}

#[test]
fn a_leaver_goes_and_every_member_after_it_moves_down() {
    let a = agreement();
    let (outcome, effects, refused, _) =
        changes(&a, "  decision \"agree an exit\"\n  concerning: carers\n  in favour: icb, trust, county\n");
    assert_eq!((outcome, refused), (OutcomeKind::Passed, None));
    let next = apply(&a, &effects).unwrap_or_else(|e| panic!("{e}"));
    let keys: Vec<&str> = next.members.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(keys, ["icb", "trust", "county", "hospice"]);
    assert!(next.members.iter().enumerate().all(|(i, m)| m.id == MemberId(i as u32)));
    // The bloc keeps hospice, now the fourth member; the consent of the county still names it.
    assert_eq!(next.blocs[0].members, [MemberId(3)]);
    assert_eq!(next.member_by_key("county").map(|m| m.id), Some(MemberId(2)));
}

#[test]
fn impossible_changes_are_refused_with_the_reason() {
    let a = agreement();
    // The only lead provider cannot leave.
    let (_, effects, refused, _) =
        changes(&a, "  decision \"agree an exit\"\n  concerning: icb\n  in favour: trust, county, carers\n");
    let error = apply(&a, &effects).err().unwrap_or_else(|| panic!("icb left"));
    assert_eq!(error.message, "icb cannot leave: it is the only lead provider");
    let refused = refused.unwrap_or_else(|| panic!("the evaluation took the changes"));
    assert_eq!(
        (refused.message.as_str(), refused.help.as_deref()),
        (error.message.as_str(), Some(error.help.as_str()))
    );
    // In text and JSON, the message with its help in brackets.
    let words = format!("{} ({})", error.message, error.help);
    assert_eq!(refused.to_string(), words);
    assert_eq!(serde_json::to_value(&refused).ok(), Some(serde_json::Value::String(words)));
    let code = miette::Diagnostic::code(&error).map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("concord::model::effect_refused"));

    // A member a rule names cannot leave without amending the agreement.
    let county = a.member_by_key("county").map(|m| m.id).unwrap_or(MemberId(0));
    let host_moved = [
        Effect::RoleMoves { role: Role::Host, to: MemberId(0), span: Default::default() },
        Effect::Leaves { member: county, span: Default::default() },
    ];
    let error = apply(&a, &host_moved).err().unwrap_or_else(|| panic!("county left"));
    assert_eq!(
        error.message,
        "county cannot leave by this decision alone: the agreement names it in what “hand the chair to the council” does on passing"
    );

    // The only member of a bloc cannot leave it empty.
    let mut one = a.clone();
    one.blocs[0].members.truncate(1);
    let error = apply(&one, &[Effect::Leaves { member: MemberId(3), span: Default::default() }])
        .err()
        .unwrap_or_else(|| panic!("carers left"));
    assert_eq!(error.message, "carers cannot leave: it is the only member of the commercial bloc");

    // A member who is not there, and a joining member who already is.
    let error = apply(&a, &[Effect::Leaves { member: MemberId(40), span: Default::default() }])
        .err()
        .unwrap_or_else(|| panic!("nobody left"));
    assert_eq!(error.message, "the member this change names is not a member of the agreement");
    let twice = Effect::Joins {
        key: "icb".into(),
        name: "again".into(),
        kinds: Vec::new(),
        votes: None,
        span: Default::default(),
    };
    assert_eq!(
        apply(&a, &[twice]).err().map(|e| e.message).as_deref(),
        Some("icb cannot join: it is already a member")
    );
}

#[test]
fn a_proposal_must_name_whom_its_changes_are_about() {
    let a = agreement();
    let (_, _, _, codes) = changes(&a, "  decision \"appoint a lead provider\"\n  in favour: icb\n");
    assert_eq!(codes, ["concord::model::missing_concerned"]);
    let (_, _, _, codes) = changes(&a, "  decision \"admit a partner\"\n  in favour: icb\n");
    assert_eq!(codes, ["concord::model::missing_applicant"]);
    let (_, _, _, codes) =
        changes(&a, "  decision \"agree an exit\"\n  concerning: icb\n  applicant: x\n  in favour: icb\n");
    assert_eq!(codes, ["concord::model::applicant_not_used"]);
    let (_, _, _, codes) = changes(&a, "  decision \"admit a partner\"\n  applicant: icb\n  in favour: icb\n");
    assert_eq!(codes, ["concord::model::applicant_is_member"]);
}
