" Concord: comments start with #, clauses are indented under their block header.
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal comments=:# commentstring=#\ %s
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal autoindent
" Fold each block: a header at column 0, its clauses indented beneath it.
setlocal foldmethod=indent foldignore=#

let b:undo_ftplugin = 'setlocal comments< commentstring< expandtab< shiftwidth< softtabstop< autoindent< foldmethod< foldignore<'
