//! Sentences for votes cast in a member's place (substitutes and proxies).

use crate::eval::{CastInPlace, Name};

/// What the working says about a vote cast in `member`'s place.
pub(super) fn cast_in_place_sentence(member: &Name, c: &CastInPlace) -> String {
    let by = match &c.holder {
        Some(h) => format!("by {h}, holding its proxy"),
        None => "by a substitute".to_string(),
    };
    let how = if c.holder.is_some() { "by proxy" } else { "by substitute" };
    match &c.allowed_by {
        Some(place) => format!("{member}'s vote was cast {by}, as line {}: `{}` allows.", place.line, place.text),
        None => format!(
            "{member}'s vote was cast {by}, and is disregarded: the agreement does not let {member} vote {how}, so {member} counts as absent."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::StandIn;

    #[test]
    fn a_disallowed_proxy_is_disregarded_in_words() {
        let c =
            CastInPlace { by: StandIn::Proxy, holder: Some(Name::from("lbh")), allowed_by: None, disregarded: true };
        let s = cast_in_place_sentence(&Name::from("gpfed"), &c);
        assert_eq!(
            s,
            "gpfed's vote was cast by lbh, holding its proxy, and is disregarded: the agreement does not let gpfed vote by proxy, so gpfed counts as absent."
        );
    }
}
