//! `concord lsp` spoken to as an editor speaks to it: JSON-RPC over the real binary's standard
//! input and output. Every read has a time limit, so a server that hangs fails the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    queue: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    next: i64,
}

fn frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr_pipe = child.stderr.take().expect("stderr");
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr_pipe.read_to_string(&mut text);
            sink.lock().expect("lock").push_str(&text);
        });
        let mut client = Client { child, stdin, messages, queue: Vec::new(), stderr, next: 1 };
        let init = client.request("initialize", json!({"processId": null, "rootUri": null, "capabilities": {}}));
        assert!(init["result"]["capabilities"]["hoverProvider"].as_bool().unwrap_or(false), "{init}");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send_raw(&mut self, body: &str) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn receive(&mut self) -> Value {
        self.messages
            .recv_timeout(WAIT)
            .unwrap_or_else(|_| panic!("no answer within {WAIT:?}; stderr: {}", self.stderr()))
    }

    /// Sends a request and waits for its response, keeping notifications for later.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(id)
    }

    fn response(&mut self, id: i64) -> Value {
        loop {
            let message = self.receive();
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.queue.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        loop {
            let found = self
                .queue
                .iter()
                .position(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == json!(uri));
            if let Some(i) = found {
                let message = self.queue.remove(i);
                return message["params"]["diagnostics"].as_array().cloned().unwrap_or_default();
            }
            let message = self.receive();
            self.queue.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        let item = json!({"uri": uri, "languageId": "concord", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({"textDocument": item}));
        self.diagnostics(uri)
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        let params = json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]});
        self.notify("textDocument/didChange", params);
    }

    fn at(&mut self, method: &str, uri: &str, line: usize, character: usize) -> Value {
        self.request(method, json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}))
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Shuts the server down as an editor does, and checks that it left cleanly.
    fn finish(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        let status = wait(&mut self.child);
        std::thread::sleep(Duration::from_millis(100));
        let stderr = self.stderr();
        assert!(!stderr.contains("panicked"), "the server panicked: {stderr}");
        assert_eq!(status, Some(0), "exit status; stderr: {stderr}");
    }
}

fn wait(child: &mut Child) -> Option<i32> {
    for _ in 0..600 {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    None
}

fn example(name: &str) -> (String, String) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name);
    let text = std::fs::read_to_string(&path).expect("example");
    (format!("file://{}", path.display()), text)
}

/// The line and column (UTF-16) of the first `needle` in `text`, plus `skip` characters.
fn find(text: &str, needle: &str, skip: usize) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` is in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[start..at].encode_utf16().count() + skip)
}

/// Applies LSP text edits (for one document) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) =
            (p["line"].as_u64().unwrap_or(0) as usize, p["character"].as_u64().unwrap_or(0) as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        let mut units = 0;
        for (i, c) in rest.char_indices() {
            if units >= character || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap_or("").to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

#[test]
fn a_session_on_an_example() {
    let mut client = Client::start();
    let (uri, text) = example("frailty-network.concord");
    let diagnostics = client.open(&uri, &text);
    assert!(diagnostics.iter().all(|d| d["severity"] != json!(1)), "no errors in an example: {diagnostics:?}");

    // Hover on a member: its name, figures and real voting power.
    let (line, column) = find(&text, "member hhft", 7);
    let hover = client.at("textDocument/hover", &uri, line, column);
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or("").to_string();
    assert!(value.contains("The Hillingdon Hospitals NHS Foundation Trust"), "{value}");
    assert!(value.contains("budget: £36,000,000"), "{value}");
    assert!(value.contains("Banzhaf") && value.contains("“change financial flows”"), "{value}");
    assert!(value.contains('%'), "{value}");

    // Hover on a decision: its rule in plain English.
    let (line, column) = find(&text, "decision \"change financial flows\"", 12);
    let hover = client.at("textDocument/hover", &uri, line, column);
    let value = hover["result"]["contents"]["value"].as_str().unwrap_or("").to_string();
    assert!(value.contains("decision “change financial flows”") && value.contains("70%"), "{value}");

    // Definition: from a use of `lbh` to its member block.
    let (line, column) = find(&text, "lbh may veto", 1);
    let definition = client.at("textDocument/definition", &uri, line, column);
    let (member_line, _) = find(&text, "member lbh", 0);
    assert_eq!(definition["result"]["range"]["start"]["line"], json!(member_line), "{definition}");

    // References to `hhft`: its header and the budget lines.
    let (line, column) = find(&text, "member hhft", 8);
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}, "context": {"includeDeclaration": true}});
    let references = client.request("textDocument/references", params);
    let n_refs = references["result"].as_array().map_or(0, Vec::len);
    // Every use outside comments (one comment names `hhft` too).
    let uses: usize = text.lines().map(|l| l.split('#').next().unwrap_or("").matches("hhft").count()).sum();
    assert_eq!(n_refs, uses, "{references}");

    // Rename `hhft` everywhere; a keyword cannot be renamed.
    let params =
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}, "newName": "trust"});
    let rename = client.request("textDocument/rename", params);
    let edits = rename["result"]["changes"][&uri].as_array().cloned().unwrap_or_default();
    assert_eq!(edits.len(), n_refs, "{rename}");
    let renamed = apply(&text, &edits);
    assert!(!renamed.lines().any(|l| l.split('#').next().unwrap_or("").contains("hhft")), "{renamed}");
    assert_eq!(renamed.matches("trust").count(), text.matches("trust").count() + n_refs);
    let (line, column) = find(&text, "passes if", 1);
    let refused = client.at("textDocument/prepareRename", &uri, line, column);
    let message = refused["error"]["message"].as_str().unwrap_or("");
    assert!(message.contains("word of the language"), "{refused}");
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}, "newName": "x"});
    assert!(client.request("textDocument/rename", params)["error"].is_object());
    let (line, column) = find(&text, "member cnwl", 8);
    let params =
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}, "newName": "and"});
    let bad = client.request("textDocument/rename", params);
    assert!(bad["error"]["message"].as_str().unwrap_or("").contains("word of the language"), "{bad}");

    // Completion inside a decision: members and the language's words.
    let (line, column) = find(&text, "  quorum at least 5", 2);
    let completion = client.at("textDocument/completion", &uri, line, column);
    let labels: Vec<&str> =
        completion["result"].as_array().into_iter().flatten().filter_map(|i| i["label"].as_str()).collect();
    for wanted in ["hhft", "primary-care", "passes if", "quorum", "budget", "\"admit a member\""] {
        assert!(labels.contains(&wanted), "`{wanted}` in {labels:?}");
    }

    // Symbols, and formatting an example that is already canonical: no edit.
    let symbols = client.request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}));
    let names: Vec<&str> =
        symbols["result"].as_array().into_iter().flatten().filter_map(|s| s["name"].as_str()).collect();
    assert!(names.contains(&"hhft") && names.contains(&"change financial flows"), "{names:?}");
    let params = json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}});
    let formatting = client.request("textDocument/formatting", params.clone());
    assert_eq!(formatting["result"], json!([]), "{formatting}");

    // Badly laid out: one edit to the canonical text.
    client.change(&uri, 2, &text.replace("  kinds acute\n", "      kinds    acute\n"));
    let formatting = client.request("textDocument/formatting", params);
    let edits = formatting["result"].as_array().cloned().unwrap_or_default();
    assert_eq!(edits.len(), 1, "{formatting}");
    assert_eq!(edits[0]["newText"].as_str(), Some(text.as_str()));
    client.finish();
}

#[test]
fn code_actions_fix_a_misspelling_and_mark_a_finding_intended() {
    let mut client = Client::start();
    let uri = "untitled:test.concord";
    let text = "agreement \"Test\"\n\nmember alpha \"Alpha Trust\"\n\nmember beta \"Beta Council\"\n\ndecision \"approve\"\n  passes if alpha in favour and betta in favour\n";
    let diagnostics = client.open(uri, text);
    let unknown = diagnostics.iter().find(|d| d["code"] == "concord::model::unknown_name").expect("unknown name");
    assert!(unknown["message"].as_str().unwrap_or("").contains("Did you mean `beta`?"), "{unknown}");
    let params =
        json!({"textDocument": {"uri": uri}, "range": unknown["range"], "context": {"diagnostics": [unknown]}});
    let actions = client.request("textDocument/codeAction", params);
    let action = &actions["result"][0];
    assert_eq!(action["title"], "Change `betta` to `beta`", "{actions}");
    let fixed = apply(text, action["edit"]["changes"][uri].as_array().map_or(&[][..], Vec::as_slice));
    assert!(fixed.contains("alpha in favour and beta in favour"), "{fixed}");

    // The fixed text has a warning, `alpha` is not a dictator; say it is intended.
    client.change(uri, 2, &fixed);
    let diagnostics = client.diagnostics(uri);
    let dictator = diagnostics.iter().find(|d| d["code"] == "concord::check::veto_player" || d["severity"] == json!(2));
    let Some(warning) = dictator else { panic!("a warning in {diagnostics:?}") };
    assert!(warning["relatedInformation"].is_array() || warning["message"].is_string());
    let params =
        json!({"textDocument": {"uri": uri}, "range": warning["range"], "context": {"diagnostics": [warning]}});
    let actions = client.request("textDocument/codeAction", params);
    let expect = actions["result"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["title"].as_str().unwrap_or("").contains("intended"));
    let Some(expect) = expect else { panic!("an expect action in {actions}") };
    let marked = apply(&fixed, expect["edit"]["changes"][uri].as_array().map_or(&[][..], Vec::as_slice));
    assert!(marked.contains("  expect "), "{marked}");
    client.change(uri, 3, &marked);
    let after = client.diagnostics(uri);
    assert!(after.len() < diagnostics.len(), "{after:?}");
    client.finish();
}

#[test]
fn a_scenario_file_is_checked_against_its_agreement() {
    let mut client = Client::start();
    let (uri, text) = example("frailty-network.scenarios");
    let (agreement_uri, agreement) = example("frailty-network.concord");
    let diagnostics = client.open(&uri, &text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let (line, column) = find(&text, "in favour: hhft", 12);
    let definition = client.at("textDocument/definition", &uri, line, column);
    assert_eq!(definition["result"]["uri"], json!(agreement_uri), "{definition}");
    let (member_line, _) = find(&agreement, "member hhft", 0);
    assert_eq!(definition["result"]["range"]["start"]["line"], json!(member_line));
    let hover = client.at("textDocument/hover", &uri, line, column);
    assert!(hover["result"]["contents"]["value"].as_str().unwrap_or("").contains("Hillingdon Hospitals"));
    // A misspelt voter is reported in the scenario file.
    client.change(&uri, 2, &text.replacen("in favour: hhft,", "in favour: hhtf,", 1));
    let diagnostics = client.diagnostics(&uri);
    assert!(diagnostics.iter().any(|d| d["message"].as_str().unwrap_or("").contains("hhft")), "{diagnostics:?}");
    client.finish();
}

#[test]
fn a_broken_edit_and_back() {
    let mut client = Client::start();
    let (uri, text) = example("care-trust.concord");
    let clean = client.open(&uri, &text);
    let broken = format!("{}\n  passes if at least", &text[..text.len() / 2]);
    client.change(&uri, 2, &broken);
    let diagnostics = client.diagnostics(&uri);
    assert!(diagnostics.iter().any(|d| d["severity"] == json!(1)), "{diagnostics:?}");
    // Hover and completion still work from the last agreement that read.
    let (line, column) = find(&text, "member ", 8);
    let hover = client.at("textDocument/hover", &uri, line, column);
    assert!(hover["result"]["contents"]["value"].as_str().is_some(), "{hover}");
    let end_line = broken.matches('\n').count();
    let completion = client.at("textDocument/completion", &uri, end_line, 5);
    assert!(completion["result"].as_array().is_some_and(|a| !a.is_empty()), "{completion}");
    client.change(&uri, 3, &text);
    assert_eq!(client.diagnostics(&uri), clean);
    client.finish();
}

#[test]
fn malformed_messages_get_errors_not_a_crash() {
    let mut client = Client::start();
    let bad = client.request("textDocument/hover", json!({"textDocument": 7}));
    assert_eq!(bad["error"]["code"], json!(-32602), "{bad}");
    let unknown = client.request("concord/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], json!(-32601), "{unknown}");
    let closed = client.at("textDocument/hover", "file:///nowhere.concord", 0, 0);
    assert_eq!(closed["result"], Value::Null);
    client.notify("textDocument/didOpen", json!({"textDocument": "not a document"}));
    client.send_raw("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{}}");
    // Frames that are not messages: answered when they have an id, and the server goes on.
    client.send_raw("{not json at all");
    client.send_raw("{\"jsonrpc\":\"2.0\",\"id\":900,\"method\":7}");
    assert_eq!(client.response(900)["error"]["code"], json!(-32600));
    let far = client.at("textDocument/completion", "file:///nowhere.concord", u32::MAX as usize, u32::MAX as usize);
    assert!(far.get("error").is_none(), "{far}");
    client.finish();
}

/// A small random number generator, so the test needs no seed file and repeats exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[test]
fn random_edits_never_crash_or_hang() {
    let edits: usize = std::env::var("CONCORD_LSP_EDITS").ok().and_then(|n| n.parse().ok()).unwrap_or(2_000);
    let mut client = Client::start();
    let (uri, original) = example("frailty-network.concord");
    client.open(&uri, &original);
    let mut rng = Rng(0x005e_edc0_4c0d);
    let pieces = [
        "\n",
        " ",
        "\"",
        "#",
        "ŵ",
        "香港",
        "😀",
        "member ",
        "decision \"x\"\n",
        "  passes if ",
        "hhft",
        "%",
        "£1,000",
        "\r\n",
        "\t",
        ":",
        "expect dummy because \"why\"\n",
    ];
    let mut text = original.clone();
    for version in 2..edits + 2 {
        match rng.below(10) {
            0 => text = original.clone(),
            1..=4 => {
                let at = boundary(&text, rng.below(text.len() + 1));
                text.insert_str(at, pieces[rng.below(pieces.len())]);
            }
            _ => {
                let start = boundary(&text, rng.below(text.len() + 1));
                let end = boundary(&text, start + rng.below(40));
                text.replace_range(start..end, "");
            }
        }
        client.change(&uri, version as i32, &text);
        if version % 50 == 0 {
            let lines = text.matches('\n').count() + 2;
            let (line, column) = (rng.below(lines), rng.below(90));
            for method in [
                "textDocument/hover",
                "textDocument/completion",
                "textDocument/definition",
                "textDocument/prepareRename",
            ] {
                let answer = client.at(method, &uri, line, column);
                assert!(answer.get("error").is_none() || method == "textDocument/prepareRename", "{method}: {answer}");
            }
            let formatting = client.request(
                "textDocument/formatting",
                json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
            );
            assert!(formatting.get("error").is_none(), "{formatting}");
            let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": line, "character": column}});
            let actions = client.request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
            );
            assert!(actions.get("error").is_none(), "{actions}");
            client.queue.clear();
        }
    }
    client.finish();
}
