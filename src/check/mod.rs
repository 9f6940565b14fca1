//! The checker (in progress).
