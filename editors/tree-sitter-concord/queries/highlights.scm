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
  "concerned" "concerning" "default" "applies" "opt" "out" "opted" "person" "presiding" "designated" "substitute" "drawn" "organisations" "proxies" "proxy"
  "alternates" "rotates" "between" "exactly" "many" "different"
  "reserved" "must" "also" "pass" "own" "governance" "approve" "subject" "approval" "given" "withheld" "yet"
  "lose" "they" "conflicted" "takes" "part" "agree" "taking" "represented"
  "request" "be" "proposed" "holding" "ask" "have" "postponed" "who" "needs" "after" "breach" "unremedied" "requested" "asking" "postponement" "notified" "remedied" "little" "too" "cure" "run" "proposer" "jointly" "called" "validly"
  "decides" "passing" "becomes" "leaves" "applicant" "joins"
  "missed" "absence" "cause" "had" "reasonable" "able" "attend" "future" "meetings" "will" "awaiting"
  "attending" "attended" "last" "without" "enough" "long" "excused"
  "absent" "advance" "lodge" "lodged" "row" "time" "times"
  "carried" "forward" "next" "year" "this" "less" "follows" "contribute" "approved" "did" "carry"
  "election" "candidates" "candidate" "elected" "elect" "lot" "tied"
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
; Reserved matters, approvals and conflicts (issue 21).
(reserved_clause "to" @keyword)
(reserved_clause "and" @keyword)
(reserved_clause "the" @keyword)
(approval_clause "to" @keyword)
(subject_to_approval "to" @keyword)
(conflict_clause "a" @keyword)
(conflict_clause "member" @keyword)
(conflict_clause "members" @keyword)
(conflict_clause "present" @keyword)
(loss_condition "loses" @keyword)
(loss_condition "proposal" @keyword)
(represented_condition "bloc" @keyword)
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
; Offices and the make-up of the membership (issue 21).
(office_one_of "one" @keyword)
(office_one_of "members" @keyword)
(office_holder "members" @keyword)
(office_alternates "to" @keyword)
(office_window "to" @keyword)
(office_clause "the" @keyword)
(casting_office_clause "vote" @keyword)
(seat_count "at" @keyword)
(seat_count "least" @keyword)
(seat_count "and" @keyword)
(seat_at_most "at" @keyword)
(seat_at_most "no" @keyword)
(seat_at_most "more" @keyword)
(seat_at_most "than" @keyword)
(seat_parity "members" @keyword)
(offices_apart "and" @keyword)
(offices_apart "members" @keyword)
(seats_drawn_apart "the" @keyword)
(seats_drawn_apart "members" @keyword)
(seats_drawn_apart "are" @keyword)
(seats_drawn_apart "from" @keyword)
(seats_drawn_apart "different" @keyword)
(drawn_from "from" @keyword)
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
; Instalments (C41).
(fund_instalments "members" @keyword)
(fund_instalments "than" @keyword)
(fund_instalments "host" @keyword)
(fund_instalments "pay" @keyword)
(fund_instalments "contributions" @keyword)
(fund_instalments "contribution" @keyword)
(fund_instalments "in" @keyword)
(fund_instalments "equal" @keyword)
(fund_instalments "instalments" @keyword)
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
(notice_clause "a" @keyword)
(notice_clause "proposal" @keyword)
(cure_clause "a" @keyword)
(cure_clause "for" @keyword)
(absence_clause "for" @keyword)
(excuse_limb "a" @keyword)
(cause_fact "a" @keyword)
(attending_line "a" @keyword)
(attending_line "vote" @keyword)
(excuse_limb "to" @keyword)
(future_fact "to" @keyword)
(absence_clause "member" @keyword)
(excuse_limb "member" @keyword)
(future_fact "member" @keyword)
(cause_fact "no" @keyword)
(attendance_quorum "voting" @keyword)
(reason "for" @keyword)
(lodging_limit "a" @keyword)
(lodging_clause "vote" @keyword)
(lodged_before_line "vote" @keyword)
(lodging_clause "member" @keyword)
(lodging_clause "in" @keyword)
(lodging_limit "in" @keyword)
(lodged_line "in" @keyword)
(lodging_limit "at" @keyword)
(at_the_last "at" @keyword)
(proposer "members" @keyword)
(proposer "member" @keyword)
(meeting_callers_clause "a" @keyword)
(postponement_clause "members" @keyword)
(postponement_clause "votes" @keyword)
(postponement_clause "eligible" @keyword)
(postponement_line "for" @keyword)
(timed_escalation_clause "to" @keyword)
; Blocs' own rules, changes on passing, leaving by kind (issue 21).
(bloc_casting "a" @keyword)
(bloc_casting "vote" @keyword)
(bloc_casting "bloc" @keyword)
(effect_joins "a" @keyword)
(effect_joins "member" @keyword)
(concerned_member "member" @keyword)
(effect_leaves "member" @keyword)
(leaving_notice "members" @keyword)
(leaving_notice "for" @keyword)
; Elections (C98).
(election_needs "a" @keyword)
(lot_line "to" @keyword)
(election_candidates "members" @keyword)
(casting_for_line "vote" @keyword)
(election_plurality "votes" @keyword)
(votes_for_line "votes" @keyword)
(voter_votes_line "votes" @keyword)
(votes_for_line "for" @keyword)
(voter_votes_line "for" @keyword)
(casting_for_line "for" @keyword)
