//! Elections: the `election "…"` block's clauses and a scenario's lines about an election.

use super::*;

impl Builder {
    pub(super) fn election_clause(&self, clause: &P<'_>) -> Option<ElectionClause> {
        let inner = first_meaningful(clause)?;
        Some(match inner.as_rule() {
            Rule::election_candidates => {
                let which = first_meaningful(&inner)?;
                ElectionClause::Candidates(match which.as_rule() {
                    Rule::candidates_kind => Candidates::Kind(self.ident(&self.need(&which, Rule::ref_name)?)),
                    Rule::candidates_all => Candidates::All,
                    Rule::candidates_list => Candidates::Members(self.member_refs(&which)),
                    _ => {
                        self.shape(&which)?;
                        return None;
                    }
                })
            }
            Rule::election_plurality => ElectionClause::Plurality,
            Rule::election_needs => ElectionClause::Needs,
            Rule::election_lot => ElectionClause::TieByLot,
            Rule::election_casting => ElectionClause::Casting(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            Rule::decision_voting => {
                ElectionClause::Voting(self.weight_scheme(&self.need(&inner, Rule::weight_scheme)?)?)
            }
            Rule::only_kind_votes => ElectionClause::OnlyKind(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::kind_excluded => ElectionClause::KindExcluded(self.ident(&self.need(&inner, Rule::ref_name)?)),
            Rule::member_excluded => {
                ElectionClause::MemberExcluded(self.member_ref(&self.need(&inner, Rule::member_ref)?))
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }

    /// Every `member_ref` directly under `pair`, in order.
    fn member_refs(&self, pair: &P<'_>) -> Vec<Spanned<MemberRef>> {
        children(pair).iter().filter(|p| p.as_rule() == Rule::member_ref).map(|p| self.member_ref(p)).collect()
    }

    pub(super) fn election_input(&self, input: &P<'_>) -> Option<ElectionInput> {
        let inner = first_meaningful(input)?;
        let refs = |p: &P<'_>| self.member_refs(p);
        Some(match inner.as_rule() {
            Rule::elect_line => ElectionInput::Elect(self.string_child(&inner)?),
            Rule::votes_for_line => ElectionInput::VotesFor {
                candidate: self.member_ref(&self.need(&inner, Rule::member_ref)?),
                voters: self.member_list(&self.need(&inner, Rule::member_list)?),
            },
            Rule::voter_votes_line => {
                let both = refs(&inner);
                let [voter, candidate] = both.as_slice() else {
                    self.shape(&inner)?;
                    return None;
                };
                ElectionInput::VoterVotes { voter: voter.clone(), candidate: candidate.clone() }
            }
            Rule::lot_line => ElectionInput::Lot(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            Rule::casting_for_line => ElectionInput::CastingFor(self.member_ref(&self.need(&inner, Rule::member_ref)?)),
            Rule::expect_election => {
                let which = first_meaningful(&inner)?;
                match which.as_rule() {
                    Rule::expect_elected => {
                        ElectionInput::ExpectElected(self.member_ref(&self.need(&which, Rule::member_ref)?))
                    }
                    Rule::expect_tied => ElectionInput::ExpectTied(refs(&which)),
                    _ => {
                        self.shape(&which)?;
                        return None;
                    }
                }
            }
            _ => {
                self.shape(&inner)?;
                return None;
            }
        })
    }
}
