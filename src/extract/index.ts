/**
 * extract: TextModel -> the fields and tasks of one record, each value with its span
 * and the rule that made it. Pure: never throws on odd input; a rule that fails adds
 * a diagnostic and gives nothing.
 */
import type { Diagnostic, Span, TextModel } from '../model/types.js';
import { extractHeader, fixPlace, canonicalProvince } from './header.js';
import { extractSigner } from './signer.js';
import { extractReferences, type Citation } from './references.js';
import { extractTasks, type TaskFinding } from './tasks.js';
import { startsWithBody, splitBodies } from './agencies.js';
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
  const own = number && symbol ? (/^[\p{Lu}]+\/[\p{Lu}]/u.test(symbol) ? `${number}-${symbol}` : `${number}/${symbol}`) : null;
  const citations = safe(diagnostics, 'references', [], () => extractReferences(model, own));
  const date = header?.date?.value ?? null;
  const recipients = header?.recipients.map((r) => r.value) ?? [];
  let issuer = header?.issuer?.value ?? null;
  let issuerRule = header?.issuer?.rule;
  let issuerSpan: Span | null = header?.issuer ?? null;
  if (!issuer) {
    const inferred = safe(diagnostics, 'issuerInferred', null, () => inferIssuer(model, header?.place?.value ?? null, sig.signer?.value ?? null));
    if (inferred) ({ issuer, rule: issuerRule, span: issuerSpan } = inferred);
  }
  // Nghị định 30/2020/NĐ-CP, Phụ lục I: the địa danh of a provincial body's document is the province's name.
  let place = header?.place?.value ?? null;
  let placeSpan: Span | null = header?.place ?? null;
  if (!place && issuer) {
    const prov = /(?:tỉnh|thành phố)\s+(.+)$/u.exec(issuer);
    if (prov && canonicalProvince(prov[1]!)) {
      place = canonicalProvince(prov[1]!);
      placeSpan = issuerSpan;
    }
  }
  const addressee = recipients.length ? null : safe(diagnostics, 'addressee', null, () => addresseeOf(header?.subject ?? null));
  const tasks = safe(diagnostics, 'tasks', [], () => extractTasks(model, { date, recipients, addressee }));
  const spans: Extraction['spans'] = {};
  const put = (k: string, f: Finding<unknown> | null | undefined) => {
    if (f) spans[k] = { start: f.start, end: f.end, ...(f.page ? { page: f.page } : {}), ruleId: f.rule };
  };
  if (header) {
    put('type', header.type); put('number', header.number); put('symbol', header.symbol);
    put('date', header.date); put('subject', header.subject);
  }
  if (issuerSpan) spans.issuer = { start: issuerSpan.start, end: issuerSpan.end, ruleId: issuerRule ?? 'header.issuer' };
  if (placeSpan) spans.place = { start: placeSpan.start, end: placeSpan.end, ruleId: header?.place ? header.place.rule : 'header.placeFromIssuer' };
  put('signer', sig.signer);
  return {
    fields: {
      type: header?.type?.value ?? 'CV',
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

const LEVEL = /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN)\s+(tỉnh|thành phố|huyện|xã|phường|quận|thị xã)(?:\s+([\p{Lu}][\p{L}]*(?:\s+[\p{Lu}][\p{L}]*){0,3}))?/u;

/**
 * The issuing body of a document printed without its header block, from what the text says:
 * "Ủy ban nhân dân tỉnh X ban hành Kế hoạch ...", the signature "TM. ỦY BAN NHÂN DÂN" or
 * "KT. CHỦ TỊCH" with "Chủ tịch UBND tỉnh" in the body, and the place of the date line.
 */
function inferIssuer(model: TextModel, place: string | null, signer: Signer | null): { issuer: string; rule: string; span: Span } | null {
  const text = model.text;
  const issues = /((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+(?:tỉnh|thành phố|huyện|xã|phường|quận|thị xã)(?:\s+[\p{Lu}][\p{L}]*){0,3})\s+ban hành\s+(?:Kế hoạch|Quyết định|Chỉ thị|Chương trình|Đề án|Quy chế|Quy định|Hướng dẫn|Phương án)/u.exec(text);
  if (issues) {
    const name = fixPlace(issues[1]!.replace(/^UBND/u, 'Ủy ban nhân dân').replace(/^HĐND/u, 'Hội đồng nhân dân').replace(/^Uỷ/u, 'Ủy'));
    return { issuer: name, rule: 'header.issuerFromBody', span: { start: issues.index, end: issues.index + issues[1]!.length } };
  }
  const level = LEVEL.exec(text);
  const who = signer?.position ?? '';
  if (level && (/Chủ tịch/u.test(who) || /(?:TM|KT)\.\s*(?:ỦY BAN NHÂN DÂN|CHỦ TỊCH)/u.test(text))) {
    const where = place ?? level[2] ?? null;
    if (!where) return null;
    return { issuer: fixPlace(`Ủy ban nhân dân ${level[1]} ${where}`), rule: 'header.issuerInferred', span: { start: level.index, end: level.index + level[0].length } };
  }
  return null;
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
