;; Indentation for Concord (Neovim's nvim-treesitter captures).
;; The clauses of a block sit one level under its header, which stays at column 0; inside
;; parentheses a rule goes one level deeper and the closing parenthesis comes back.
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
] @indent.begin

(group) @indent.begin
(group ")" @indent.branch)

(comment) @indent.auto
