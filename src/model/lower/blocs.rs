//! A bloc's own rule and casting vote.

use super::*;
use crate::model::error::KindsError;

impl<'f> Lowerer<'f> {
    /// `decides by COMPARATOR PROPORTION of its BASE`, refused where it would not say when the bloc
    /// is for or against.
    pub(super) fn bloc_rule(
        &mut self,
        bloc: &str,
        comparator: &Spanned<ast::Comparator>,
        proportion: &Spanned<ast::Proportion>,
        base: &ast::Base,
        span: Span,
    ) -> Option<BlocRule> {
        let comparator_node: Comparator = comparator.node.into();
        let proportion = proportion.map(Into::into);
        let refuse = |why: &str, help: &str| {
            LowerError::Kinds(Box::new(KindsError::BlocRule {
                bloc: bloc.to_string(),
                at: span.into(),
                why: why.to_string(),
                help: help.to_string(),
            }))
        };
        if matches!(comparator_node, Comparator::AtMost | Comparator::LessThan) {
            self.errors.push(refuse(
                "a bloc decides by the side that reaches a threshold",
                "write `decides by at least …` or `decides by more than …`",
            ));
            return None;
        }
        if crate::model::blocs::both_sides_possible(comparator_node, &proportion.node) {
            self.errors.push(refuse(
                "an even split would carry the bloc both for and against",
                "a bloc's rule must need more than half: write `decides by more than half of its votes cast` or a larger share",
            ));
            return None;
        }
        Some(BlocRule { comparator: comparator_node, proportion, base: self.base(base)?, span })
    }

    /// `on a tie within the bloc, MEMBER has the casting vote`, for the bloc just read: its holder
    /// must be one of the bloc's members.
    pub(super) fn bloc_casting(&mut self, holder: Spanned<MemberId>) {
        let Some(bloc) = self.blocs.last() else { return };
        if !bloc.members.contains(&holder.node) {
            let key = self.members.get(holder.node.index()).map_or_else(String::new, |m| m.key.clone());
            self.errors.push(LowerError::Kinds(Box::new(KindsError::BlocCastingVote {
                bloc: bloc.key.clone(),
                holder: key.clone(),
                at: holder.span.into(),
                why: "not a member of the bloc".to_string(),
                help: format!(
                    "a tie within a bloc is settled by one of its own members: name a member of the {} bloc, or add {key} to it",
                    bloc.key
                ),
            })));
            return;
        }
        if let Some(bloc) = self.blocs.last_mut() {
            bloc.casting_vote = Some(holder);
        }
    }
}
