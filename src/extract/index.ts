/**
 * extract: TextModel -> the fields and tasks of one record, each value with its span
 * and the rule that made it. Pure: never throws on odd input; a rule that fails adds
 * a diagnostic and gives nothing.
 */
import type { Diagnostic, Span, TextModel } from '../model/types.js';
import { extractHeader, fixPlace } from './header.js';
import { extractSigner } from './signer.js';
import { extractReferences, type Citation } from './references.js';
import { extractTasks, type TaskFinding } from './tasks.js';
import type { Finding } from './finding.js';
import type { Signer } from './signer.js';

export interface Extraction {
  fields: {
    type: string;
    number: string | null;
    symbol: string | null;
    issuer: string | null;
    parentBody: string | null;
    place: string | null;
    date: string | null;
    subject: string | null;
    recipients: string[];
    signer: Signer | null;
    references: string[];
    citations: Finding<Citation>[];
    distribution: string[];
    urgency: string | null;
    secrecy: string | null;
  };
  spans: Record<string, Span & { ruleId?: string }>;
  tasks: TaskFinding[];
  diagnostics: Diagnostic[];
}

function safe<T>(diags: Diagnostic[], ruleId: string, fallback: T, f: () => T): T {
  try {
    return f();
  } catch (e) {
    diags.push({ severity: 'warning', stage: 'extract', ruleId, message: `rule ${ruleId} failed: ${(e as Error).message}` });
    return fallback;
  }
}

export function extract(model: TextModel): Extraction {
  const diagnostics: Diagnostic[] = [];
  const header = safe(diagnostics, 'header', null, () => extractHeader(model));
  const sig = safe(diagnostics, 'signer', { signer: null, distribution: [] }, () => extractSigner(model));
  const number = header?.number?.value ?? null;
  const symbol = header?.symbol?.value ?? null;
  const own = number && symbol ? `${number}/${symbol}` : null;
  const citations = safe(diagnostics, 'references', [], () => extractReferences(model, own));
  const date = header?.date?.value ?? null;
  const recipients = header?.recipients.map((r) => r.value) ?? [];
  let issuer = header?.issuer?.value ?? null;
  let issuerRule = header?.issuer?.rule;
  if (!issuer) {
    // No header block: infer the body from the signature ("TM./KT. CHỦ TỊCH") and the
    // body text ("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh") with the place of the date line.
    const place = header?.place?.value;
    const level = /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|xã|phường|quận|thị xã)/u.exec(model.text);
    if (place && level && sig.signer?.value.position && /Chủ tịch/u.test(sig.signer.value.position)) {
      issuer = fixPlace(`Ủy ban nhân dân ${level[1]} ${place}`);
      issuerRule = 'header.issuerInferred';
    }
  }
  const tasks = safe(diagnostics, 'tasks', [], () => extractTasks(model, { date, recipients }));
  const spans: Extraction['spans'] = {};
  const put = (k: string, f: Finding<unknown> | null | undefined) => {
    if (f) spans[k] = { start: f.start, end: f.end, ...(f.page ? { page: f.page } : {}), ruleId: f.rule };
  };
  if (header) {
    put('type', header.type); put('number', header.number); put('symbol', header.symbol); put('issuer', header.issuer);
    put('place', header.place); put('date', header.date); put('subject', header.subject);
  }
  put('signer', sig.signer);
  if (issuerRule === 'header.issuerInferred' && sig.signer) spans.issuer = { start: sig.signer.start, end: sig.signer.end, ruleId: issuerRule };
  return {
    fields: {
      type: header?.type?.value ?? 'CV',
      number,
      symbol,
      issuer,
      parentBody: header?.parentBody?.value ?? null,
      place: header?.place?.value ?? null,
      date,
      subject: header?.subject?.value ?? null,
      recipients,
      signer: sig.signer?.value ?? null,
      references: citations.map((c) => c.value.ref),
      citations,
      distribution: sig.distribution.map((d) => d.value),
      urgency: header?.urgency?.value ?? null,
      secrecy: header?.secrecy?.value ?? null,
    },
    spans,
    tasks,
    diagnostics,
  };
}
