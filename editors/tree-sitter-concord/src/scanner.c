// The layout of a Concord file, for the tree-sitter grammar.
//
// A block starts with a header at the very start of a line; its clauses are indented, one to a
// line. A clause goes on over lines indented more deeply than its first line, over lines that
// start with `and`, `or` or `)`, and anywhere inside an open parenthesis (the Rust reader,
// `src/syntax/parse.rs`, cuts a file the same way). Blank lines and comment lines do not count.
//
// At the end of a line this scanner looks ahead to the next line that holds something and gives
// one of two zero-width tokens, placed right after the last token of the line:
//   CLAUSE_SEP  the next line starts a new clause of the same block;
//   BLOCK_END   the next line starts at column 0 (a new header), or the file ends.
// At the start of the file it gives FILE_START when the first line that holds something starts
// at column 0 (or there is none): an indented first line is a clause outside any block.
// When the next line continues the clause it gives nothing, and the line break is white space.
// Inside a parenthesis neither token is valid in the grammar, so the clause goes on.

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum TokenType { CLAUSE_SEP, BLOCK_END, FILE_START, ERROR_SENTINEL };

typedef struct {
  // Indentation of the first line of the clause being read.
  uint32_t clause_indent;
  // Whether the line being read is a header line (a header never goes on over lines).
  bool in_header;
} Scanner;

void *tree_sitter_concord_external_scanner_create(void) {
  Scanner *scanner = calloc(1, sizeof(Scanner));
  if (scanner != NULL) {
    scanner->in_header = true;
  }
  return scanner;
}

void tree_sitter_concord_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_concord_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *scanner = payload;
  buffer[0] = (char)scanner->in_header;
  memcpy(&buffer[1], &scanner->clause_indent, sizeof(uint32_t));
  return 1 + sizeof(uint32_t);
}

void tree_sitter_concord_external_scanner_deserialize(void *payload, const char *buffer,
                                                      unsigned length) {
  Scanner *scanner = payload;
  scanner->in_header = true;
  scanner->clause_indent = 0;
  if (length == 1 + sizeof(uint32_t)) {
    scanner->in_header = buffer[0] != 0;
    memcpy(&scanner->clause_indent, &buffer[1], sizeof(uint32_t));
  }
}

static inline bool is_indent(int32_t c) { return c == ' ' || c == '\t' || c == 0xA0; }

// Indentation is measured in bytes of UTF-8, as the Rust reader measures it: a no-break space
// counts two.
static inline uint32_t indent_width(int32_t c) { return c == 0xA0 ? 2 : 1; }

static inline bool is_word_char(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void skip_to_line_end(TSLexer *lexer) {
  while (!lexer->eof(lexer) && lexer->lookahead != '\n') {
    lexer->advance(lexer, false);
  }
}

static bool finish(TSLexer *lexer, Scanner *scanner, const bool *valid, enum TokenType token,
                   uint32_t indent) {
  if (!valid[token]) {
    return false;
  }
  lexer->result_symbol = token;
  if (token == BLOCK_END) {
    scanner->in_header = true;
    scanner->clause_indent = 0;
  } else {
    scanner->in_header = false;
    scanner->clause_indent = indent;
  }
  return true;
}

// At the start of the file: whether the first line that holds something starts at column 0.
static bool file_start(TSLexer *lexer, Scanner *scanner) {
  for (;;) {
    uint32_t indent = 0;
    while (is_indent(lexer->lookahead) || lexer->lookahead == '\r') {
      indent++;
      lexer->advance(lexer, false);
    }
    if (lexer->eof(lexer)) {
      break;
    }
    if (lexer->lookahead == '#') {
      skip_to_line_end(lexer);
      continue;
    }
    if (lexer->lookahead == '\n') {
      lexer->advance(lexer, false);
      continue;
    }
    if (indent > 0) {
      return false;
    }
    break;
  }
  lexer->result_symbol = FILE_START;
  scanner->in_header = true;
  scanner->clause_indent = 0;
  return true;
}

bool tree_sitter_concord_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid) {
  Scanner *scanner = payload;
  // Error recovery asks for every token at once; layout is no guide there.
  if (valid[ERROR_SENTINEL]) {
    return false;
  }
  // The token is empty: everything read from here on is lookahead.
  lexer->mark_end(lexer);
  if (valid[FILE_START]) {
    return file_start(lexer, scanner);
  }
  if (!valid[CLAUSE_SEP] && !valid[BLOCK_END]) {
    return false;
  }

  // The rest of this line may hold only blanks and a comment.
  while (is_indent(lexer->lookahead) || lexer->lookahead == '\r') {
    lexer->advance(lexer, false);
  }
  if (lexer->lookahead == '#') {
    skip_to_line_end(lexer);
  }
  if (lexer->eof(lexer)) {
    return finish(lexer, scanner, valid, BLOCK_END, 0);
  }
  if (lexer->lookahead != '\n') {
    return false;
  }

  // Find the next line that holds something.
  uint32_t indent = 0;
  for (;;) {
    // At a line break.
    lexer->advance(lexer, false);
    indent = 0;
    while (is_indent(lexer->lookahead)) {
      indent += indent_width(lexer->lookahead);
      lexer->advance(lexer, false);
    }
    if (lexer->lookahead == '\r') {
      lexer->advance(lexer, false);
    }
    if (lexer->eof(lexer)) {
      return finish(lexer, scanner, valid, BLOCK_END, 0);
    }
    if (lexer->lookahead == '\n') {
      continue;
    }
    if (lexer->lookahead == '#') {
      skip_to_line_end(lexer);
      if (lexer->eof(lexer)) {
        return finish(lexer, scanner, valid, BLOCK_END, 0);
      }
      continue;
    }
    break;
  }

  if (indent == 0) {
    return finish(lexer, scanner, valid, BLOCK_END, 0);
  }
  if (scanner->in_header) {
    return finish(lexer, scanner, valid, CLAUSE_SEP, indent);
  }
  if (indent > scanner->clause_indent || lexer->lookahead == ')') {
    return false;
  }
  // `and` or `or` as the first word continues the clause.
  char word[4] = {0};
  unsigned length = 0;
  while (is_word_char(lexer->lookahead)) {
    if (length < 3) {
      word[length] = (char)lexer->lookahead;
    }
    length++;
    lexer->advance(lexer, false);
  }
  if ((length == 3 && strcmp(word, "and") == 0) || (length == 2 && strcmp(word, "or") == 0)) {
    return false;
  }
  return finish(lexer, scanner, valid, CLAUSE_SEP, indent);
}
