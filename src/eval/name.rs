//! [`Name`]: a piece of text shared between evaluations, so that a report of hundreds of members
//! copies no names.
//!
//! An [`Evaluator`](super::Evaluator) gathers every member's, kind's and bloc's names into one
//! shared text, once; each name is a slice of it, and copying one only counts a reference.

use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A name or a piece of text: a slice of a shared text.
#[derive(Clone)]
pub struct Name {
    text: Arc<str>,
    start: usize,
    end: usize,
}

impl Name {
    /// A name with a text of its own.
    pub fn new(text: &str) -> Name {
        Name { text: Arc::from(text), start: 0, end: text.len() }
    }

    /// Names for each of `texts`, all slices of one shared text (one allocation in all).
    pub fn many<'s>(texts: impl Iterator<Item = &'s str> + Clone) -> Vec<Name> {
        let mut joined = String::with_capacity(texts.clone().map(str::len).sum());
        let mut bounds = Vec::new();
        for text in texts {
            let start = joined.len();
            joined.push_str(text);
            bounds.push((start, joined.len()));
        }
        let shared: Arc<str> = Arc::from(joined);
        bounds.into_iter().map(|(start, end)| Name { text: Arc::clone(&shared), start, end }).collect()
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
}

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::new(text)
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Name {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_names_share_one_text() {
        let names = Name::many(["hhft", "", "gpfed"].into_iter());
        assert_eq!(names.iter().map(Name::as_str).collect::<Vec<_>>(), ["hhft", "", "gpfed"]);
        assert_eq!(names.first().map(|n| n.to_string()), Some("hhft".to_string()));
        assert_eq!(names.get(2), Some(&Name::new("gpfed")));
        assert_eq!(serde_json::to_string(&names).ok().as_deref(), Some(r#"["hhft","","gpfed"]"#));
    }
}
