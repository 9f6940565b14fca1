//! Contributions paid in equal instalments (real clause C41), through the real binary: the
//! year-end working and `concord explain` list each partner's instalments to the penny (the
//! earliest instalments taking the odd pennies), the JSON carries them, and a count that cannot
//! be paid, or `other than the host` in a fund with no host, is refused.

use std::path::PathBuf;

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(cmd: &mut Command) -> (Option<i32>, String, String) {
    let output = cmd.output().expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn write(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("instalments");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scratch file");
    path
}

/// An agreement whose pooled fund has the given host clause, contributions and instalments.
fn agreement(name: &str, host: &str, contributions: &str, instalments: &str) -> PathBuf {
    write(
        name,
        &format!(
            "agreement \"Instalments\"\n  currency GBP\n\nmember icb \"The ICB\"\nmember council \"The Council\"\nmember trust \"The Trust\"\n\npooled fund \"Better Care Fund\"\n{host}{contributions}  {instalments}\n\nsavings of \"Better Care Fund\"\n  shared by contribution\n\ndeficits of \"Better Care Fund\"\n  shared by contribution\n"
        ),
    )
}

const CONTRIBUTIONS: &str =
    "  icb contributes £1,000,000.03\n  council contributes £500,000\n  trust contributes £250,000.10\n";
const OTHERS: &str = "members other than the host pay their contributions in 4 equal instalments";

fn result() -> PathBuf {
    write("year.results", "result \"Year\"\n  actual cost of \"Better Care Fund\" £1,700,000\n")
}

#[test]
fn the_working_lists_each_partners_instalments_the_earliest_taking_the_odd_pennies() {
    let path = agreement("working.concord", "  hosted by council\n", CONTRIBUTIONS, OTHERS);
    let (code, out, err) = run(concord().arg("eval").arg(&path).arg(result()));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("instalments 1 to 3 of £250,000.01 each and instalment 4 of £250,000.00"),
        "£1,000,000.03 in four: the first three take a penny each\n{out}"
    );
    assert!(out.contains("instalments 1 to 2 of £62,500.03 each and instalments 3 to 4 of £62,500.02 each"), "{out}");
    let start = out.find("This year's contributions").expect("the instalments are in the working");
    let end = out[start..].find("\n## ").map_or(out.len(), |e| start + e);
    let table = &out[start..end];
    assert!(!table.contains("The Council"), "the host is not bound to instalments\n{table}");
    insta::assert_snapshot!("working", table);
}

#[test]
fn the_json_carries_every_instalment_and_they_add_up() {
    let path = agreement("json.concord", "  hosted by council\n", CONTRIBUTIONS, OTHERS);
    let (code, out, err) = run(concord().args(["eval", "--format", "json"]).arg(&path).arg(result()));
    assert_eq!(code, Some(0), "{out}{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let w = &json["results"][0]["working"]["funds"]["funds"][0]["instalments"];
    assert_eq!(w["count"], 4);
    assert_eq!(w["other_than_host"], true);
    let members = w["members"].as_array().expect("members");
    assert_eq!(members.len(), 2, "{w}");
    assert_eq!(members[0]["member"], "icb");
    assert_eq!(members[0]["contribution"], "1000000.03");
    let parts: Vec<&str> =
        members[0]["instalments"].as_array().expect("list").iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(parts, ["250000.01", "250000.01", "250000.01", "250000.00"]);
    assert_eq!(members[1]["member"], "trust");
}

#[test]
fn every_partner_may_pay_in_instalments_and_explain_lists_them() {
    let path =
        agreement("every.concord", "", CONTRIBUTIONS, "each partner pays its contribution in 3 equal instalments");
    let (code, out, err) = run(concord().arg("explain").arg(&path));
    assert_eq!(code, Some(0), "{out}{err}");
    let start = out.find("Each partner pays its contribution").expect("the clause is explained");
    let end = out[start..].find("\n\n").map_or(out.len(), |e| start + e);
    insta::assert_snapshot!("explain", &out[start..end]);
    assert!(out.contains("council: instalments 1 to 2 of £166,666.67 each and instalment 3 of £166,666.66."), "{out}");
}

#[test]
fn counts_that_cannot_be_paid_and_a_host_that_is_not_there_are_refused() {
    let cases = [
        ("none", "  hosted by council\n", CONTRIBUTIONS, "each partner pays its contribution in 0 equal instalments", "concord::model::no_instalments"),
        ("daily", "  hosted by council\n", CONTRIBUTIONS, "each partner pays its contribution in 366 equal instalments", "concord::model::too_many_instalments"),
        (
            "pennies",
            "",
            "  icb contributes £0.03\n  council contributes £500,000\n",
            "each partner pays its contribution in 4 equal instalments",
            "concord::model::too_many_instalments",
        ),
        (
            "part",
            "",
            "  icb contributes £100.005\n  council contributes £500,000\n",
            "each partner pays its contribution in 4 equal instalments",
            "concord::model::instalments_of_part_unit",
        ),
        ("no-host", "", CONTRIBUTIONS, OTHERS, "concord::model::instalments_without_host"),
        (
            "twice",
            "  hosted by council\n",
            CONTRIBUTIONS,
            "each partner pays its contribution in 4 equal instalments\n  each partner pays its contribution in 12 equal instalments",
            "concord::model::duplicate_clause",
        ),
    ];
    for (name, host, contributions, clause, code_name) in cases {
        let path = agreement(&format!("{name}.concord"), host, contributions, clause);
        let (code, out, err) = run(concord().arg("check").arg(&path));
        assert_eq!(code, Some(2), "{name}: {out}{err}");
        let text = format!("{out}{err}").replace(path.to_string_lossy().as_ref(), &format!("{name}.concord"));
        assert!(text.contains(code_name), "{name}: {text}");
        insta::assert_snapshot!(format!("refused_{name}"), text);
    }
}

#[test]
fn a_host_that_contributes_alone_pays_no_instalments() {
    let path = agreement("host-only.concord", "  hosted by council\n", "  council contributes £500,000\n", OTHERS);
    let (code, out, err) = run(concord().arg("eval").arg(&path).arg(result()));
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("No partner pays in instalments this year."), "{out}");
}

#[test]
fn a_year_whose_contributions_fell_too_far_for_the_instalments_is_refused() {
    let agreement = write(
        "falling.concord",
        "agreement \"Falling\"\n  currency GBP\n\nmember icb \"The ICB\"\nmember council \"The Council\"\n\npooled fund \"Fund\"\n  icb contributes £0.04\n  council contributes £1,000\n  each partner pays its contribution in 4 equal instalments\n  next year's contributions are this year's less 50%\n\nsavings of \"Fund\"\n  shared by contribution\n\ndeficits of \"Fund\"\n  shared by contribution\n",
    );
    let scenarios = write(
        "falling.scenarios",
        "scenarios for \"falling.concord\"\n\nscenario \"Year one\"\n  actual cost of \"Fund\" £1,000.04\n\nscenario \"Year two\" follows \"Year one\"\n  actual cost of \"Fund\" £500.02\n",
    );
    let (code, out, err) = run(concord().arg("eval").arg(&agreement).arg(&scenarios).args(["--scenario", "Year one"]));
    assert_eq!(code, Some(0), "the first year's £0.04 pays four instalments of £0.01\n{out}{err}");
    assert!(out.contains("4 instalments of £0.01 each"), "{out}");
    let (code, out, err) = run(concord().arg("eval").arg(&agreement).arg(&scenarios).args(["--scenario", "Year two"]));
    assert_eq!(code, Some(2), "{out}{err}");
    let text = format!("{out}{err}");
    assert!(text.contains("concord::eval::instalments_cannot_be_paid"), "{text}");
    assert!(
        text.contains("`icb`'s contribution to “Fund” this year, £0.02, cannot be paid in 4 instalments"),
        "{text}"
    );
}
