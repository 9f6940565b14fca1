//! The documents the editor has open, each with its latest text and, once asked for, what the
//! checker makes of it. A text that does not read keeps the last agreement that did, so hover
//! and completion go on working while the drafter types.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use lsp_types::Uri;

use super::names::{self, Symbol, Token};
use super::position::Lines;
use crate::check::intended::Intended;
use crate::diagnostic::AnyDiagnostic;
use crate::load::{self, Loaded};
use crate::model::{Agreement, FileKind};

/// A text with its line index and words.
#[derive(Debug, Clone)]
pub struct Text {
    /// Where it is.
    pub uri: Uri,
    /// The text.
    pub text: String,
    /// Its lines.
    pub lines: Lines,
    /// Its words and quoted texts.
    pub tokens: Vec<Token>,
}

impl Text {
    /// Indexes `text`.
    pub fn new(uri: Uri, text: String) -> Text {
        let lines = Lines::new(&text);
        let tokens = names::tokens(&text);
        Text { uri, text, lines, tokens }
    }
}

/// The agreement names are taken from: the file itself, or the agreement a scenario file tests.
#[derive(Debug, Clone)]
pub struct Agreed {
    /// The agreement's text (the document's own, or the file a scenario file names).
    pub text: Arc<Text>,
    /// The resolved agreement, when one has read (perhaps from an earlier text).
    pub agreement: Option<Arc<Agreement>>,
    /// Its declarations, found in `text`.
    pub symbols: Vec<Symbol>,
}

/// What the checker makes of one text.
#[derive(Debug)]
pub struct Analysis {
    /// The text read.
    pub loaded: Loaded,
    /// Every problem reported.
    pub diagnostics: Vec<AnyDiagnostic>,
    /// The findings its `expect` clauses intend.
    pub intended: Vec<Intended>,
    /// The agreement its names come from (for a scenario file, the one it names).
    pub agreed: Option<Agreed>,
}

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// Its text.
    pub text: Arc<Text>,
    /// The file on disk, when the URI names one.
    pub path: Option<PathBuf>,
    /// The editor's version.
    pub version: i32,
    analysis: Option<Analysis>,
    last_good: Option<Arc<Agreement>>,
}

impl Document {
    /// A document opened with `text`.
    pub fn new(uri: Uri, text: String, version: i32) -> Document {
        let path = uri_to_path(&uri);
        Document { text: Arc::new(Text::new(uri, text)), path, version, analysis: None, last_good: None }
    }

    /// Replaces the text; it is checked again when next asked about.
    pub fn change(&mut self, text: String, version: i32) {
        let uri = self.text.uri.clone();
        self.text = Arc::new(Text::new(uri, text));
        self.version = version;
        self.analysis = None;
    }

    /// Forgets the analysis, so the text is checked again (its agreement on disk has changed).
    pub fn invalidate(&mut self) {
        self.analysis = None;
    }

    /// Whether the latest text has been checked.
    pub fn is_checked(&self) -> bool {
        self.analysis.is_some()
    }

    /// What the checker makes of the latest text (checked now if it has not been).
    pub fn analysis(&mut self) -> &Analysis {
        let analysis = match self.analysis.take() {
            Some(analysis) => analysis,
            None => {
                let analysis = analyse(&self.text, self.path.as_deref(), self.last_good.clone());
                if let Some(Agreed { agreement: Some(a), .. }) = &analysis.agreed {
                    if analysis.loaded.kind == FileKind::Agreement {
                        self.last_good = Some(Arc::clone(a));
                    }
                }
                analysis
            }
        };
        self.analysis.insert(analysis)
    }
}

/// Reads and checks a text. `last_good` stands in for the agreement when this text does not read.
pub fn analyse(text: &Arc<Text>, path: Option<&Path>, last_good: Option<Arc<Agreement>>) -> Analysis {
    let loaded = load::load(&text.text);
    let folder = path.and_then(Path::parent);
    let (diagnostics, intended) = crate::commands::check::diagnose(&loaded, folder);
    let reads = !loaded.diagnostics.iter().any(|d| matches!(d, AnyDiagnostic::Syntax(_)));
    let agreed = match loaded.kind {
        FileKind::Agreement | FileKind::Empty => {
            let agreement = match (&loaded.agreement, reads) {
                (Some(a), true) => Some(Arc::new(a.clone())),
                _ => last_good,
            };
            let extra: Vec<String> = agreement.iter().flat_map(|a| a.kinds.iter().map(|k| k.name.clone())).collect();
            let symbols = names::declarations(&text.text, &text.tokens, &extra);
            Some(Agreed { text: Arc::clone(text), agreement, symbols })
        }
        FileKind::Scenarios => target(&loaded, folder),
        FileKind::Inputs => None,
    };
    Analysis { loaded, diagnostics, intended, agreed }
}

/// The agreement a scenario file names, read from disk.
fn target(loaded: &Loaded, folder: Option<&Path>) -> Option<Agreed> {
    let (path, source, agreement) = crate::commands::check::scenarios_agreement(loaded, folder).ok()?;
    let uri = path_to_uri(&path)?;
    let text = Arc::new(Text::new(uri, source.text));
    let extra: Vec<String> = agreement.kinds.iter().map(|k| k.name.clone()).collect();
    let symbols = names::declarations(&text.text, &text.tokens, &extra);
    Some(Agreed { text, agreement: Some(Arc::new(agreement)), symbols })
}

/// The file a `file:` URI names.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let rest = rest.find('/').map(|i| rest.get(i..).unwrap_or(rest))?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = rest.get(i.saturating_add(1)..i.saturating_add(3)).and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                i = i.saturating_add(3);
                continue;
            }
        }
        out.push(b);
        i = i.saturating_add(1);
    }
    let path = String::from_utf8(out).ok()?;
    // `file:///C:/…` on Windows.
    let path = match path.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => path.get(1..)?.to_string(),
        _ => path,
    };
    Some(PathBuf::from(path))
}

/// The `file:` URI of a path (made absolute from the current folder).
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().ok()?.join(path) };
    let text = absolute.to_str()?.replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_uris() {
        let path = Path::new("/tmp/Cytundeb ŵyr/agreement #1.concord");
        let uri = path_to_uri(path);
        assert_eq!(uri.as_ref().map(|u| u.as_str()), Some("file:///tmp/Cytundeb%20%C5%B5yr/agreement%20%231.concord"));
        assert_eq!(uri.as_ref().and_then(uri_to_path), Some(path.to_path_buf()));
    }

    #[test]
    fn a_broken_text_keeps_the_last_agreement() {
        let uri = Uri::from_str("untitled:one").ok();
        let Some(uri) = uri else { return };
        let mut doc = Document::new(uri, "agreement \"A\"\n\nmember a\n\nmember b\n".into(), 1);
        assert!(doc.analysis().agreed.as_ref().is_some_and(|a| a.agreement.is_some()));
        doc.change("agreement \"A\"\n\nmember a\n  budget £\n\nmember".into(), 2);
        let agreed = doc.analysis().agreed.as_ref();
        assert_eq!(agreed.and_then(|a| a.agreement.as_ref()).map(|a| a.members.len()), Some(2));
    }
}
