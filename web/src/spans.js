// The check JSON gives spans as byte offsets into the UTF-8 text; CodeMirror counts UTF-16
// code units. One pass over the text turns every offset wanted into its position.
export function byteOffsetsToIndices(text, offsets) {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const found = new Map();
  let bytes = 0;
  let next = 0;
  let index = 0;
  while (next < wanted.length) {
    while (next < wanted.length && wanted[next] <= bytes) found.set(wanted[next++], index);
    if (index >= text.length) break;
    const code = text.codePointAt(index);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    index += code >= 0x10000 ? 2 : 1;
  }
  for (const offset of wanted) if (!found.has(offset)) found.set(offset, text.length);
  return found;
}

/// CodeMirror lint diagnostics from a `concord check --format json` report of one file.
export function lintDiagnostics(text, report) {
  const findings = report.files.flatMap((file) => file.findings);
  const offsets = findings.flatMap((f) => f.labels.flatMap((l) => [l.span.start, l.span.end]));
  const at = byteOffsetsToIndices(text, offsets);
  return findings.map((finding) => {
    const label = finding.labels[0];
    const from = label ? at.get(label.span.start) : 0;
    const to = label ? Math.max(at.get(label.span.end), from) : 0;
    const extra = [label && label.message, finding.help && `help: ${finding.help}`].filter(Boolean);
    return {
      from,
      to,
      severity: finding.severity === 'advice' ? 'info' : finding.severity,
      source: finding.code,
      message: [finding.message, ...extra].join('\n'),
    };
  });
}
