import { exemptions, type ExemptionCode } from './disclosure-exemptions';
import type { DisclosureCaseDocument, ItemDecision } from './disclosure-cases';
import type { DisclosureKind } from './statutory-deadlines';

/** A piece of a disclosed text: as written, or a redaction standing for what was blanked out. */
export type TextPart = { text: string } | { redactedUnder: ExemptionCode };

/**
 * `text` with every occurrence of each of `redactions` blanked out. Overlapping or adjoining
 * occurrences become one redaction, so that no fragment of a redacted string survives between two.
 */
export function redactedParts(
  text: string,
  redactions: readonly string[],
  exemption: ExemptionCode,
): TextPart[] {
  const spans: [number, number][] = [];
  for (const redaction of redactions) {
    if (redaction.length === 0) continue;
    for (let at = text.indexOf(redaction); at >= 0; at = text.indexOf(redaction, at + 1)) {
      spans.push([at, at + redaction.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  const parts: TextPart[] = [];
  let from = 0;
  for (const [start, end] of merged) {
    if (start > from) parts.push({ text: text.slice(from, start) });
    parts.push({ redactedUnder: exemption });
    from = end;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEscapes[character]);
}

export const kindNames: Readonly<Record<DisclosureKind, string>> = {
  SAR: 'Subject access request',
  FOI: 'Freedom of information request',
  COURT: 'Court disclosure request',
  POLICE_DISCLOSURE: 'Police disclosure request',
};

const decisionNames: Readonly<Record<ItemDecision['decision'], string>> = {
  DISCLOSE: 'Disclosed',
  DISCLOSE_REDACTED: 'Disclosed with redactions',
  WITHHOLD: 'Withheld',
};

/** The visible mark a redaction leaves: the exemption it was made under, never what it hid. */
export function redactionMarker(exemption: ExemptionCode): string {
  return `[REDACTED: ${exemptions[exemption].citation}]`;
}

function exemptionText(code: ExemptionCode | null): string {
  return code === null ? '' : `${exemptions[code].title} (${exemptions[code].citation})`;
}

function disclosedText(decision: ItemDecision): string {
  const text = decision.text ?? '';
  if (decision.decision !== 'DISCLOSE_REDACTED' || decision.exemption === null) {
    return escapeHtml(text);
  }
  return redactedParts(text, decision.redactions, decision.exemption)
    .map((part) =>
      'text' in part
        ? escapeHtml(part.text)
        : `<span class="redaction">${escapeHtml(redactionMarker(part.redactedUnder))}</span>`,
    )
    .join('');
}

const isoTime = (at: Date): string => at.toISOString().replace('.000Z', 'Z');

const printCss = `
  body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; margin: 2em; color: #000; }
  .classification { text-align: center; font-weight: bold; letter-spacing: 0.1em; }
  h1 { font-size: 18pt; margin-bottom: 0.2em; }
  h2 { font-size: 14pt; border-bottom: 1px solid #000; margin-top: 1.5em; }
  h3 { font-size: 12pt; margin-bottom: 0.3em; }
  dl.case { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  pre.item-text { white-space: pre-wrap; font-family: inherit; border-left: 3px solid #888; padding-left: 0.8em; }
  .redaction { background: #000; color: #fff; padding: 0 0.3em; font-weight: bold; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #666; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
  article { page-break-inside: avoid; }
  @page { margin: 2cm; }
  @media print { body { margin: 0; } h2 { page-break-after: avoid; } }
`;

/** Who produced the pack, and when: printed on it. */
export interface PackProduction {
  producedAt: Date;
  producedBy: string;
}

/**
 * The disclosure pack: a self-contained, printable HTML document (no script, no external
 * asset) with the case, the items disclosed (redactions shown as redactions), the items withheld
 * naming only their exemption, and the decision log. Every value from the case is escaped.
 * Takes the current decision of every item; the caller checks that none is missing.
 */
export function renderDisclosurePack(
  disclosureCase: DisclosureCaseDocument,
  decisions: readonly ItemDecision[],
  production: PackProduction,
): string {
  const e = escapeHtml;
  const disclosed = decisions.filter((d) => d.decision !== 'WITHHOLD');
  const withheld = decisions.filter((d) => d.decision === 'WITHHOLD');
  const field = (label: string, value: string) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`;
  const extensions = disclosureCase.extensions.map(
    (extension) =>
      `${extension.previousDueOn} extended to ${extension.newDueOn} on ${isoTime(extension.at)} by ${extension.by}: ${extension.reason}`,
  );
  const header = [
    field('Case', disclosureCase._id),
    field('Kind of request', kindNames[disclosureCase.kind]),
    field('Subject (hub id)', disclosureCase.nominalId),
    field('Requester', disclosureCase.requester),
    field('Received on', disclosureCase.receivedOn),
    field('Due on', `${disclosureCase.dueOn} (${disclosureCase.deadlineRule})`),
    ...extensions.map((extension) => field('Extension', extension)),
    field('Handled by', disclosureCase.handler),
    field('Pack produced', `${isoTime(production.producedAt)} by ${production.producedBy}`),
  ].join('\n');
  const disclosedItems =
    disclosed.length === 0
      ? '<p>No information is disclosed.</p>'
      : disclosed
          .map(
            (decision) => `<article class="disclosed-item" id="${e(decision.itemId)}">
<h3>${e(decision.title)}</h3>
<p class="decision">${e(decisionNames[decision.decision])}</p>
<pre class="item-text">${disclosedText(decision)}</pre>
</article>`,
          )
          .join('\n');
  const withheldItems =
    withheld.length === 0
      ? '<p>No information is withheld.</p>'
      : `<table class="withheld">
<thead><tr><th>Item</th><th>Exemption</th></tr></thead>
<tbody>
${withheld.map((d) => `<tr><td>${e(d.title)}</td><td>${e(exemptionText(d.exemption))}</td></tr>`).join('\n')}
</tbody>
</table>`;
  const log = disclosureCase.decisionLog
    .map(
      (d) =>
        `<tr><td>${e(isoTime(d.decidedAt))}</td><td>${e(d.decidedBy)}</td><td>${e(d.title)}</td>` +
        `<td>${e(decisionNames[d.decision])}${d.redactions.length > 0 ? ` (${d.redactions.length} redaction${d.redactions.length > 1 ? 's' : ''})` : ''}</td>` +
        `<td>${e(exemptionText(d.exemption))}</td><td>${e(d.reason)}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Disclosure pack ${e(disclosureCase._id)}</title>
<style>${printCss}</style>
</head>
<body>
<p class="classification">OFFICIAL-SENSITIVE</p>
<h1>Disclosure pack</h1>
<dl class="case">
${header}
</dl>
<section id="disclosed">
<h2>Information disclosed</h2>
${disclosedItems}
</section>
<section id="withheld">
<h2>Information withheld</h2>
${withheldItems}
</section>
<section id="decision-log">
<h2>Decision log</h2>
<table>
<thead><tr><th>When</th><th>Who</th><th>Item</th><th>Decision</th><th>Exemption</th><th>Reason</th></tr></thead>
<tbody>
${log}
</tbody>
</table>
</section>
<p class="classification">OFFICIAL-SENSITIVE</p>
</body>
</html>
`;
}
