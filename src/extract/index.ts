/**
 * extract: TextModel -> the fields and tasks of one record as the text gives them, each
 * value with its span and the rule that made it (src/refine then infers what the text
 * leaves out: the issuer, the place, the agencies' registry names). Pure: never throws on odd input; a rule that fails adds
 * a diagnostic and gives nothing.
 */
import type { Diagnostic, Span, TextModel } from '../model/types.js';
import { extractHeader, secondDocument } from './header.js';
import { extractSigner } from './signer.js';
import { extractReferences, type Citation } from './references.js';
import { extractTasks, type TaskFinding } from './tasks.js';
import { startsWithBody, splitBodies } from './agencies.js';
import type { Finding } from './finding.js';
import type { Signer } from './signer.js';
import { assignsNoWork } from './words/doctypes.js';

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
  if (header?.diagnostics) diagnostics.push(...header.diagnostics);
  const sig0 = safe(diagnostics, 'signer', { signer: null, distribution: [] }, () => extractSigner(model));
  // (a news copy with no signature: the one its first sentence says signed)
  const sig = !sig0.signer && header?.newsSigner ? { ...sig0, signer: header.newsSigner } : sig0;
  const number = header?.number?.value ?? null;
  const symbol = header?.symbol?.value ?? null;
  const own = number && symbol ? (/^[\p{Lu}]+\/[\p{Lu}]/u.test(symbol) ? `${number}-${symbol}` : `${number}/${symbol}`) : null;
  // two documents in one file: the record is the first one's (a plan or appendix attached after its
  // signature gives its tasks to it); a second letter with its own number is named, not read
  const second = safe(diagnostics, 'secondDocument', null, () => secondDocument(model, { number, symbol }));
  // what the document cites: not the appended second document's citations, nor an appendix's lists of evidence
  // (a report's "Phụ lục" table of the documents each score rests on); its footnotes are its own
  const appendix = appendixStart(model, sig.signer?.end ?? null);
  const outside = Math.min(second?.start ?? Infinity, appendix ?? Infinity);
  const citations = safe(diagnostics, 'references', [], () => extractReferences(model, own, header?.number?.start))
    .filter((c) => c.start < outside || model.blocks.some((b) => b.kind === 'footnote' && c.start >= b.start && c.start < b.end));
  const date = header?.date?.value ?? null;
  const recipients = header?.recipients.map((r) => r.value) ?? [];
  // the issuer and place as printed; what the header leaves out is inferred by src/refine
  const issuer = header?.issuer?.value ?? null;
  const place = header?.place?.value ?? null;
  const addressee = recipients.length ? null : safe(diagnostics, 'addressee', null, () => addresseeOf(header?.subject ?? null));
  const type = header?.type?.value ?? 'CV';
  const noWork = assignsNoWork(type);
  const tasks = noWork ? [] : safe(diagnostics, 'tasks', [], () => extractTasks(model, { date, recipients, addressee, issuer }));
  if (noWork) diagnostics.push({ severity: 'info', stage: 'extract', ruleId: 'tasks.kind', ...(header?.type ? { span: { start: header.type.start, end: header.type.end } } : {}), message: `a document of type ${type} reports, proposes or states rules: it assigns no work, so its items are not read as tasks` });
  if (second) diagnostics.push({ severity: 'warning', stage: 'extract', ruleId: 'document.second', span: { start: second.start, end: second.end }, message: `a second document (Số: ${second.value}) follows the first one's signature: the record describes the first; the second is not read (ingest it as a file of its own)` });
  const spans: Extraction['spans'] = {};
  const put = (k: string, f: Finding<unknown> | null | undefined) => {
    if (f) spans[k] = { start: f.start, end: f.end, ...(f.page ? { page: f.page } : {}), ruleId: f.rule };
  };
  if (header) {
    put('type', header.type); put('number', header.number); put('symbol', header.symbol);
    put('date', header.date); put('subject', header.subject);
  }
  if (header?.issuer) spans.issuer = { start: header.issuer.start, end: header.issuer.end, ruleId: header.issuer.rule ?? 'header.issuer' };
  if (header?.place) spans.place = { start: header.place.start, end: header.place.end, ruleId: header.place.rule };
  put('signer', sig.signer);
  return {
    fields: {
      type,
      number,
      symbol,
      issuer,
      parentBody: header?.parentBody?.value ?? null,
      place,
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

/** "Kết luận của Chủ tịch ... tại buổi làm việc với Ủy ban nhân dân huyện X": the body a notice is about. */
function addresseeOf(subject: Finding<string> | null): { name: string; start: number; end: number } | null {
  if (!subject) return null;
  for (const m of subject.value.matchAll(/(?<=(?:làm việc với|kiểm tra tại|kiểm tra đối với|đối với|tại)\s+)(\p{Lu}.+?)(?=\s+(?:về|năm|ngày|trong)\s|$)/gu)) {
    if (!startsWithBody(m[1]!, true)) continue;
    const bodies = splitBodies(m[1]!, { comma: true });
    if (bodies.length === 1) return { name: bodies[0]!.text, start: subject.start, end: subject.end };
  }
  return null;
}

/** Where an appendix after the signature begins ("PHỤ LỤC" / "Phụ lục" as its own title), or null. */
function appendixStart(model: TextModel, signed: number | null): number | null {
  if (signed === null) return null;
  const b = model.blocks.find((x) => x.start >= signed && x.kind !== 'table' && x.kind !== 'footnote' && /^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:[IVX]+|\d+|số\s+\d+))?\s*[:.]?\s*$/u.test(x.text.split('\n')[0]!.trim()));
  return b ? b.start : null;
}
