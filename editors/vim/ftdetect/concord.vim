" Concord agreements (*.concord) and their scenario files (*.scenarios).
autocmd BufRead,BufNewFile *.concord,*.scenarios setfiletype concord
