//! Loading a file from disk or memory: bytes checked as text, then read and resolved.
//!
//! This is where the limits on input are enforced before any parsing happens: size (checked
//! from the file's metadata, so a huge file is never read whole) and text encoding.

use std::path::{Path, PathBuf};

use crate::diagnostic::AnyDiagnostic;
use crate::model::{self, Agreement, FileKind, Inputs};
use crate::span::Span;
use crate::syntax::{self, ast, SyntaxError, MAX_FILE_BYTES};

/// A source text with the name it is reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in diagnostics (usually the path as given).
    pub name: String,
    /// The text (lossily decoded when the file is not UTF-8, for showing the error).
    pub text: String,
}

/// Why a file could not be loaded at all.
#[derive(Debug)]
pub enum LoadFailure {
    /// The operating system could not read it.
    Io { path: PathBuf, error: std::io::Error },
    /// It was read, but is not Concord text (too large, not UTF-8).
    Invalid { source: Source, diagnostic: Box<AnyDiagnostic> },
}

impl Clone for LoadFailure {
    fn clone(&self) -> LoadFailure {
        match self {
            LoadFailure::Io { path, error } => {
                LoadFailure::Io { path: path.clone(), error: std::io::Error::new(error.kind(), error.to_string()) }
            }
            LoadFailure::Invalid { source, diagnostic } => {
                LoadFailure::Invalid { source: source.clone(), diagnostic: diagnostic.clone() }
            }
        }
    }
}

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadFailure::Io { path, error } => write!(f, "cannot read `{}`: {}", path.display(), plain_io(error)),
            LoadFailure::Invalid { source, diagnostic } => write!(f, "{}: {}", source.name, diagnostic),
        }
    }
}

/// An I/O error in words a drafter understands.
pub fn plain_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "there is no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission to read it was refused".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        _ => error.to_string(),
    }
}

/// Reads a file as Concord text, enforcing the size limit and UTF-8.
///
/// The limit holds for whatever the path names: a regular file, a device such as `/dev/zero`,
/// a FIFO or `/dev/stdin`. At most one byte more than the limit is ever read, and the file is
/// read exactly once, so a pipe gives its text to this call and nothing is lost.
pub fn read_source(path: &Path) -> Result<Source, LoadFailure> {
    let bytes = read_bytes(path)?;
    source_from_bytes(path.display().to_string(), bytes)
}

/// Reads a file's bytes as they are on disk, with the limits of [`read_source`] and, like it,
/// exactly once (`concord fmt` compares them with the formatted text).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadFailure> {
    let name = path.display().to_string();
    let io = |error| LoadFailure::Io { path: path.to_path_buf(), error };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(io(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory")));
    }
    // A regular file that says it is too large is refused without opening it.
    if metadata.is_file() && metadata.len() > MAX_FILE_BYTES as u64 {
        let size = usize::try_from(metadata.len()).unwrap_or(usize::MAX);
        return Err(too_large(name, Some(size)));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = read_limited(file).map_err(io)?;
    match bytes {
        Limited::Whole(bytes) => Ok(bytes),
        Limited::TooLarge => Err(too_large(name, None)),
    }
}

/// What a bounded read found.
#[derive(Debug)]
pub enum Limited {
    /// Everything there was, within the limit.
    Whole(Vec<u8>),
    /// More than [`MAX_FILE_BYTES`]; reading stopped one byte past the limit.
    TooLarge,
}

/// Reads at most [`MAX_FILE_BYTES`] bytes (and one more, to know there was more).
pub fn read_limited(reader: impl std::io::Read) -> std::io::Result<Limited> {
    use std::io::Read;
    let mut bytes = Vec::new();
    // BOUND: MAX_FILE_BYTES is 8 MiB, far from u64::MAX.
    #[allow(clippy::arithmetic_side_effects)]
    let cap = MAX_FILE_BYTES as u64 + 1;
    reader.take(cap).read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        Ok(Limited::TooLarge)
    } else {
        Ok(Limited::Whole(bytes))
    }
}

fn too_large(name: String, size: Option<usize>) -> LoadFailure {
    let at = Span::new(0, 0).into();
    let diagnostic = match size {
        Some(size) => SyntaxError::FileTooLarge { size, limit: MAX_FILE_BYTES, at },
        None => SyntaxError::InputTooLarge { limit: MAX_FILE_BYTES, at },
    };
    LoadFailure::Invalid { source: Source { name, text: String::new() }, diagnostic: Box::new(diagnostic.into()) }
}

/// Checks bytes as Concord text.
///
/// A UTF-8 byte-order mark at the start is dropped (some editors on Windows write one), and a
/// carriage return that is not followed by a line feed (old Mac line endings) is read as a line
/// break. Both keep every other byte where it was, apart from the three bytes of the mark.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<Source, LoadFailure> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(name, Some(bytes.len())));
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let lone_cr: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i.saturating_add(1)) != Some(&b'\n'))
        .map(|(i, _)| i)
        .collect();
    for i in lone_cr {
        if let Some(b) = bytes.get_mut(i) {
            *b = b'\n';
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source { name, text }),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // In the lossy text the bad byte became U+FFFD (three bytes) at the same offset.
            Err(LoadFailure::Invalid {
                source: Source { name, text },
                diagnostic: Box::new(SyntaxError::NotText { at: Span::new(at, at.saturating_add(3)).into() }.into()),
            })
        }
    }
}

/// A file read and, where it is an agreement, resolved.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The syntax tree (what could be read).
    pub file: ast::File,
    /// What the file holds.
    pub kind: FileKind,
    /// The resolved agreement, when the file is an agreement (present even with errors).
    pub agreement: Option<Agreement>,
    /// Every problem found, syntax first.
    pub diagnostics: Vec<AnyDiagnostic>,
}

impl Loaded {
    /// Whether any problem stops evaluation.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity_level() == crate::diagnostic::Severity::Error)
    }
}

/// Reads and resolves one text.
pub fn load(text: &str) -> Loaded {
    let parsed = syntax::parse(text);
    let mut diagnostics: Vec<AnyDiagnostic> = parsed.errors.into_iter().map(Into::into).collect();
    let kind = FileKind::of(&parsed.file);
    let agreement = match kind {
        FileKind::Agreement | FileKind::Empty => {
            let (agreement, errors) = model::lower_agreement(&parsed.file);
            // An empty file with syntax errors already said what is wrong.
            if kind != FileKind::Empty || diagnostics.is_empty() {
                diagnostics.extend(errors.into_iter().map(Into::into));
            }
            agreement
        }
        FileKind::Scenarios | FileKind::Inputs => None,
    };
    Loaded { file: parsed.file, kind, agreement, diagnostics }
}

/// Resolves a scenario or proposal file's syntax tree against an agreement.
pub fn load_inputs(agreement: &Agreement, file: &ast::File) -> (Inputs, Vec<AnyDiagnostic>) {
    let (inputs, errors) = model::lower_inputs(agreement, file);
    (inputs, errors.into_iter().map(Into::into).collect())
}
