" Vim syntax file
" Language:    Concord (alliance agreements between health and social care partners)
" Filenames:   *.concord, *.scenarios
"
" A block header starts at column 0; its clauses are indented beneath it. Keywords are
" lowercase words, phrases are words separated by blanks. The keyword list is checked against
" grammar/concord.pest by tests/editors.rs: a keyword added there must be added here too.
"
" Priority: when several items start at the same place, the one defined last wins, so the
" general items (names) come first and the particular ones (phrases, numbers) after.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
syn iskeyword @,48-57,_,-

" Names: a member, unless something below says it is a kind or a bloc.
syn match concordMember "\<\a[[:alnum:]_-]*\>"
" A name just before `member` or `members` is a kind: every primary-care member in favour.
syn match concordKind "\<\a[[:alnum:]_-]*\>\ze\s\+members\=\>"

" Every other keyword.
syn match concordKeyword "\<\%(candidates\|candidate\|election\|elected\|elect\|tied\|lot\|represented\|governance\|conflicted\|withheld\|approval\|reserved\|approve\|subject\|taking\|agree\|given\|takes\|also\|lose\|must\|pass\|part\|they\|own\|yet\|maladministration\|responsible\|commissioned\|caused\|borne\|underspends\|contributes\|overspends\|overspend\|aligned\|partner\|sharing\|capped\|hosted\|agreed\|fall\|rise\|rose\|before\|offset\|unless\|agrees\|lines\|line\|rule\|was\|contributions\|contribute\|approved\|carry\|did\|carried\|forward\|follows\|next\|this
      \\|commissioners\|compensation\|contribution\|intervention\|contingency\|performance
      \\|unallocated\|allocation\|everything\|investment\|membership\|operations\|proportion
      \\|reconvened\|presiding\|person\|alternates\|rotates\|between\|different\|exactly\|many\|designated\|substitute\|drawn\|organisations\|proxies\|proxy\|concerning\|concerned\|default\|applies\|opted\|opt\|out\|accession\|agreement\|capitated\|committed\|effective\|escalated\|expulsion\|insurance\|postponement\|unremedied\|postponed\|requested\|proposed\|notified\|remedied\|proposer\|request\|holding\|breach\|asking\|little\|needs\|after\|given\|have\|cure\|ask\|who\|too\|run\|be\|decides\|passing\|becomes\|leaves\|applicant\|joins\|jointly\|called\|validly\|reasonable\|attending\|meetings\|attended\|absence\|without\|excused\|awaiting\|advance\|absent\|lodged\|lodge\|times\|time\|row\|missed\|attend\|future\|enough\|cause\|able\|will\|last\|long\|had
      \\|liability\|scenarios\|statutory\|unanimous\|currency\|decision\|deficits\|eligible
      \\|escalate\|excluded\|forfeits\|majority\|payments\|personal\|proposal\|provided
      \\|receives\|requires\|reserves\|scenario\|standard\|together\|ability\|balance\|because
      \\|budgets\|casting\|commits\|decided\|equally\|instalments\|equal\|finding\|gaining\|joining\|leaving
      \\|meeting\|members\|minimum\|propose\|savings\|service\|unknown\|actual\|budget\|duties\|equity
      \\|expect\|income\|member\|notice\|passes\|period\|quorum\|result\|shared\|simple\|voting
      \\|within\|bears\|dated\|every\|exist\|first\|gains\|kinds\|loses\|minor\|other\|shares\|share\|receive\|nothing\|below\|with\|rounded\|nearest\|pennies\|down
      \\|signs\|their\|until\|voted\|votes\|whose\|bear\|bloc\|cast\|cost\|deed\|does\|each
      \\|fell\|form\|from\|fund\|half\|hold\|kind\|need\|only\|over\|pays\|plus\|pool\|puts
      \\|rest\|risk\|team\|then\|unit\|veto\|vote\|when\|all\|any\|are\|cap\|for\|has\|its\|may
      \\|not\|one\|pay\|say\|set\|the\|tie\|an\|as\|at\|by\|do\|if\|in\|is\|it\|no\|of\|on\|to
      \\|up\|a
      \\)\>"

" kinds acute, primary-care · members of kind health: every name after `kind(s)` is a kind.
syn region concordKindList matchgroup=concordKeyword start="\<kinds\=\>" end="$\|\ze#" oneline contains=concordKindName,concordComma
syn match concordKindName "\<\a[[:alnum:]_-]*\>" contained
" the health bloc
syn match concordBlocRef "\<the\s\+\a[[:alnum:]_-]*\s\+bloc\>" contains=concordBlocRefWord,concordBlocName
syn match concordBlocName "\s\zs\a[[:alnum:]_-]*\ze\s" contained
syn match concordBlocRefWord "\<\%(the\|bloc\)\>" contained

" Phrases.
syn match concordOperator "\<\%(and\|or\)\>"
syn match concordComparator "\<\%(at\s\+least\|more\s\+than\|at\s\+most\|no\s\+more\s\+than\|fewer\s\+than\|less\s\+than\)\>"
syn match concordSide "\<\%(in\s\+favour\|against\|abstaining\|present\s\+and\s\+voting\|present\|voting\%(\s\+\%(in\s\+proportion\|one\s\+member\|as\s\+set\)\)\@!\|rounded\s\+up\|rounded\s\+down\)\>"
syn match concordOutcome "\<\%(passed\|rejected\|escalated\|deadlocked\|invalid\)\>"
syn match concordRole "\<\%(lead\s\+provider\|chair\|observer\|host\)\>"
syn match concordForm "\<\%(lead-provider\s\+alliance\|provider\s\+network\|provider\s\+collaborative\|complementary\s\+contracts\|section\s\+75\s\+pooled\s\+budget\|commissioning\s\+management\s\+organisation\|care\s\+trust\)\>"
syn match concordProportion "\<\%(half\|two\s\+thirds\|three\s\+quarters\|one\s\+third\|a\s\+third\|one\s\+quarter\|a\s\+quarter\)\>"

" Figures.
syn match concordNumber "\<\d\%(,\=\d\)*\%(\.\d\+\)\=\>"
syn match concordProportion "\<\d\+/\d\+\>"
syn match concordPercent "\<\d\%(,\=\d\)*\%(\.\d\+\)\=%"
syn match concordAmount "[£€$]\d\%(,\=\d\)*\%(\.\d\+\)\=\%(bn\|m\|k\)\=\>"
syn match concordAmount "\<\d\%(,\=\d\)*\%(\.\d\+\)\=\%(bn\|m\|k\)\=\s\+\u\u\u\>"
syn match concordCurrency "\%(\<currency\s\+\)\@<=\u\u\u\>"
syn match concordDuration "\<\d\+\s\+\%(working\s\+\)\=\%(days\|day\|weeks\|week\|months\|month\|years\|year\)\>\%(['’]s\=\)\="
syn match concordDate "\<\d\{4}-\d\d-\d\d\>"
syn match concordDate "\<\d\{1,2}\s\+\%(January\|February\|March\|April\|May\|June\|July\|August\|September\|October\|November\|December\)\s\+\d\{4}\>"
" expect finding concord::check::dictator
syn match concordCode "\<\a[[:alnum:]_-]*\%(::\a[[:alnum:]_-]*\)\+\>"

syn match concordComma ","
syn match concordDelimiter "[():]"

" Block headers, at column 0, with the identifier they declare.
syn match concordHeader "^\%(agreement\|election\|voting\|decision\|savings\|deficits\|budget\|membership\|proposal\|result\|scenario\|scenarios\s\+for\)\>"
syn match concordHeader "^\%(member\|bloc\)\>" nextgroup=concordDeclared skipwhite
syn match concordDeclared "\a[[:alnum:]_-]*" contained

syn region concordString start=+"+ end=+"+ end=+$+ oneline
syn keyword concordTodo contained TODO FIXME XXX NOTE
syn match concordComment "#.*$" contains=concordTodo,@Spell

hi def link concordComment Comment
hi def link concordTodo Todo
hi def link concordString String
hi def link concordHeader Structure
hi def link concordDeclared Identifier
hi def link concordKeyword Keyword
hi def link concordKindList Normal
hi def link concordBlocRefWord Keyword
hi def link concordOperator Operator
hi def link concordComparator Operator
hi def link concordSide Constant
hi def link concordOutcome Constant
hi def link concordRole StorageClass
hi def link concordForm Constant
hi def link concordProportion Number
hi def link concordNumber Number
hi def link concordPercent Number
hi def link concordAmount Number
hi def link concordDuration Number
hi def link concordCurrency Constant
hi def link concordDate Constant
hi def link concordCode Special
hi def link concordKind Type
hi def link concordKindName Type
hi def link concordBlocName Type
hi def link concordMember Identifier
hi def link concordComma Delimiter
hi def link concordDelimiter Delimiter

let b:current_syntax = 'concord'

let &cpo = s:cpo_save
unlet s:cpo_save
