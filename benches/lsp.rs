//! `concord lsp` speed, in process: diagnostics after a one-character edit on a generated
//! 500-member agreement (target under 30 ms), and hover (target under 5 ms), both on that
//! agreement and with exact voting power on an example of eight members.

use std::str::FromStr;

use concord::lsp::Server;
use criterion::{criterion_group, criterion_main, Criterion};
use lsp_types::Uri;

/// A 500-member agreement with weighted votes and ten decisions of the usual shapes.
fn large(members: usize, decisions: usize) -> String {
    let mut text = String::from(
        "agreement \"Borough-wide alliance\"\n  kinds acute, primary-care, social-care\n\nvoting as set for each member\n\n",
    );
    for i in 0..members {
        let kind = ["acute", "primary-care", "social-care"][i % 3];
        text.push_str(&format!("member m{i} \"Member {i}\"\n  kinds {kind}\n  votes {}\n\n", 1 + (i * 37) % 100));
    }
    let rules = [
        "at least 2/3 of eligible votes in favour",
        "more than half of eligible votes in favour",
        "at least 70% of eligible votes in favour and m0 in favour",
        "more than half of votes cast in favour",
        "at least 60% of eligible votes in favour",
    ];
    for d in 0..decisions {
        text.push_str(&format!("decision \"decision {d}\"\n  passes if {}\n\n", rules[d % rules.len()]));
    }
    text
}

fn bench(c: &mut Criterion) {
    let Ok(uri) = Uri::from_str("file:///bench/large.concord") else { return };
    let text = large(500, 10);
    let mut server = Server::default();
    server.open(uri.clone(), text.clone(), 1);
    assert!(server
        .diagnostics(&uri)
        .is_some_and(|d| d.diagnostics.iter().all(|d| d.severity != Some(lsp_types::DiagnosticSeverity::ERROR))));
    // One character typed and taken back, alternately, in a member's display name.
    let edited = text.replacen("\"Member 250\"", "\"Member 2500\"", 1);
    let mut version = 1;
    c.bench_function("lsp diagnostics after a one-character edit, 500 members", |b| {
        b.iter(|| {
            version += 1;
            let next = if version % 2 == 0 { &edited } else { &text };
            server.change(&uri, next.clone(), version);
            server.diagnostics(&uri)
        })
    });
    let line = text.lines().position(|l| l.starts_with("member m250 ")).unwrap_or(0) as u32;
    let at = Server::at(&uri, line, 8);
    assert!(server.hover(&at).is_some());
    c.bench_function("lsp hover on a member, 500 members", |b| b.iter(|| server.hover(&at)));

    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/frailty-network.concord");
    let (Ok(example), Ok(small)) = (std::fs::read_to_string(path), Uri::from_str(&format!("file://{path}"))) else {
        return;
    };
    server.open(small.clone(), example.clone(), 1);
    let line = example.lines().position(|l| l.starts_with("member hhft ")).unwrap_or(0) as u32;
    let at = Server::at(&small, line, 8);
    assert!(server.hover(&at).is_some());
    c.bench_function("lsp hover with voting power, 8 members", |b| b.iter(|| server.hover(&at)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
