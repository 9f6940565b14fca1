/**
 * Tree-sitter grammar for Concord, the language of alliance agreements.
 *
 * It follows `grammar/concord.pest` (the source of truth) rule for rule, with the rule names
 * kept where they help. Layout is the one thing pest leaves to the Rust reader and this grammar
 * must do itself: a block starts with a header at the very start of a line, its clauses are
 * indented one to a line, and a clause goes on over lines indented more deeply, lines that start
 * with `and`, `or` or `)`, and anywhere inside an open parenthesis. The external scanner
 * (`src/scanner.c`) reads the indentation and gives two zero-width tokens at the end of a line:
 * `_clause_sep` when the next line starts a new clause and `_block_end` when it starts a new
 * block (or the file ends). Everywhere else a line break is plain white space, so a clause left
 * unfinished at the end of its line runs on into the next one, where the Rust reader would
 * report it on its own: either way the clause is an error.
 *
 * Keywords are lowercase words; multi-word phrases such as `passes if` are sequences of words.
 * `tests/editors.rs` checks that every keyword of the pest grammar appears here.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
];

// A figure with digits grouped by commas (42,000,000) and an optional decimal part.
const DECIMAL = /[0-9](,?[0-9])*(\.[0-9]+)?/.source;
const MAGNITUDE = '(bn|m|k)';

/** One or more `rule`, separated by commas. */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)));
}

/** A block: its header line, then its clauses, one to a line. */
function block($, header, clause) {
  if (clause === undefined) {
    return seq(field('header', header), $._block_end);
  }
  return seq(field('header', header), repeat(seq($._clause_sep, clause)), $._block_end);
}

module.exports = grammar({
  name: 'concord',

  externals: $ => [$._clause_sep, $._block_end, $._file_start, $._error_sentinel],

  extras: $ => [/[ \t\r\n\u00A0]/, $.comment],

  word: $ => $.identifier,

  // Words that cannot name a member, kind or bloc (`reserved` in grammar/concord.pest): where a
  // name is expected they are read as keywords, and so refused.
  reserved: {
    global: _ => [
      'commissioners', 'unanimous', 'eligible', 'members', 'member', 'every', 'fewer', 'votes',
      'bloc', 'each', 'half', 'less', 'more', 'only', 'vote', 'all', 'and', 'any', 'not', 'the',
      'an', 'at', 'no', 'or', 'a',
    ],
  },

  conflicts: $ => [
    // `50% of votes present in favour` (present votes are the base) against
    // `50% of members present` (present is the side): one word more decides.
    [$.base],
  ],

  // `shared 50% by allocation, 50% by performance, members with … bear nothing`: inlined, the
  // share mix needs no reduction before the comma, so the next word decides whether another
  // share or the exemption follows.
  inline: $ => [$._share_mix],

  rules: {
    // `_file_start` checks that the first block starts at column 0: an indented line before
    // any header is a clause outside any block.
    source_file: $ => optional(seq($._file_start, repeat($._block))),

    _block: $ => choice(
      $.agreement_block,
      $.member_block,
      $.voting_block,
      $.bloc_block,
      $.decision_block,
      $.savings_block,
      $.deficits_block,
      $.budget_block,
      $.fund_block,
      $.membership_block,
      $.proposal_block,
      $.result_block,
      $.scenarios_block,
      $.scenario_block,
      $.election_block,
    ),

    // ───────────────────────── Lexical ─────────────────────────

    comment: _ => token(seq('#', /[^\r\n]*/)),

    // Member, kind and bloc identifiers: a letter, then letters, digits, `-` or `_`.
    identifier: _ => /[A-Za-z][A-Za-z0-9_-]*/,

    string: _ => token(seq('"', /[^"\r\n]*/, '"')),

    // £42,000,000 · £42m · €2.5m · 42,000,000 GBP
    amount: _ => token(choice(
      new RegExp('[£€$]' + DECIMAL + MAGNITUDE + '?'),
      new RegExp(DECIMAL + MAGNITUDE + '?[ \\t]+[A-Z][A-Z][A-Z]'),
    )),
    percent: _ => token(new RegExp(DECIMAL + '%')),
    number: _ => token(new RegExp(DECIMAL)),
    integer: _ => /[0-9]+/,
    ratio: _ => /[0-9]+\/[0-9]+/,
    currency_code: _ => /[A-Z][A-Z][A-Z]/,

    // 2026-04-01 · 1 April 2026
    date: _ => token(choice(
      /[0-9]{4}-[0-9]{2}-[0-9]{2}/,
      new RegExp('[0-9]{1,2}[ \\t]+(' + MONTHS.join('|') + ')[ \\t]+[0-9]{4}'),
    )),

    // 12 months · 10 working days · 12 months' notice · 1 year's notice
    duration: $ => seq($.integer, $.duration_unit),
    duration_unit: _ => seq(
      choice(
        seq('working', choice('days', 'day')),
        'days', 'day', 'weeks', 'week', 'months', 'month', 'years', 'year',
      ),
      optional(choice('\'s', '’s', '\'', '’')),
    ),

    // A proportion: 70% · 2/3 · half · two thirds · three quarters · a third · a quarter
    proportion: $ => choice($.percent, $.ratio, $.fraction_word),
    fraction_word: _ => choice(
      'half',
      seq('two', 'thirds'),
      seq('three', 'quarters'),
      seq('one', 'third'),
      seq('a', 'third'),
      seq('one', 'quarter'),
      seq('a', 'quarter'),
    ),

    // expect dummy because "…" · expect finding concord::check::gridlock because "…"
    // (in any block of an agreement: findings of that kind are intended)
    intended_finding: $ => seq('expect', optional('finding'), choice($.code_path, $.finding_name), 'because', field('reason', $.string)),
    finding_name: _ => /[a-z][a-z0-9_]*/,

    // expect finding concord::check::dictator
    code_path: _ => /[A-Za-z][A-Za-z0-9_-]*(::[A-Za-z][A-Za-z0-9_-]*)+/,

    // ───────────────────────── Names ─────────────────────────

    name_list: $ => commaSep1($.identifier),
    member_ref: $ => choice($.role_ref, $.identifier),
    role_ref: $ => seq('the', choice($.lead_provider, $.chair_role, $.host_role)),
    member_list: $ => commaSep1($.member_ref),
    kind_filter: $ => $.identifier,

    // ───────────────────────── The agreement ─────────────────────────

    agreement_block: $ => block($, $.agreement_header, choice($._agreement_clause, $.intended_finding)),
    agreement_header: $ => seq('agreement', $.string),
    _agreement_clause: $ => choice(
      $.form_clause,
      $.currency_clause,
      $.effective_clause,
      $.period_clause,
      $.kinds_clause,
      $.quorum_clause,
      $.reconvened_quorum,
      $.substitutes_clause,
      $.proxies_clause,
      $.proxy_limit_clause,
      $.office_clause,
    ),
    // the chair rotates between council members and nhs members every 2 years from 1 April 2026
    // from 1 April 2026 to 31 March 2028, the vice-chair is icb
    office_clause: $ => seq(
      optional($.office_window), 'the', $.identifier,
      choice($.office_one_of, $.office_is, $.office_alternates, $.office_rotates),
    ),
    office_window: $ => choice(
      seq('from', $.date, optional(seq('to', $.date)), optional(',')),
      seq('until', $.date, optional(',')),
    ),
    office_one_of: $ => seq('is', 'one', 'of', 'the', $.kind_filter, 'members'),
    office_is: $ => prec(-1, seq('is', $.member_ref)),
    office_alternates: $ => seq('alternates', 'between', $.holder_list, 'from', 'meeting', 'to', 'meeting'),
    office_rotates: $ => seq('rotates', 'between', $.holder_list, 'every', $.duration, 'from', $.date),
    holder_list: $ => seq($.office_holder, repeat1(seq(choice(seq(',', optional('and')), 'and'), $.office_holder))),
    office_holder: $ => choice(prec(1, seq($.kind_filter, 'members')), $.member_ref),
    // members may vote by substitute · each member has a designated substitute
    substitutes_clause: $ => choice(
      seq(optional(seq('only', $.kind_filter)), 'members', 'may', 'vote', 'by', 'substitute'),
      seq('each', 'member', 'has', 'a', 'designated', 'substitute'),
    ),
    // only nhs members may vote by proxy
    proxies_clause: $ => seq(optional(seq('only', $.kind_filter)), 'members', 'may', 'vote', 'by', 'proxy'),
    // no member may hold more than 1 proxy
    proxy_limit_clause: $ => seq('no', 'member', 'may', 'hold', 'more', 'than', $.integer, choice('proxies', 'proxy')),
    form_clause: $ => seq('form', $.governance_form),
    governance_form: _ => choice(
      seq('lead-provider', 'alliance'),
      seq('provider', 'network'),
      seq('provider', 'collaborative'),
      seq('complementary', 'contracts'),
      seq('section', '75', 'pooled', 'budget'),
      seq('commissioning', 'management', 'organisation'),
      seq('care', 'trust'),
    ),
    currency_clause: $ => seq(
      'currency',
      $.currency_code,
      optional(seq(optional(','), 'minor', 'unit', $.number)),
    ),
    effective_clause: $ => seq('effective', optional('from'), $.date),
    period_clause: $ => seq('period', $.date, 'to', $.date),
    // kinds primary-care, social-care, health, lay
    kinds_clause: $ => seq(choice('kinds', 'kind'), $.name_list),

    // ───────────────────────── Members ─────────────────────────

    member_block: $ => block($, $.member_header, choice($._member_clause, $.intended_finding)),
    member_header: $ => seq('member', field('name', $.identifier), optional($.string)),
    _member_clause: $ => choice($.kinds_clause, $.role_clause, $.votes_clause, $.figure_clause, $.designated_substitute, $.drawn_from),
    // drawn from "Age UK Isle of Wight"
    drawn_from: $ => seq('drawn', 'from', $.string),
    designated_substitute: _ => seq('has', 'a', 'designated', 'substitute'),
    role_clause: $ => choice($.lead_provider, $.chair_role, $.observer_role, $.host_role),
    lead_provider: _ => seq('lead', 'provider'),
    chair_role: _ => 'chair',
    observer_role: _ => 'observer',
    host_role: _ => 'host',
    votes_clause: $ => seq('votes', $.number),
    figure_clause: $ => seq($.figure_name, $._figure_value),
    figure_name: _ => choice(
      'budget',
      'allocation',
      'equity',
      seq('risk', 'share'),
      'reserves',
      seq('investment', 'need'),
      'investment',
      'contribution',
      seq('liability', 'cap'),
      'performance',
    ),
    _figure_value: $ => choice($.amount, $.percent, $.ratio, $.share_count, $.number),
    // equity 3 shares: a member's share is its count over every member's. One token, as in the
    // pest grammar (`3` alone would read as a number).
    share_count: _ => token(seq(/[0-9](,?[0-9])*/, /[ ]+/, choice('shares', 'share'))),

    // ───────────────────────── Voting ─────────────────────────

    voting_block: $ => block($, $.voting_header, choice($._voting_clause, $.intended_finding)),
    voting_header: $ => seq('voting', optional($.weight_scheme)),
    _voting_clause: $ => choice($.weight_scheme, $.reserved_share),
    weight_scheme: $ => choice(
      $.one_member_one_vote,
      $.committed_scheme,
      $.proportional_scheme,
      $.explicit_scheme,
    ),
    one_member_one_vote: _ => seq('one', 'member', 'one', 'vote'),
    committed_scheme: _ => seq(
      'in', 'proportion', 'to', 'budget', 'committed', 'to', 'the', choice('proposal', 'pool'),
    ),
    proportional_scheme: $ => seq('in', 'proportion', 'to', $.figure_name),
    explicit_scheme: _ => seq('as', 'set', 'for', 'each', 'member'),
    // lay members together hold 10% of the votes
    reserved_share: $ => seq(
      $.kind_filter, 'members', 'together', 'hold', $.percent, optional(seq('of', 'the', 'votes')),
    ),

    // ───────────────────────── Blocs ─────────────────────────

    bloc_block: $ => block($, $.bloc_header, choice($._bloc_clause, $.intended_finding)),
    bloc_header: $ => seq('bloc', field('name', $.identifier), optional($.string)),
    _bloc_clause: $ => choice($.bloc_rule, $.bloc_casting, $.bloc_members_of_kind, $.bloc_members),
    // decides by at least two thirds of its votes cast
    bloc_rule: $ => seq('decides', 'by', $.comparator, $.proportion, 'of', choice('its', 'their'), $.bloc_base),
    // on a tie within the bloc, lbh has the casting vote
    bloc_casting: $ => seq(
      'on', 'a', 'tie', 'within', 'the', 'bloc', optional(','), $.member_ref, 'has', 'the', 'casting', 'vote',
    ),
    bloc_members_of_kind: $ => seq('members', 'of', 'kind', $.kind_filter),
    bloc_members: $ => seq('members', $.member_list),

    // ───────────────────────── Elections ─────────────────────────

    // election "deputy chair"
    //   candidates are the ordinary members · only core members vote
    //   the candidate with the most votes is elected · on a tie, it is decided by lot
    election_block: $ => block($, $.election_header, choice($._election_clause, $.intended_finding)),
    election_header: $ => seq('election', $.string),
    _election_clause: $ => choice(
      $.election_candidates,
      $.election_plurality,
      $.election_needs,
      $.election_lot,
      $.casting_vote_clause,
      $.decision_voting,
      $.only_kind_votes,
      $.kind_excluded,
      $.member_excluded,
    ),
    election_candidates: $ => seq('candidates', 'are', choice(
      seq('the', $.identifier, 'members'),
      seq(optional('the'), 'members'),
      seq($.member_ref, repeat(seq(choice(',', 'and', seq(',', 'and')), $.member_ref))),
    )),
    election_plurality: _ => seq('the', 'candidate', 'with', 'the', 'most', 'votes', 'is', 'elected'),
    // a candidate needs …   (read only to be refused: no exhaustive ballot yet)
    election_needs: _ => seq('a', 'candidate', 'needs', /[^\r\n#]*/),
    election_lot: $ => seq($.on_tie, optional(','), 'it', 'is', 'decided', 'by', 'lot'),
    // (in a scenario) elect "deputy chair" · votes for alice: bob, carol · bob votes for alice
    //   · the lot fell to bob · the casting vote was for bob
    _election_input: $ => choice($.elect_line, $.votes_for_line, $.voter_votes_line, $.lot_line, $.casting_for_line),
    elect_line: $ => seq('elect', $.string),
    votes_for_line: $ => seq('votes', 'for', $.member_ref, ':', $.member_list),
    voter_votes_line: $ => seq($.member_ref, 'votes', 'for', $.member_ref),
    lot_line: $ => seq('the', 'lot', 'fell', 'to', $.member_ref),
    casting_for_line: $ => seq('the', 'casting', 'vote', 'was', 'for', $.member_ref),
    // expect elected alice · expect tied between alice and bob
    expect_elected: $ => seq('elected', $.member_ref),
    expect_tied: $ => seq('tied', 'between', $.member_ref, repeat1(seq(choice(',', 'and', seq(',', 'and')), $.member_ref))),

    // ───────────────────────── Decisions ─────────────────────────

    decision_block: $ => block($, $.decision_header, choice($._decision_clause, $.intended_finding)),
    decision_header: $ => seq('decision', $.string),
    _decision_clause: $ => choice(
      $.rule_clause,
      $.decision_voting,
      $.quorum_clause,
      $.reconvened_quorum,
      $.gain_exclusion,
      $.only_kind_votes,
      $.concerned_excluded,
      $.opt_out_allowed,
      $.kind_excluded,
      $.member_excluded,
      $.veto_clause,
      $.casting_presiding_clause,
      $.casting_vote_clause,
      $.casting_office_clause,
      $.escalation_clause,
      $.default_clause,
      $.reserved_clause,
      $.approval_clause,
      $.conflict_clause,
      $.timed_escalation_clause,
      $.proposers_clause,
      $.proposer_rule_clause,
      $.meeting_callers_clause,
      $.postponement_clause,
      $.notice_clause,
      $.cure_clause,
      $.effect_clause,
      $.absence_clause,
      $.excuse_clause,
      $.attendance_quorum,
      $.lodging_clause,
      $.outside_clause,
    ),

    // passes if … · until 31 March 2027, passes if … · from 1 April 2027, passes if …
    // from 1 April 2027 until 31 March 2028, passes if …   (both days included)
    rule_clause: $ => seq(
      optional(choice($.rule_until, $.rule_between, $.rule_from)),
      'passes', 'if',
      $.rule_expr,
    ),
    rule_until: $ => seq('until', $.date, ','),
    rule_between: $ => seq('from', $.date, 'until', $.date, ','),
    rule_from: $ => seq('from', $.date, ','),
    decision_voting: $ => seq('voting', $.weight_scheme),
    quorum_clause: $ => seq('quorum', $.rule_expr),
    // if reconvened, quorum at least 2 members present
    reconvened_quorum: $ => seq('if', 'reconvened', optional(','), 'quorum', $.rule_expr),

    // Conditions joined by `and` or `or`; mixing the two without parentheses is refused by
    // the Rust reader, with its own message, so this grammar accepts it.
    rule_expr: $ => seq($._factor, repeat(seq(choice('and', 'or'), $._factor))),
    _factor: $ => choice($.group, $._condition),
    group: $ => seq('(', $.rule_expr, ')'),

    _condition: $ => choice(
      $.unanimous,
      $.represented_condition,
      $.every_condition,
      $.none_condition,
      $.half_plus_one,
      $.ambiguous_majority,
      $.membership_condition,
      $.threshold,
      $.count_condition,
      $.bloc_condition,
      $.bloc_position,
      $.member_condition,
    ),
    unanimous: _ => 'unanimous',
    // every kind represented · each bloc represented
    represented_condition: _ => seq(choice('every', 'all', 'each'), choice('kind', 'bloc'), 'represented'),
    every_condition: $ => seq(
      choice('every', 'all'), optional($.eligible), optional($.kind_filter), $.member_word, $.side,
    ),
    none_condition: $ => seq(
      'no', optional($.eligible), optional($.kind_filter), $.member_word, $.side,
    ),
    half_plus_one: $ => seq(
      'half', optional('of'), optional('the'), $.base, 'plus', 'one', $.side,
    ),
    // `a majority of …` is refused by the checker: it does not say which majority is meant.
    ambiguous_majority: $ => seq(
      optional('a'),
      choice(seq('simple', 'majority'), 'majority'),
      optional('of'),
      optional('the'),
      $.base,
      $.side,
    ),
    threshold: $ => seq($.comparator, $.proportion, 'of', optional('the'), $.base, $.side),
    // at least half of the membership, rounded up · more than a third of the membership voting,
    // rounded down (a head count worked out from the number of members; without `rounded up` or
    // `rounded down` the Rust reader refuses it)
    membership_condition: $ => seq(
      $.comparator, $.proportion, 'of', optional('the'), 'membership', optional($.side), optional($.rounding),
    ),
    rounding: $ => seq(optional(','), 'rounded', choice($.rounded_up, $.rounded_down)),
    rounded_up: _ => 'up',
    rounded_down: _ => 'down',
    count_condition: $ => seq(
      $.comparator, $.integer, optional($.kind_filter), $.member_word, $.side,
    ),
    bloc_condition: $ => seq(
      $._bloc_subject, $.in_favour, 'by', $.comparator, $.proportion, 'of',
      choice('its', 'their'), $.bloc_base,
    ),
    // each bloc in favour · the health bloc in favour   (by the bloc's own rule)
    bloc_position: $ => prec(-1, seq($._bloc_subject, $.in_favour)),
    _bloc_subject: $ => choice($.each_bloc, $.the_bloc),
    each_bloc: _ => seq('each', 'bloc'),
    the_bloc: $ => seq('the', field('name', $.identifier), 'bloc'),
    member_condition: $ => seq($.member_ref, $.side),

    comparator: $ => choice($.at_least, $.more_than, $.at_most, $.less_than),
    at_least: _ => seq('at', 'least'),
    more_than: _ => seq('more', 'than'),
    at_most: _ => choice(seq('at', 'most'), seq('no', 'more', 'than')),
    less_than: _ => choice(seq('fewer', 'than'), seq('less', 'than')),

    // What a proportion is taken of: every eligible vote unless `cast` or `present` says so.
    base: $ => seq(
      optional($.eligible),
      optional($.kind_filter),
      choice($.votes_word, $.member_word),
      optional(choice($.cast, $.present)),
    ),
    bloc_base: $ => seq(
      optional($.eligible),
      choice($.votes_word, $.member_word),
      optional(choice($.cast, $.present)),
    ),
    eligible: _ => 'eligible',
    cast: _ => 'cast',
    votes_word: _ => choice('votes', 'vote'),
    member_word: _ => choice('members', 'member'),

    side: $ => choice($.in_favour, $.against, $.voting_side, $.present, $.abstaining),
    in_favour: _ => seq('in', 'favour'),
    against: _ => 'against',
    present: _ => 'present',
    abstaining: _ => 'abstaining',
    // present and voting (or voting): in favour or against; an abstention is present, not voting.
    // One token, as in the pest grammar, so that `present and …` still reads as `present` and a
    // further condition.
    voting_side: _ => choice(token(seq('present', ' ', 'and', ' ', 'voting')), 'voting'),

    // members gaining more than 5% of their budget do not vote
    gain_exclusion: $ => seq(
      'members', 'gaining', $.comparator, $.percent, 'of', 'their', $.figure_name,
      'do', 'not', 'vote',
    ),
    only_kind_votes: $ => seq('only', $.kind_filter, 'members', 'vote'),
    kind_excluded: $ => seq($.kind_filter, 'members', 'do', 'not', 'vote'),
    member_excluded: $ => seq($.member_ref, 'does', 'not', 'vote'),
    // the member concerned does not vote   (a proposal names it: `concerning: lbh`)
    concerned_excluded: _ => seq('the', 'member', 'concerned', 'does', 'not', 'vote'),
    // members may opt out   (a proposal lists them: `opted out: lbh, icb`)
    opt_out_allowed: _ => seq('members', 'may', 'opt', 'out'),

    // lbh may veto when its statutory duties are at risk · each bloc may veto
    veto_clause: $ => seq($._veto_holder, 'may', 'veto', optional(choice($.statutory_condition, $.loss_condition))),
    // any member may veto when it loses by the proposal
    loss_condition: _ => seq('when', choice(seq('it', 'loses'), seq('they', 'lose')), 'by', 'the', 'proposal'),
    _veto_holder: $ => choice($.any_member, $.each_bloc, $.the_bloc, $.member_ref),
    any_member: $ => seq('any', optional($.kind_filter), $.member_word),
    statutory_condition: _ => seq(
      'when', choice('its', 'their'), 'statutory', 'duties', 'are', 'at', 'risk',
    ),

    // on a tie, the person presiding has the casting vote
    casting_presiding_clause: $ => seq(
      $.on_tie, optional(','), 'the', 'person', 'presiding', 'has', 'the', 'casting', 'vote',
    ),
    // on a tie, the vice-chair has the casting vote   (an office of the agreement)
    casting_office_clause: $ => prec(-1, seq(
      $.on_tie, optional(','), 'the', $.identifier, 'has', 'the', 'casting', 'vote',
    )),
    // on a tie, the chair has the casting vote
    casting_vote_clause: $ => seq(
      $.on_tie, optional(','), $.member_ref, 'has', 'the', 'casting', 'vote',
    ),
    // on a tie, escalate to "the joint committee" within 10 working days, then "arbitration"
    escalation_clause: $ => seq(
      choice($.on_tie, $.if_rejected),
      optional(','),
      'escalate', 'to',
      commaSep1Then($.escalation_step),
    ),
    on_tie: _ => seq('on', 'a', 'tie'),
    if_rejected: _ => seq('if', 'rejected'),
    escalation_step: $ => seq($.string, optional(seq('within', $.duration))),
    // on passing, the lead provider becomes the member concerned · … the member concerned leaves
    // on passing, the applicant joins as a primary-care member with 2 votes
    effect_clause: $ => seq('on', 'passing', optional(','), choice($.effect_role, $.effect_leaves, $.effect_joins)),
    effect_role: $ => seq(
      'the', choice($.lead_provider, $.chair_role, $.host_role), 'becomes',
      choice($.concerned_member, $.member_ref),
    ),
    concerned_member: _ => seq('the', 'member', 'concerned'),
    effect_leaves: _ => seq('the', 'member', 'concerned', 'leaves'),
    effect_joins: $ => seq(
      'the', 'applicant', 'joins',
      optional(seq('as', choice('a', 'an'), $.kind_filter, 'member')),
      optional(seq('with', $.number, $.votes_word)),
    ),
    // if rejected, the default is "retain the underspend as a contingency"
    default_clause: $ => seq($.if_rejected, optional(','), 'the', 'default', 'is', $.string),
    // reserved to lbh · reserved to lbh, and the meeting must also pass it
    // · reserved to lbh, and its own governance must also approve
    reserved_clause: $ => seq(
      'reserved', 'to', $.member_ref,
      optional(seq(',', 'and', choice(
        seq('the', 'meeting', 'must', 'also', 'pass', 'it'),
        seq('its', 'own', 'governance', 'must', 'also', 'approve'),
      ))),
    ),
    // subject to the approval of "NHS England" · … of each partner's own governance
    approval_clause: $ => seq('subject', 'to', 'the', 'approval', 'of', $.approver),
    // decided by "the Welsh Ministers"   (a body outside the meeting takes the decision, C51)
    outside_clause: $ => seq('decided', 'by', $.string),
    approver: $ => choice(
      $.string,
      seq('each', 'partner', choice('\'s', '’s'), 'own', 'governance'),
      seq($.member_ref, choice('\'s', '’s'), 'own', 'governance'),
    ),
    // a conflicted member takes part only if more than half of the other members present agree
    conflict_clause: $ => seq(
      'a', 'conflicted', 'member', 'takes', 'part', 'only', 'if', $.comparator, $.proportion,
      'of', 'the', 'other', 'members', 'present', 'agree',
    ),
    // if not agreed within 30 days of the request, escalate to "the board", then "mediation"
    timed_escalation_clause: $ => seq(
      'if', 'not', 'agreed', 'within', $.duration, 'of', 'the', 'request', optional(','),
      'escalate', 'to', commaSep1Then($.escalation_step),
    ),
    // may be proposed only by steering members, "the lay panel" or icb
    proposers_clause: $ => seq(
      'may', 'be', 'proposed', 'only', 'by', $.proposer,
      repeat(seq(choice(seq(',', optional('or')), 'or'), $.proposer)),
    ),
    proposer: $ => choice(
      $.string,
      seq(optional('by'), 'any', $.integer, 'members', 'jointly'),
      seq('any', 'member'),
      seq($.kind_filter, 'members'),
      $.member_ref,
    ),
    // a meeting may be called by any member
    meeting_callers_clause: $ => seq(
      'a', 'meeting', 'may', 'be', 'called', 'by', $.proposer,
      repeat(seq(choice(seq(',', optional('or')), 'or'), $.proposer)),
    ),
    // when proposed by "the Commission" or "the High Representative", passes if …
    proposer_rule_clause: $ => seq(
      'when', 'proposed', 'by', $.proposer,
      repeat(seq(choice(seq(',', optional('or')), 'or'), $.proposer)),
      ',', 'passes', 'if', $.rule_expr,
    ),
    // members holding at least 30% of eligible votes who ask may have it postponed
    postponement_clause: $ => seq(
      'members', 'holding', choice($.at_least, $.more_than), $.percent, 'of', 'eligible', 'votes',
      'who', 'ask', 'may', 'have', 'it', 'postponed',
    ),
    // a proposal needs 7 days' notice
    notice_clause: $ => seq('a', 'proposal', 'needs', $.duration, 'notice'),
    // only after a breach unremedied for 30 days
    cure_clause: $ => seq('only', 'after', 'a', 'breach', 'unremedied', 'for', $.duration),
    // only after the member concerned has missed every meeting for 6 months
    absence_clause: $ => seq(
      'only', 'after', 'the', 'member', 'concerned', 'has', 'missed', 'every', 'meeting', 'for', $.duration,
    ),
    // unless the absence had a reasonable cause and the member will be able to attend future meetings
    excuse_clause: $ => seq('unless', $.excuse_limb, optional(seq('and', $.excuse_limb))),
    excuse_limb: _ => choice(
      seq('the', 'absence', 'had', 'a', 'reasonable', 'cause'),
      seq('the', 'member', 'will', 'be', 'able', 'to', 'attend', 'future', 'meetings'),
    ),
    // an absent member may lodge its vote in advance, at most 2 meetings in a row and at most 3 times a year
    lodging_clause: $ => seq(
      'an', 'absent', 'member', 'may', 'lodge', 'its', 'vote', 'in', 'advance',
      optional(seq(optional(','), $.lodging_limit, optional(seq('and', $.lodging_limit)))),
    ),
    lodging_limit: $ => seq('at', 'most', $.integer, choice(
      seq(choice('meetings', 'meeting'), 'in', 'a', 'row'),
      seq(choice('times', 'time'), 'a', 'year'),
    )),
    // quorum at least 5 members attending, voting or not
    attendance_quorum: $ => seq(
      'quorum', $.comparator, $.integer, $.member_word, 'attending', ',', 'voting', 'or', 'not',
    ),

    // ───────────────────────── Money ─────────────────────────

    savings_block: $ => block($, $.savings_header, choice($.savings_step, $.intended_finding)),
    savings_header: $ => seq('savings', optional(seq('of', $.string))),
    savings_step: $ => seq(
      optional('then'),
      choice($.reinvest_step, $.compensation_step, $.share_step, $.carry_step),
    ),
    // 50% carried forward to next year, subject to "approve carry forward"
    carry_step: $ => seq(
      choice($.everything, $.the_rest, $.amount, $.percent),
      'carried', 'forward', 'to', 'next', 'year',
      optional(seq(',', 'subject', 'to', choice($.string, $.partner_approval))),
      optional($.stated_rounding),
    ),
    reinvest_step: $ => seq(
      choice($.everything, $.the_rest, $.amount, $.percent),
      'to',
      $._fund,
      optional($.stated_rounding),
    ),
    // , rounded down · , rounded up to the nearest £1,000 · , rounded down, the pennies to the members
    stated_rounding: $ => seq(
      ',', 'rounded', choice('down', 'up'),
      optional(seq('to', 'the', 'nearest', $.amount)),
      optional(seq(',', 'the', 'pennies', 'to', 'the', 'members')),
    ),
    everything: _ => 'everything',
    the_rest: _ => seq('the', 'rest'),
    _fund: $ => choice($.contingency_fund, $.string),
    contingency_fund: _ => seq(optional('the'), 'contingency', 'fund'),
    compensation_step: _ => seq('compensation', 'to', 'members', 'whose', 'budgets', 'fell'),
    share_step: $ => seq(optional($.the_rest), 'shared', $._share_mix, optional($.exemption)),
    // , members with reserves below £1,000,000 bear nothing
    exemption: $ => seq(',', 'members', 'with', $.figure_name, 'below', $._figure_value,
      choice('bear', 'receive'), 'nothing'),
    _share_mix: $ => choice(commaSep1($.share_part), $.share_method),
    share_part: $ => seq($.percent, $.share_method),
    share_method: $ => choice('equally', seq('by', $.share_basis)),
    share_basis: _ => choice(
      seq('budget', 'allocation'),
      'allocation',
      'budget',
      'equity',
      seq('risk', 'share'),
      'performance',
      seq('need', 'for', 'investment'),
      seq('ability', 'to', 'pay'),
      'contribution',
    ),

    deficits_block: $ => block($, $.deficits_header, choice($.deficit_step, $.intended_finding)),
    deficits_header: $ => seq('deficits', optional(seq('of', $.string))),
    deficit_step: $ => seq(
      optional('then'),
      choice($.contingency_step, $.insurance_step, $.risk_share_step, $.risk_pool_step, $.share_step),
    ),
    contingency_step: $ => seq($.contingency_fund, optional('first')),
    insurance_step: $ => seq('insurance', 'up', 'to', $.amount),
    risk_share_step: $ => seq(
      'commissioners', 'bear', $.percent, optional(seq('up', 'to', $.amount)), optional($.stated_rounding),
    ),
    // then from the risk pool "Shared risk pool" up to £500,000
    risk_pool_step: $ => seq(
      'from', 'the', 'risk', 'pool', $.string, optional(seq('up', 'to', $.amount)),
    ),

    budget_block: $ => block($, $.budget_header, choice($._budget_line, $.intended_finding)),
    budget_header: _ => 'budget',
    _budget_line: $ => choice(
      $.capitated_line,
      $.personal_budgets_line,
      $.contingency_line,
      $.operations_line,
      $.intervention_line,
      $.standard_line,
    ),
    capitated_line: $ => seq('capitated', 'budget', $.amount),
    intervention_line: $ => seq('intervention', $.string, $.amount, optional($.provided_by)),
    standard_line: $ => seq('service', 'standard', $.string, $.amount, optional($.provided_by)),
    personal_budgets_line: $ => seq(
      'personal', 'budgets', $.amount,
      optional(seq(optional(','), 'statutory', 'minimum', $.amount)),
      optional($.provided_by),
    ),
    contingency_line: $ => seq($.contingency_fund, $.amount, optional($.provided_by)),
    operations_line: $ => seq('operations', 'team', $.amount, optional($.provided_by)),
    provided_by: $ => seq('provided', 'by', commaSep1($.provider_share)),
    provider_share: $ => seq($.member_ref, optional($.percent)),

    // pooled fund "Better Care Fund" · aligned budget "…" · risk pool "…"
    fund_block: $ => block($, $.fund_header, choice($._fund_clause, $.intended_finding)),
    fund_header: $ => seq($.fund_kind, $.string),
    fund_kind: _ => choice(seq('pooled', 'fund'), seq('aligned', 'budget'), seq('risk', 'pool')),
    _fund_clause: $ => choice(
      $.hosted_by,
      $.fund_line,
      $.offset_clause,
      $.fund_cap,
      $.contributes,
      $.fund_income,
      $.cause_rule,
      $.fund_uplift,
      $.fund_contributors,
      $.fund_instalments,
    ),
    // members other than the host pay their contributions in 4 equal instalments
    fund_instalments: $ => seq(
      choice(
        seq('members', 'other', 'than', 'the', 'host', 'pay', 'their', 'contributions'),
        seq('each', 'partner', 'pays', 'its', 'contribution'),
      ),
      'in', $.integer, 'equal', 'instalments',
    ),
    // only commissioner members contribute
    fund_contributors: $ => seq('only', $.kind_filter, 'members', 'contribute'),
    // subject to each partner's own approval
    partner_approval: _ => seq('each', 'partner', choice('\'s', '’s'), 'own', 'approval'),
    // next year's contributions are this year's plus 2.5%
    fund_uplift: $ => seq(
      'next', 'year', choice('\'s', '’s'), 'contributions', 'are', 'this', 'year', choice('\'s', '’s'),
      choice('plus', 'less'), $.percent,
    ),
    hosted_by: $ => seq('hosted', 'by', $.member_ref),
    contributes: $ => seq($.member_ref, 'contributes', $.amount),
    offset_clause: _ => seq(
      'overspends', 'and', 'underspends', 'on', 'its', 'lines', 'offset', 'before', 'sharing',
    ),
    fund_cap: $ => seq(
      'each', 'partner', 'bears', 'at', 'most', 'its', 'contribution',
      optional(seq('unless', $.string, 'agrees')),
    ),
    // line "Community beds" £10,000,000 commissioned by icb 70%, harrow 30%,
    //   risk shared by each partner's share of the line, capped at £1,000,000
    fund_line: $ => seq(
      'line', $.string, optional($.amount),
      optional(seq(optional(','), 'commissioned', 'by', commaSep1($.provider_share))),
      optional(seq(',', $.risk_mode)),
      optional(seq(',', $.line_cap)),
    ),
    risk_mode: _ => choice(
      seq('risk', 'shared', 'by', 'the', 'fund', choice('\'s', '’s'), 'rule'),
      seq('risk', 'shared', 'by', 'each', 'partner', choice('\'s', '’s'), 'share', 'of', 'the', 'line'),
      seq('no', 'risk', 'share'),
    ),
    line_cap: $ => seq('capped', 'at', $.amount),
    // an overspend caused by maladministration is borne by the partner responsible
    cause_rule: _ => seq(
      'an', 'overspend', 'caused', 'by', 'maladministration', 'is', 'borne', 'by', 'the', 'partner', 'responsible',
    ),
    // income £2,800,000 if "emergency admissions" fall by at least 4.2%
    fund_income: $ => seq(
      'income', $.amount, 'if', $.string, choice('fall', 'rise'), 'by', 'at', 'least', $.percent,
    ),

    // ───────────────────────── Membership ─────────────────────────

    membership_block: $ => block($, $.membership_header, choice($._membership_clause, $.intended_finding)),
    membership_header: _ => 'membership',
    _membership_clause: $ => choice(
      $.joining_decided,
      $.joining_accession,
      $.leaving_notice,
      $.leaving_decided,
      $.leaving_forfeit,
      $.leaving_loses_say,
      $.leaving_pays,
      $.expulsion_decided,
      $.makeup_clause,
    ),
    // at least 2 and at most 4 provider members · as many council members as nhs members
    // the chair and the vice-chair are of different kinds
    // the trustee members are drawn from different organisations
    makeup_clause: $ => choice($.seat_count, $.seat_parity, $.offices_apart, $.seats_drawn_apart),
    seats_drawn_apart: $ => seq('the', $.kind_filter, 'members', 'are', 'drawn', 'from', 'different', 'organisations'),
    seat_count: $ => seq(
      choice(
        seq('exactly', $.integer),
        seq('at', 'least', $.integer, optional(seq('and', $.seat_at_most))),
        $.seat_at_most,
      ),
      optional($.kind_filter), $.member_word,
    ),
    seat_at_most: $ => seq(choice(seq('at', 'most'), seq('no', 'more', 'than')), $.integer),
    seat_parity: $ => seq('as', 'many', $.kind_filter, 'members', 'as', $.kind_filter, 'members'),
    offices_apart: $ => seq(
      'the', $.identifier, 'and', 'the', $.identifier, 'are',
      choice(seq('of', 'different', 'kinds'), seq('different', 'members')),
    ),
    joining_decided: $ => seq('joining', 'is', 'decided', 'by', $.string),
    joining_accession: _ => seq('a', 'joining', 'member', 'signs', 'a', 'deed', 'of', 'accession'),
    leaving_notice: $ => seq(
      'leaving', 'requires', $.duration, 'notice', optional(seq('for', $.kind_filter, 'members')),
    ),
    leaving_decided: $ => seq('leaving', 'is', 'decided', 'by', $.string),
    leaving_forfeit: $ => seq('a', 'leaving', optional($.kind_filter), 'member', 'forfeits', 'its', $.figure_name),
    leaving_loses_say: _ => seq(
      'a', 'leaving', 'member', 'loses', 'its', 'say', 'over', 'capitated', 'payments',
    ),
    leaving_pays: $ => seq('a', 'leaving', optional($.kind_filter), 'member', 'pays', $.amount),
    expulsion_decided: $ => seq('expulsion', 'is', 'decided', 'by', $.string),

    // ───────────────────────── Proposals, results and scenarios ─────────────────────────

    proposal_block: $ => block($, $.proposal_header, $._proposal_clause),
    proposal_header: $ => seq('proposal', $.string),
    _proposal_clause: $ => choice(
      $.decision_line,
      $.dated_line,
      $.duties_at_risk,
      $.revenue_change,
      $.commitment,
      $.vote_line,
      $.casting_line,
      $.presiding_line,
      $.reconvened_line,
      $.concerning_line,
      $.opted_out_line,
      $.approval_line,
      $.conflicted_line,
      $.conflict_vote_line,
      $.requested_line,
      $.proposed_by_line,
      $.meeting_called_line,
      $.postponement_line,
      $.notice_line,
      $.breach_line,
      $.remedied_line,
      $.applicant_line,
      $.last_attended_line,
      $.cause_fact,
      $.future_fact,
      $.attending_line,
      $.lodged_line,
      $.lodged_before_line,
      $.outside_line,
    ),
    decision_line: $ => seq('decision', $.string),
    dated_line: $ => seq('dated', $.date),
    // gpfed gains £900,000 · hhft loses 3% of its budget
    revenue_change: $ => seq(
      $.member_ref,
      choice($.gains, $.loses),
      choice($.amount, seq($.percent, 'of', 'its', 'budget')),
    ),
    // it puts lbh's statutory duties at risk
    duties_at_risk: $ => seq(
      optional('it'), 'puts', $.member_ref, choice('\'s', '’s'),
      'statutory', 'duties', 'at', 'risk',
    ),
    gains: _ => 'gains',
    loses: _ => 'loses',
    commitment: $ => seq($.member_ref, 'commits', $.amount),
    // in favour: hhft, gpfed · against: lbh · abstaining: cnwl
    vote_line: $ => seq(
      choice($.in_favour, $.against, $.abstaining), optional(':'), $.voter_list,
    ),
    casting_line: $ => seq('casting', 'vote', optional(':'), choice($.in_favour, $.against)),
    // concerning: lbh   (the member the proposal is about)
    // hhft, gpfed (by proxy lbh), leader (by substitute)
    voter_list: $ => commaSep1($.voter),
    voter: $ => seq($.member_ref, optional($.cast_by)),
    cast_by: $ => seq('(', 'by', choice(seq('proxy', $.member_ref), 'substitute'), ')'),
    presiding_line: $ => seq('presiding', optional(':'), $.member_ref),
    concerning_line: $ => seq('concerning', optional(':'), $.member_ref),
    // opted out: lbh, icb   (members who opt out of this proposal, where the decision lets them)
    // applicant: pcn-east "East Primary Care Network"
    applicant_line: $ => seq('applicant', optional(':'), field('name', $.identifier), optional($.string)),
    opted_out_line: $ => seq('opted', 'out', optional(':'), $.member_list),
    // requested on 1 May 2026 · proposed by: icb · asking for postponement: lbh, icb
    // · notice given on 1 May 2026 · breach notified on 1 April 2026 · remedied on 20 April 2026
    requested_line: $ => seq('requested', 'on', $.date),
    proposed_by_line: $ => seq('proposed', 'by', optional(':'), choice($.string, $.member_list)),
    meeting_called_line: $ => seq('meeting', 'called', 'by', optional(':'), choice($.string, $.member_list)),
    postponement_line: $ => seq('asking', 'for', 'postponement', optional(':'), $.member_list),
    notice_line: $ => seq('notice', 'given', 'on', $.date),
    breach_line: $ => seq('breach', 'notified', 'on', $.date),
    remedied_line: $ => seq('remedied', 'on', $.date),
    // last attended on 1 October 2025 · the absence had (a | no) reasonable cause
    // · the member will (not) be able to attend future meetings · attending without a vote: lay1
    last_attended_line: $ => seq('last', 'attended', 'on', $.date),
    cause_fact: _ => seq('the', 'absence', 'had', choice('a', 'no'), 'reasonable', 'cause'),
    future_fact: _ => seq('the', 'member', 'will', optional('not'), 'be', 'able', 'to', 'attend', 'future', 'meetings'),
    attending_line: $ => seq('attending', 'without', 'a', 'vote', optional(':'), $.member_list),
    // lodged in advance: icb in favour, lbh against · icb has lodged its vote at the last 2 meetings
    lodged_line: $ => seq('lodged', 'in', 'advance', optional(':'), commaSep1($.lodged_vote)),
    lodged_vote: $ => seq($.member_ref, choice($.in_favour, $.against)),
    lodged_before_line: $ => seq(
      $.member_ref, 'has', choice(
        seq('not', 'lodged', 'its', 'vote', choice($.at_the_last, seq('this', 'year'))),
        seq('lodged', 'its', 'vote', choice($.at_the_last, seq($.integer, choice('times', 'time'), 'this', 'year'))),
      ),
    ),
    at_the_last: $ => seq('at', 'the', 'last', choice(seq($.integer, choice('meetings', 'meeting')), 'meeting')),
    // at a reconvened meeting
    reconvened_line: _ => seq('at', 'a', 'reconvened', 'meeting'),
    // approval of "NHS England": given · withheld · not yet given
    approval_line: $ => seq('approval', 'of', $.approver, ':', choice('given', 'withheld', seq('not', 'yet', 'given'))),
    // decided by "the Welsh Ministers": agreed · …: not agreed · …: not yet decided
    outside_line: $ => seq('decided', 'by', $.string, ':', choice('agreed', seq('not', 'agreed'), seq('not', 'yet', 'decided'))),
    // conflicted: gpfed · on gpfed taking part, in favour: icb, trust
    conflicted_line: $ => seq('conflicted', optional(':'), $.member_list),
    conflict_vote_line: $ => seq(
      'on', $.member_ref, 'taking', 'part', ',',
      choice($.in_favour, $.against, $.abstaining), optional(':'), $.member_list,
    ),

    result_block: $ => block($, $.result_header, $._result_clause),
    result_header: $ => seq('result', $.string),
    _result_clause: $ => choice(
      $.capitated_line,
      $.actual_cost_line,
      $.other_income_line,
      $.fund_balance_line,
      $.performance_line,
      $.agreed_line,
      $.measure_line,
      $.cause_line,
      $.not_agreed_line,
      $.carry_approval_line,
    ),
    // icb approved the carry forward · hounslow did not approve the carry forward
    carry_approval_line: $ => seq(
      $.member_ref, choice('approved', seq('did', 'not', 'approve')), 'the', 'carry', 'forward',
    ),
    actual_cost_line: $ => seq('actual', 'cost', optional(seq('of', $.string)), $.amount),
    // "agree additional contributions" was agreed
    agreed_line: $ => seq($.string, 'was', 'agreed'),
    // "approve carry forward" was not agreed
    not_agreed_line: $ => seq($.string, 'was', 'not', 'agreed'),
    // "emergency admissions" fell by 5.1%
    // the overspend on "Community beds" was caused by maladministration by harrow
    cause_line: $ => seq(
      'the', 'overspend', 'on', $.string, 'was', 'caused', 'by', 'maladministration', 'by', $.member_ref,
    ),
    measure_line: $ => seq($.string, choice('fell', 'rose'), 'by', $.percent),
    other_income_line: $ => seq('other', 'income', $.amount),
    fund_balance_line: $ => seq('contingency', 'fund', 'balance', $.amount),
    // performance: hhft 82, gpfed 91
    performance_line: $ => seq('performance', optional(':'), commaSep1($.member_score)),
    member_score: $ => seq($.member_ref, $.number),

    scenarios_block: $ => block($, $.scenarios_header),
    scenarios_header: $ => seq('scenarios', 'for', $.string),

    scenario_block: $ => block($, $.scenario_header, $._scenario_clause),
    // scenario "Year two" follows "Year one"
    scenario_header: $ => seq('scenario', $.string, optional(seq('follows', $.string))),
    _scenario_clause: $ => choice(
      $._election_input,
      $.propose_line,
      $.expect_line,
      $._proposal_clause,
      $._result_clause,
    ),
    propose_line: $ => seq('propose', $.string, optional(seq('on', $.date))),
    expect_line: $ => seq('expect', $._expectation),
    _expectation: $ => choice(
      $.expect_elected,
      $.expect_tied,
      $.expect_finding,
      $.expect_unallocated,
      $.expect_share,
      $.expect_outcome,
      $.expect_carried,
    ),
    // expect rejected · expect escalated to "mediation" (also the first round's
    // `expect deadlocked, escalated to "mediation"`)
    expect_outcome: $ => choice(
      seq('escalated', 'to', $.string),
      seq(
        $.outcome_word,
        optional(seq(optional(','), choice(
          $.escalated_to, $.casting_by, $.because_reason, $.default_applies,
          $.subject_to_approval, $.approval_withheld,
        ))),
      ),
    ),
    outcome_word: _ => choice('passed', 'rejected', 'deadlocked', 'invalid', 'postponed', seq('awaiting', 'the', 'decision')),
    escalated_to: $ => seq('escalated', 'to', $.string),
    casting_by: $ => seq('on', 'the', 'casting', 'vote', 'of', $.member_ref),
    because_reason: $ => seq('because', $.reason),
    // expect rejected, the default applies
    default_applies: _ => seq('the', 'default', 'applies'),
    // expect passed, subject to approval · expect rejected, approval withheld
    subject_to_approval: _ => seq('subject', 'to', 'approval'),
    approval_withheld: _ => seq('approval', 'withheld'),
    reason: _ => choice(
      seq('no', 'quorum'),
      seq('an', 'unknown', 'member', 'voted'),
      seq('an', 'observer', 'voted'),
      seq('an', 'excluded', 'member', 'voted'),
      seq('the', 'decision', 'does', 'not', 'exist'),
      seq('too', 'little', 'notice', 'was', 'given'),
      seq('the', 'cure', 'period', 'has', 'not', 'run'),
      seq('the', 'breach', 'was', 'remedied'),
      seq('the', 'proposer', 'may', 'not', 'propose', 'it'),
      seq('the', 'meeting', 'was', 'not', 'validly', 'called'),
      seq('the', 'member', 'has', 'not', 'missed', 'meetings', 'for', 'long', 'enough'),
      seq('the', 'absence', 'was', 'excused'),
    ),
    // expect hhft receives £1,200,000 · expect the contingency fund receives £300,000
    expect_share: $ => seq(
      choice($.contingency_fund, $.member_ref), choice($.receives, $.bears), $.amount,
      optional(seq('in', $.string)),
    ),
    receives: _ => 'receives',
    bears: _ => 'bears',
    expect_unallocated: $ => seq('unallocated', $.amount),
    // expect carried forward £200,000 in "Integrated Care Fund"
    expect_carried: $ => seq('carried', 'forward', $.amount, 'in', $.string),
    expect_finding: $ => seq('finding', $.code_path),
  },
});

/** `step, then step, then step`: the escalation ladder. */
function commaSep1Then(rule) {
  return seq(rule, repeat(seq(',', 'then', rule)));
}
