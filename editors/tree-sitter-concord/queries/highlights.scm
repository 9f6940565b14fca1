;; Highlights for Concord, the language of alliance agreements.
;;
;; Each node is captured once; a keyword inside a node captured as a whole (a comparator, a side,
;; a role, a governance form, a fraction) takes that node's colour. The script
;; test/highlights-cover.js checks that every keyword of the grammar is highlighted.

(comment) @comment

(string) @string

; Block headers: the keyword that opens a block, and the name it declares.
(agreement_header "agreement" @keyword.type)
(member_header "member" @keyword.type)
(voting_header "voting" @keyword.type)
(bloc_header "bloc" @keyword.type)
(decision_header "decision" @keyword.type)
(savings_header "savings" @keyword.type)
(deficits_header "deficits" @keyword.type)
(fund_header (fund_kind) @keyword.type)
(budget_header) @keyword.type
(membership_header) @keyword.type
(proposal_header "proposal" @keyword.type)
(result_header "result" @keyword.type)
(scenarios_header "scenarios" @keyword.type "for" @keyword.type)
(scenario_header "scenario" @keyword.type)

(member_header name: (identifier) @constant)
(bloc_header name: (identifier) @module)
(the_bloc name: (identifier) @module)

; Names: members, kinds.
(member_ref (identifier) @constant)
(kind_filter (identifier) @type)
(name_list (identifier) @type)

; Figures.
[
  (amount)
  (percent)
  (number)
  (integer)
  (ratio)
  (share_count)
  (fraction_word)
  (duration_unit)
] @number

(date) @string.special
(currency_code) @constant.builtin
(code_path) @string.special.symbol

; Rules.
[
  "and"
  "or"
] @keyword.operator
[
  (at_least)
  (more_than)
  (at_most)
  (less_than)
] @operator

[
  (in_favour)
  (against)
  (abstaining)
  (present)
  (voting_side)
  (outcome_word)
  (unanimous)
] @constant.builtin

[
  (lead_provider)
  (chair_role)
  (observer_role)
  (host_role)
] @attribute

(governance_form) @constant
[
  (figure_name)
  (share_basis)
] @property

[
  (eligible)
  (cast)
  (member_word)
  (votes_word)
  (gains)
  (loses)
  (receives)
  (bears)
  (everything)
] @keyword

; Every other keyword.
[
  "accession" "actual" "all" "an" "any" "are" "as" "balance" "bear" "because" "budgets" "by"
  "capitated" "casting" "commissioners" "commits" "committed" "compensation" "contingency"
  "cost" "currency" "dated" "decided" "deed" "do" "does" "duties" "each" "effective" "equally"
  "escalate" "escalated" "every" "excluded" "exist" "expect" "expulsion" "fell" "finding"
  "first" "forfeits" "form" "from" "fund" "gaining" "has" "hold" "if" "income" "insurance"
  "intervention" "is" "it" "its" "joining" "kind" "kinds" "leaving" "majority" "may" "meeting" "minimum"
  "minor" "not" "notice" "of" "on" "only" "operations" "other" "over" "passes" "payments" "pays"
  "period" "personal" "plus" "pool" "proportion" "propose" "provided" "puts" "quorum" "reconvened" "requires"
  "rest" "say" "service" "set" "shared" "signs" "simple" "standard" "statutory" "team" "the"
  "their" "then" "tie" "together" "unallocated" "unit" "unknown" "until" "up" "veto" "voted"
  "when" "whose" "within"
  "hosted" "contributes" "overspends" "underspends" "lines" "offset" "before" "sharing" "partner"
  "unless" "agrees" "line" "commissioned" "rule" "capped" "was" "agreed" "most"
  "rounded" "down" "nearest" "pennies" "with" "below" "receive" "nothing"
  "concerned" "concerning" "default" "applies" "opt" "out" "opted" "person" "presiding" "designated" "substitute" "proxies" "proxy"
  "carried" "forward" "next" "year" "subject" "this" "less" "follows" "contribute"
  "own" "approval" "approved" "approve" "did" "carry"
] @keyword

; Words that are keywords here and part of a larger whole elsewhere.
(ambiguous_majority "a" @keyword)
(on_tie "a" @keyword)
(joining_accession "a" @keyword)
(leaving_forfeit "a" @keyword)
(leaving_loses_say "a" @keyword)
(leaving_pays "a" @keyword)
(statutory_condition "at" @keyword)
(duties_at_risk "at" @keyword)
(reconvened_line "at" @keyword)
(reconvened_line "a" @keyword)
(each_bloc "bloc" @keyword)
(the_bloc "bloc" @keyword)
(committed_scheme "budget" @keyword)
(capitated_line "budget" @keyword)
(revenue_change "budget" @keyword)
(decision_line "decision" @keyword)
(reason "decision" @keyword)
(explicit_scheme "for" @keyword)
(half_plus_one "half" @keyword)
(committed_scheme "in" @keyword)
(proportional_scheme "in" @keyword)
(leaving_loses_say "loses" @keyword)
(one_member_one_vote "member" @keyword)
(explicit_scheme "member" @keyword)
(joining_accession "member" @keyword)
(leaving_forfeit "member" @keyword)
(leaving_loses_say "member" @keyword)
(leaving_pays "member" @keyword)
(reason "member" @keyword)
(reserved_share "members" @keyword)
(bloc_members_of_kind "members" @keyword)
(bloc_members "members" @keyword)
(gain_exclusion "members" @keyword)
(only_kind_votes "members" @keyword)
(kind_excluded "members" @keyword)
(compensation_step "members" @keyword)
(none_condition "no" @keyword)
(reason "no" @keyword)
(reason "observer" @keyword)
(one_member_one_vote "one" @keyword)
(half_plus_one "one" @keyword)
(performance_line "performance" @keyword)
(committed_scheme "proposal" @keyword)
(if_rejected "rejected" @keyword)
(statutory_condition "risk" @keyword)
(duties_at_risk "risk" @keyword)
(period_clause "to" @keyword)
(committed_scheme "to" @keyword)
(proportional_scheme "to" @keyword)
(escalation_clause "to" @keyword)
(reinvest_step "to" @keyword)
(compensation_step "to" @keyword)
(insurance_step "to" @keyword)
(risk_share_step "to" @keyword)
(escalated_to "to" @keyword)
(expect_outcome "to" @keyword)
(one_member_one_vote "vote" @keyword)
(gain_exclusion "vote" @keyword)
(only_kind_votes "vote" @keyword)
(kind_excluded "vote" @keyword)
(member_excluded "vote" @keyword)
(casting_vote_clause "vote" @keyword)
(casting_line "vote" @keyword)
(casting_by "vote" @keyword)
(votes_clause "votes" @keyword)
(reserved_share "votes" @keyword)
(decision_voting "voting" @keyword)
(risk_pool_step "to" @keyword)
(risk_pool_step "risk" @keyword)
(risk_mode "risk" @keyword)
(risk_mode "share" @keyword)
(risk_mode "no" @keyword)
(fund_cap "contribution" @keyword)
(fund_cap "at" @keyword)
(fund_cap "bears" @keyword)
(line_cap "at" @keyword)
(expect_share "in" @keyword)
(stated_rounding "to" @keyword)
(stated_rounding "members" @keyword)
(exemption "members" @keyword)
(membership_condition "membership" @keyword)
(concerned_excluded "member" @keyword)
(concerned_excluded "vote" @keyword)
(opt_out_allowed "members" @keyword)
; Substitutes and proxies (issue 21).
(substitutes_clause "a" @keyword)
(designated_substitute "a" @keyword)
(substitutes_clause "members" @keyword)
(proxies_clause "members" @keyword)
(substitutes_clause "vote" @keyword)
(proxies_clause "vote" @keyword)
(casting_presiding_clause "vote" @keyword)
(substitutes_clause "member" @keyword)
(proxy_limit_clause "member" @keyword)
(proxy_limit_clause "no" @keyword)
(proxy_limit_clause "more" @keyword)
(proxy_limit_clause "than" @keyword)
; Conditional money (issue 16).
(fund_income "at" @keyword)
(fund_income "least" @keyword)
(fund_income "fall" @keyword)
(fund_income "rise" @keyword)
(measure_line "rose" @keyword)
(cause_rule "overspend" @keyword)
(cause_line "overspend" @keyword)
(cause_rule "caused" @keyword)
(cause_line "caused" @keyword)
(cause_rule "maladministration" @keyword)
(cause_line "maladministration" @keyword)
(cause_rule "borne" @keyword)
(cause_rule "responsible" @keyword)
; Across years (issue 16, item 4).
(carry_step "to" @keyword)
(fund_uplift "contributions" @keyword)
(fund_contributors "members" @keyword)
(expect_carried "in" @keyword)

; Punctuation.
[
  ","
  ":"
] @punctuation.delimiter
[
  "("
  ")"
] @punctuation.bracket
[
  "'s"
  "’s"
  "'"
  "’"
] @punctuation.special
