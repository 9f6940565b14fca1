#!/usr/bin/env node
// Checks that queries/highlights.scm highlights every keyword of the grammar.
//
// A keyword (a lowercase word of grammar.js) is highlighted when it is listed on its own
// ("passes"), listed with the node it sits in ((rule_clause "passes")), or sits in a node that
// is highlighted as a whole ((comparator) @operator). A keyword added to grammar.js and not to
// the highlights fails here, naming the keyword and the node it sits in.
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const grammar = JSON.parse(fs.readFileSync(path.join(root, 'src', 'grammar.json'), 'utf8'));
const query = fs.readFileSync(path.join(root, 'queries', 'highlights.scm'), 'utf8')
  .split('\n')
  .filter(line => !line.trimStart().startsWith(';'))
  .join('\n');

// Every keyword with the named nodes it appears in (a hidden rule belongs to its parents, so its
// words are checked as plain keywords).
const uses = new Map();
function walk(node, owner) {
  if (!node || typeof node !== 'object') return;
  if (node.type === 'STRING' && /^[a-z][a-z-]*$/.test(node.value)) {
    if (!uses.has(node.value)) uses.set(node.value, new Set());
    uses.get(node.value).add(owner);
  }
  for (const key of ['members', 'content']) {
    const child = node[key];
    if (Array.isArray(child)) child.forEach(c => walk(c, owner));
    else if (child) walk(child, owner);
  }
}
for (const [name, rule] of Object.entries(grammar.rules)) walk(rule, name);

// Words listed on their own: inside a [ … ] list or before a capture, not after a node name.
const listed = new Set();
for (const match of query.matchAll(/(^|[\s\[])"([a-z][a-z-]*)"/gm)) {
  const before = query.slice(0, match.index + match[1].length);
  const open = before.lastIndexOf('(');
  const close = before.lastIndexOf(')');
  const bracket = before.lastIndexOf('[');
  const insideNode = open > close && open > bracket;
  if (!insideNode) listed.add(match[2]);
}

const missing = [];
let checked = 0;
for (const [word, owners] of uses) {
  for (const owner of owners) {
    checked++;
    const wholeNode = new RegExp(`\\(${owner}\\)\\s*(\\]\\s*)?@`).test(query)
      || new RegExp(`\\[[^\\]]*\\(${owner}\\)[^\\]]*\\]\\s*@`).test(query);
    const inNode = query.includes(`(${owner} "${word}"`) || new RegExp(`\\(${owner}[^()]*"${word}" @`).test(query);
    const hidden = owner.startsWith('_');
    if (!(listed.has(word) || wholeNode || inNode || (hidden && listed.has(word)))) {
      missing.push(`"${word}" in (${owner})`);
    }
  }
}

if (missing.length > 0) {
  console.error(`queries/highlights.scm does not highlight ${missing.length} keyword use(s):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`highlights cover every keyword: ${uses.size} keywords in ${checked} places`);
