// The Concord playground: two editors (the agreement; proposals, results and scenarios) and a
// pane per command. Every figure comes from Concord's own library compiled to WebAssembly
// (web/concord-wasm), which returns what `concord … --format json` prints.
import './style.css';
import { EditorView, basicSetup } from 'codemirror';
import { linter, lintGutter, forEachDiagnostic } from '@codemirror/lint';
import init, * as concord from './wasm/concord_wasm.js';
import wasmUrl from './wasm/concord_wasm_bg.wasm?url';
import { concordLanguage } from './concord-mode.js';
import { lintDiagnostics } from './spans.js';
import { encodeShare, decodeShare } from './share.js';

// Every bundled example, read at build time.
const files = import.meta.glob('../../examples/*.{concord,scenarios}', { query: '?raw', import: 'default', eager: true });
const examples = new Map();
for (const [path, text] of Object.entries(files)) {
  const [, name, ext] = path.match(/([^/]+)\.(concord|scenarios)$/);
  const entry = examples.get(name) ?? { agreement: '', input: '' };
  entry[ext === 'concord' ? 'agreement' : 'input'] = text;
  examples.set(name, entry);
}

const $ = (id) => document.getElementById(id);

// The library first: the editors check their text from the moment they exist.
try {
  await init({ module_or_path: wasmUrl });
} catch (error) {
  $('status').textContent = `The playground could not start: ${error}`;
  throw error;
}
const timings = { checks: [] };
let pane = 'check';

function checkAgreement(text) {
  const start = performance.now();
  const report = JSON.parse(concord.check('agreement.concord', text));
  timings.checks.push(performance.now() - start);
  return report;
}

const agreementLint = linter((view) => lintDiagnostics(view.state.doc.toString(), checkAgreement(view.state.doc.toString())), {
  delay: 150,
});

const refreshOnEdit = EditorView.updateListener.of((update) => {
  if (update.docChanged) scheduleRefresh();
});

const agreementView = new EditorView({
  parent: $('agreement'),
  extensions: [basicSetup, concordLanguage, lintGutter(), agreementLint, refreshOnEdit],
});
const inputView = new EditorView({ parent: $('input'), extensions: [basicSetup, concordLanguage, refreshOnEdit] });

const text = (view) => view.state.doc.toString();
function setText(view, value) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
}

function summary(id, json) {
  switch (id) {
    case 'check':
      return json.errors === 0 && json.warnings === 0
        ? 'No problems found.'
        : `${json.errors} error(s), ${json.warnings} warning(s).`;
    case 'eval': {
      // Proposals alone give the decisions report, results alone the year-end report, both
      // give both (docs/json.md).
      const decisions = json.decisions ?? (json.evaluations ? json : null);
      const yearEnd = json.decisions !== undefined ? json.results : json.evaluations ? null : json;
      const lines = (decisions?.evaluations ?? []).map((e) => `${e.name}: ${e.evaluation.outcome.result}`);
      lines.push(...(yearEnd?.results ?? []).map((r) => `${r.name}: shares worked out`));
      const problems = (decisions?.problems?.length ?? 0) + (yearEnd?.problems?.length ?? 0) + (yearEnd?.messages?.length ?? 0);
      if (problems) lines.push('some input could not be evaluated; see the report');
      return lines.join('; ') || 'Nothing evaluated.';
    }
    case 'test':
      return `${json.passed} passed, ${json.failed} failed, ${json.skipped} skipped.`;
    default:
      return '';
  }
}

// What each pane shows: the report as the command line prints it, and its JSON.
const panes = {
  check: () => [concord.check_text('agreement.concord', text(agreementView)), concord.check('agreement.concord', text(agreementView))],
  eval: () => [concord.evaluate_text(text(agreementView), text(inputView), '', false), concord.evaluate(text(agreementView), text(inputView), '', false)],
  test: () => [concord.test_text(text(agreementView), text(inputView)), concord.test(text(agreementView), text(inputView))],
  power: () => [concord.power_text(text(agreementView), ''), concord.power(text(agreementView), '')],
  explain: () => [concord.explain_text(text(agreementView)), concord.explain(text(agreementView))],
  fmt: () => {
    const json = concord.fmt('agreement.concord', text(agreementView));
    const file = JSON.parse(json).files[0];
    return [file.formatted ?? `The agreement cannot be laid out: ${file.problem}.`, json];
  },
};

function refresh() {
  const [human, json] = panes[pane]();
  const value = JSON.parse(json);
  $('summary').textContent = summary(pane, value);
  $('report').textContent = human;
  $('json').textContent = JSON.stringify(value, null, 2);
  $('apply-format').hidden = !(pane === 'fmt' && value.files[0].formatted && value.files[0].formatted !== text(agreementView));
  document.body.dataset.pane = pane;
}

let pending = null;
function scheduleRefresh() {
  clearTimeout(pending);
  pending = setTimeout(refresh, 200);
}

function choosePane(id) {
  pane = id;
  for (const tab of document.querySelectorAll('#tabs button')) tab.setAttribute('aria-selected', String(tab.dataset.pane === id));
  refresh();
}

function load(agreement, input) {
  setText(agreementView, agreement);
  setText(inputView, input);
  refresh();
}

async function start() {
  const select = $('examples');
  for (const name of [...examples.keys()].sort()) select.append(new Option(name, name));
  select.addEventListener('change', () => {
    const example = examples.get(select.value);
    if (example) load(example.agreement, example.input);
  });
  for (const tab of document.querySelectorAll('#tabs button')) tab.addEventListener('click', () => choosePane(tab.dataset.pane));
  $('apply-format').addEventListener('click', () => {
    const formatted = JSON.parse(concord.fmt('agreement.concord', text(agreementView))).files[0].formatted;
    if (formatted) setText(agreementView, formatted);
  });
  $('share').addEventListener('click', async () => {
    const hash = await encodeShare(text(agreementView), text(inputView));
    history.replaceState(null, '', hash);
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      $('status').textContent = 'A link to this agreement is copied, and in the address bar.';
    } catch {
      $('status').textContent = 'A link to this agreement is in the address bar.';
    }
  });
  const shared = await decodeShare(location.hash);
  const first = examples.get('frailty-network') ?? examples.values().next().value;
  if (shared) load(shared.agreement, shared.input);
  else {
    select.value = 'frailty-network';
    load(first.agreement, first.input);
  }
  $('status').textContent = 'Ready: everything runs in this page, and nothing you type leaves it.';
  // For the browser test (web/test/browser.mjs): the editors, the library and the figures.
  const diagnostics = () => {
    const out = [];
    forEachDiagnostic(agreementView.state, (d, from, to) => out.push({ from, to, severity: d.severity, source: d.source, message: d.message }));
    return out;
  };
  window.__playground = { concord, agreementView, inputView, timings, examples, diagnostics, readyAt: performance.now() };
  document.body.dataset.ready = 'true';
}

start().catch((error) => {
  $('status').textContent = `The playground could not start: ${error}`;
  console.error(error);
});
