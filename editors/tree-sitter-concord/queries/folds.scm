;; Folds for Concord: a block (its header and clauses) and a rule that runs over several lines.
[
  (agreement_block)
  (member_block)
  (voting_block)
  (bloc_block)
  (decision_block)
  (savings_block)
  (deficits_block)
  (budget_block)
  (membership_block)
  (proposal_block)
  (result_block)
  (scenarios_block)
  (scenario_block)
  (rule_clause)
  (quorum_clause)
  (group)
] @fold
