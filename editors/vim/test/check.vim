" Checks editors/vim/syntax/concord.vim: run by editors/test.sh as
"   vim -Nu NONE -es -S check.vim -- RESULT_FILE FILE...
" It loads the plugin from editors/vim, opens each FILE (every example, and the samples here),
" and records an error when the file type or the syntax did not load, or when Vim reported an
" error. In the samples it also checks the highlight group of chosen words. One line per check
" goes to RESULT_FILE: `ok …` or `not ok …`.

let s:here = expand('<sfile>:p:h')
let &runtimepath = fnamemodify(s:here, ':h') . ',' . &runtimepath
filetype plugin on
syntax on

let s:args = argv()
let s:result_file = s:args[0]
let s:results = []

function! s:Report(ok, what) abort
  call add(s:results, (a:ok ? 'ok ' : 'not ok ') . a:what)
endfunction

" The group of the first occurrence of `word` on the first line that contains `line_text`.
function! s:GroupAt(line_text, word) abort
  let lnum = search('\V' . escape(a:line_text, '\'), 'cw')
  if lnum == 0
    return 'line not found'
  endif
  let col = stridx(getline(lnum), a:word, stridx(getline(lnum), a:line_text)) + 1
  if col == 0
    return 'word not found'
  endif
  return synIDattr(synID(lnum, col, 1), 'name')
endfunction

let s:expectations = {
      \ 'sample.concord': [
      \   ['# A provider network', 'provider', 'concordComment'],
      \   ['agreement "Hillingdon', 'agreement', 'concordHeader'],
      \   ['agreement "Hillingdon', 'Hillingdon', 'concordString'],
      \   ['form provider network', 'provider', 'concordForm'],
      \   ['currency GBP', 'GBP', 'concordCurrency'],
      \   ['period 1 April 2026', '1 April', 'concordDate'],
      \   ['kinds acute, primary-care', 'primary-care', 'concordKindName'],
      \   ['member hhft', 'hhft', 'concordDeclared'],
      \   ['lead provider', 'lead', 'concordRole'],
      \   ['budget £42,000,000', '42', 'concordAmount'],
      \   ['budget £42,000,000', 'budget', 'concordKeyword'],
      \   ['lay members together hold 10%', 'lay', 'concordKind'],
      \   ['lay members together hold 10%', '10%', 'concordPercent'],
      \   ['passes if at least 70%', 'passes', 'concordKeyword'],
      \   ['passes if at least 70%', 'least', 'concordComparator'],
      \   ['passes if at least 70%', 'favour', 'concordSide'],
      \   ['and more than half of primary-care', 'and', 'concordOperator'],
      \   ['and more than half of primary-care', 'half', 'concordProportion'],
      \   ['and more than half of primary-care', 'primary-care', 'concordKind'],
      \   ['lbh may veto', 'lbh', 'concordMember'],
      \   ['lbh may veto', 'may', 'concordKeyword'],
      \   ['within 10 working days', 'working', 'concordDuration'],
      \   ["requires 1 year's notice", "'s", 'concordDuration'],
      \   ['until 31 March 2028, passes', 'until', 'concordKeyword'],
      \   ['until 31 March 2028, passes', '31 March', 'concordDate'],
      \   ['if rejected', 'rejected', 'concordOutcome'],
      \   ['two thirds of members present', 'thirds', 'concordProportion'],
      \   ['by budget allocation', 'allocation', 'concordKeyword'],
      \   ['provided by hhft 60%', 'hhft', 'concordMember'],
      \   ['the health bloc in favour', 'health', 'concordBlocName'],
      \   ['any social-care member', 'social-care', 'concordKind'],
      \ ],
      \ 'sample.scenarios': [
      \   ['scenarios for', 'for', 'concordHeader'],
      \   ['propose "change', '2026-05-01', 'concordDate'],
      \   ['gpfed gains £900,000', 'gains', 'concordKeyword'],
      \   ['gpfed gains £900,000', 'gpfed', 'concordMember'],
      \   ['in favour: hhft', 'favour', 'concordSide'],
      \   ['expect deadlocked', 'deadlocked', 'concordOutcome'],
      \   ['expect finding', 'concord::check', 'concordCode'],
      \ ],
      \ }

for s:file in s:args[1:]
  let v:errmsg = ''
  silent! execute 'edit ' . fnameescape(s:file)
  call s:Report(&filetype ==# 'concord', s:file . ': file type is concord')
  call s:Report(get(b:, 'current_syntax', '') ==# 'concord' && v:errmsg ==# '',
        \ s:file . ': syntax loads without error ' . v:errmsg)
  for [s:line_text, s:word, s:group] in get(s:expectations, fnamemodify(s:file, ':t'), [])
    call cursor(1, 1)
    let s:actual = s:GroupAt(s:line_text, s:word)
    call s:Report(s:actual ==# s:group,
          \ s:file . ': `' . s:word . '` in `' . s:line_text . '` is ' . s:group
          \ . (s:actual ==# s:group ? '' : ', found ' . s:actual))
  endfor
  bwipeout!
endfor

call writefile(s:results, s:result_file)
qall!
