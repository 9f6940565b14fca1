// Concord's highlighting for CodeMirror: comments, quoted names, amounts and the grammar's
// keywords. keywords.json is held to grammar/concord.pest by tests/editors.rs.
import { StreamLanguage } from '@codemirror/language';
import keywordList from './keywords.json';

export const KEYWORDS = new Set(keywordList);

/// A word is a keyword when it, or each of its hyphenated parts, is one (`lead-provider`).
export function isKeyword(word) {
  return KEYWORDS.has(word) || (word.includes('-') && word.split('-').every((part) => KEYWORDS.has(part)));
}

export const concordLanguage = StreamLanguage.define({
  name: 'concord',
  token(stream) {
    if (stream.eatSpace()) return null;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.eat('"')) {
      while (!stream.eol()) if (stream.next() === '"') break;
      return 'string';
    }
    if (stream.match(/^[£$€]?[0-9][0-9,]*(\.[0-9]+)?(%|m\b|k\b)?/)) return 'number';
    if (stream.match(/^[A-Za-z][A-Za-z0-9-]*/)) {
      return isKeyword(stream.current()) ? 'keyword' : 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
});
