/**
 * Grading records against gold, with the exact rules of the record format
 * (../shared/eval/FORMAT.md, "How the scorer compares"): the same normalisation,
 * Dice thresholds, one-to-one greedy matching and counters as the reference scorer,
 * so `congvan eval` prints the same figures.
 */
import fs from 'node:fs';
import path from 'node:path';

const ABBREVIATIONS: Record<string, string> = {
  ubnd: 'uy ban nhan dan', hdnd: 'hoi dong nhan dan', tthc: 'thu tuc hanh chinh',
  cchc: 'cai cach hanh chinh', cbccvc: 'can bo cong chuc vien chuc', cbcc: 'can bo cong chuc',
  ccvc: 'cong chuc vien chuc', vp: 'van phong', pct: 'pho chu tich', ct: 'chu tich',
  mttq: 'mat tran to quoc', ttpvhcc: 'trung tam phuc vu hanh chinh cong',
  dvctt: 'dich vu cong truc tuyen', dvc: 'dich vu cong', cqhcnn: 'co quan hanh chinh nha nuoc',
  csdl: 'co so du lieu', csdlqg: 'co so du lieu quoc gia', bcci: 'buu chinh cong ich',
  cvp: 'chanh van phong', pcvp: 'pho chanh van phong', tw: 'trung uong', vpcp: 'van phong chinh phu',
};

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export function fold(s: unknown): string {
  return String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function norm(s: unknown): string {
  const words = fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(/\s+/).filter(Boolean);
  return words.map((w) => ABBREVIATIONS[w] ?? w).join(' ');
}

export function normSymbol(s: unknown): string | null {
  if (s === null || s === undefined) return null;
  return fold(s).toUpperCase().replace(/\s+/g, '').replace(/^SO:?/, '').replace(/^0+(?=\d)/, '');
}

// Tokens of the strings being compared, kept while score() runs: task matching compares every
// gold task with every predicted one, and normalising each text once instead of once per pair
// is what makes a 155-task plan quick (the figures are the same: the tokens are).
let tokenCache: Map<string, string[]> | null = null;

function tokens(s: unknown, limit = Infinity): string[] {
  if (!tokenCache) return norm(s).split(' ').filter(Boolean).slice(0, limit);
  const key = `${limit}\u0000${String(s ?? '')}`;
  let t = tokenCache.get(key);
  if (!t) tokenCache.set(key, (t = norm(s).split(' ').filter(Boolean).slice(0, limit)));
  return t;
}

export function dice(a: unknown, b: unknown, limit = Infinity): number {
  const ta = tokens(a, limit), tb = tokens(b, limit);
  if (ta.length === 0 && tb.length === 0) return 1;
  if (ta.length === 0 || tb.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const c = counts.get(t) ?? 0;
    if (c > 0) { common++; counts.set(t, c - 1); }
  }
  return (2 * common) / (ta.length + tb.length);
}

function match<G, P>(gold: G[], pred: P[], sim: (g: G, p: P) => number, threshold: number): [number, number, number][] {
  const pairs: [number, number, number][] = [];
  gold.forEach((g, i) => pred.forEach((p, j) => {
    const s = sim(g, p);
    if (s >= threshold) pairs.push([s, i, j]);
  }));
  pairs.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const usedG = new Set<number>(), usedP = new Set<number>(), out: [number, number, number][] = [];
  for (const [s, i, j] of pairs) {
    if (usedG.has(i) || usedP.has(j)) continue;
    usedG.add(i); usedP.add(j); out.push([i, j, s]);
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export class Counter {
  tp = 0; gold = 0; pred = 0;
  add(tp: number, gold: number, pred: number) { this.tp += tp; this.gold += gold; this.pred += pred; }
  get p() { return this.pred ? this.tp / this.pred : (this.gold ? 0 : 1); }
  get r() { return this.gold ? this.tp / this.gold : (this.pred ? 0 : 1); }
  get f1() { const { p, r } = this; return p + r ? (2 * p * r) / (p + r) : 0; }
  toJSON() { return { p: round(this.p), r: round(this.r), f1: round(this.f1), tp: this.tp, gold: this.gold, pred: this.pred }; }
}

export class Accuracy {
  ok = 0; n = 0;
  add(ok: boolean) { this.n++; if (ok) this.ok++; }
  get value() { return this.n ? this.ok / this.n : 1; }
  toJSON() { return { acc: round(this.value), ok: this.ok, n: this.n }; }
}

function listMatch(gold: unknown[] | null | undefined = [], pred: unknown[] | null | undefined = [], threshold = 0.75) {
  const g = (gold ?? []).filter((x) => norm(x)), p = (pred ?? []).filter((x) => norm(x));
  return { tp: match(g, p, (a, b) => dice(a, b), threshold).length, gold: g.length, pred: p.length };
}

function symbolList(list: unknown[] | null | undefined): string[] {
  return [...new Set((list ?? []).map(normSymbol).filter(Boolean) as string[])];
}

function deadlineEqual(g: Any, p: Any): boolean {
  const gn = !g || !g.kind, pn = !p || !p.kind;
  if (gn || pn) return gn && pn;
  return String(g.kind) === String(p.kind) && (g.date ?? null) === (p.date ?? null);
}

function pathEqual(g: unknown[] | undefined, p: unknown[] | undefined): boolean {
  const n = (a: unknown[] | undefined) => (a ?? []).map((x) => fold(x).replace(/[\s.)]/g, '')).join('/');
  return n(g) === n(p);
}

export function readRecords(p: string): Any[] {
  const stat = fs.statSync(p);
  let records: Any[] = [];
  if (stat.isDirectory()) {
    for (const f of fs.readdirSync(p).filter((f) => f.endsWith('.json')).sort()) {
      const v = JSON.parse(fs.readFileSync(path.join(p, f), 'utf8'));
      records.push(...(Array.isArray(v) ? v : [v]));
    }
  } else {
    const text = fs.readFileSync(p, 'utf8').trim();
    if (text.startsWith('[')) records = JSON.parse(text);
    else records = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
  }
  return records;
}

const stem = (file: unknown) => path.basename(String(file ?? '')).replace(/\.[^.]*$/, '');

export const FIELDS = ['type', 'number', 'symbol', 'issuer', 'place', 'date', 'subject', 'signer.name', 'signer.position', 'signer.authority'];

export interface DocReport {
  id: string;
  found: boolean;
  mismatches: Any[];
  missedTasks: string[];
  spuriousTasks: string[];
  taskErrors: Any[];
}

export function score(goldRecords: Any[], predRecords: Any[]) {
  const outer = tokenCache === null;
  if (outer) tokenCache = new Map();
  try {
    return scoreRecords(goldRecords, predRecords);
  } finally {
    if (outer) tokenCache = null;
  }
}

function scoreRecords(goldRecords: Any[], predRecords: Any[]) {
  const predByStem = new Map(predRecords.map((r) => [stem(r?.source?.file), r]));
  const fields: Record<string, Accuracy> = {};
  for (const k of FIELDS) fields[k] = new Accuracy();
  const lists = { recipients: new Counter(), references: new Counter() };
  const tasks = new Counter(), lead = new Counter(), support = new Counter(), obligations = new Counter();
  const deadline = new Accuracy(), pathAcc = new Accuracy();
  const perDoc: DocReport[] = [];

  for (const gold of goldRecords) {
    const id = stem(gold.source.file);
    const pred = predByStem.get(id);
    const doc: DocReport = { id, found: Boolean(pred), mismatches: [], missedTasks: [], spuriousTasks: [], taskErrors: [] };
    perDoc.push(doc);
    const gd = gold.document ?? {}, pd = pred?.document ?? {};
    const get = (o: Any, k: string) => k.split('.').reduce((x: Any, y) => (x == null ? x : x[y]), o);
    for (const k of Object.keys(fields)) {
      if (get(gd, k) === undefined) continue;
      const g = get(gd, k) ?? null, p = get(pd, k) ?? null;
      let ok: boolean;
      if (g === null || p === null) ok = g === null && p === null;
      else if (k === 'issuer' || k === 'subject') ok = dice(g, p) >= 0.8;
      else if (k === 'number' || k === 'symbol') ok = normSymbol(g) === normSymbol(p);
      else ok = norm(g) === norm(p);
      fields[k]!.add(ok);
      if (!ok) doc.mismatches.push({ field: k, gold: g, pred: p });
    }
    if (gd.recipients !== undefined) {
      const rec = listMatch(gd.recipients, pd.recipients);
      lists.recipients.add(rec.tp, rec.gold, rec.pred);
    }
    if (gd.references !== undefined) {
      const gRefs = symbolList(gd.references), pRefs = symbolList(pd.references);
      const refTp = gRefs.filter((r) => pRefs.includes(r)).length;
      lists.references.add(refTp, gRefs.length, pRefs.length);
      if (refTp < gRefs.length || refTp < pRefs.length) {
        doc.mismatches.push({ field: 'references', missing: gRefs.filter((r) => !pRefs.includes(r)), extra: pRefs.filter((r) => !gRefs.includes(r)) });
      }
    }
    if (gold.tasks === undefined) continue;
    const gt: Any[] = gold.tasks ?? [], pt: Any[] = pred?.tasks ?? [];
    const partial = gold.partial === true;
    const pairs = match(gt, pt, (g, p) => {
      const d = dice(g.text, p.text, 40);
      return d >= 0.6 ? d + (pathEqual(g.path, p.path) ? 0.05 : 0) : 0;
    }, 0.6);
    const predCount = partial ? pairs.length : pt.length;
    tasks.add(pairs.length, gt.length, predCount);
    let full = 0;
    for (const [i, j] of pairs) {
      const g = gt[i], p = pt[j];
      const l = listMatch(g.lead, p.lead), s = listMatch(g.support, p.support);
      lead.add(l.tp, l.gold, l.pred);
      support.add(s.tp, s.gold, s.pred);
      const dOk = deadlineEqual(g.deadline, p.deadline);
      deadline.add(dOk);
      const pOk = pathEqual(g.path, p.path);
      pathAcc.add(pOk);
      const leadOk = l.tp === l.gold && l.tp === l.pred;
      if (leadOk && dOk) full++;
      else doc.taskErrors.push({ text: String(g.text).slice(0, 80), lead: leadOk ? 'ok' : { gold: g.lead, pred: p.lead }, deadline: dOk ? 'ok' : { gold: g.deadline, pred: p.deadline } });
    }
    obligations.add(full, gt.length, predCount);
    const mg = new Set(pairs.map(([i]) => i)), mp = new Set(pairs.map(([, j]) => j));
    doc.missedTasks = gt.filter((_, i) => !mg.has(i)).map((t) => String(t.text).slice(0, 80));
    if (!partial) doc.spuriousTasks = pt.filter((_, j) => !mp.has(j)).map((t) => String(t.text).slice(0, 80));
  }
  return {
    documents: { gold: goldRecords.length, found: perDoc.filter((d) => d.found).length },
    fields, recipients: lists.recipients, references: lists.references,
    tasks, lead, support, deadline, path: pathAcc, obligations, perDoc,
  };
}

export type ScoreResult = ReturnType<typeof score>;

export function flatten(result: ScoreResult): Record<string, number> {
  const out: Record<string, number> = { 'documents.found': result.documents.found / (result.documents.gold || 1) };
  for (const [k, v] of Object.entries(result.fields)) out[`document.${k}`] = v.value;
  for (const k of ['recipients', 'references', 'tasks', 'lead', 'support', 'obligations'] as const) {
    out[`${k}.p`] = result[k].p; out[`${k}.r`] = result[k].r; out[`${k}.f1`] = result[k].f1;
  }
  out['deadline.acc'] = result.deadline.value;
  out['path.acc'] = result.path.value;
  const docFields = Object.values(result.fields).filter((a) => a.n > 0);
  out['document.mean'] = docFields.length ? docFields.reduce((s, a) => s + a.value, 0) / docFields.length : 1;
  return out;
}

/** The report as the reference scorer prints it. */
export function formatReport(result: ScoreResult, verbose = false): string {
  const lines: string[] = [];
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  lines.push(`documents graded: ${result.documents.found}/${result.documents.gold}`);
  lines.push('document fields (accuracy %):');
  for (const [k, v] of Object.entries(result.fields)) if (v.n) lines.push(`  ${k.padEnd(18)} ${pct(v.value)}  (${v.ok}/${v.n})`);
  lines.push('lists and tasks            P      R     F1');
  for (const k of ['recipients', 'references', 'tasks', 'lead', 'support', 'obligations'] as const) {
    const c = result[k];
    lines.push(`  ${k.padEnd(18)} ${pct(c.p)}  ${pct(c.r)}  ${pct(c.f1)}   (tp ${c.tp}, gold ${c.gold}, pred ${c.pred})`);
  }
  lines.push(`  deadline (matched)  ${pct(result.deadline.value)}  (${result.deadline.ok}/${result.deadline.n})`);
  lines.push(`  path (matched)      ${pct(result.path.value)}  (${result.path.ok}/${result.path.n})`);
  if (verbose) {
    for (const d of result.perDoc) {
      lines.push(`\n== ${d.id}${d.found ? '' : '  (no record)'}`);
      for (const m of d.mismatches) lines.push(`  field ${JSON.stringify(m)}`);
      for (const t of d.missedTasks) lines.push(`  missed task: ${t}`);
      for (const t of d.spuriousTasks) lines.push(`  spurious task: ${t}`);
      for (const e of d.taskErrors) lines.push(`  task error: ${JSON.stringify(e)}`);
    }
  }
  lines.push(`obligations F1: ${(100 * result.obligations.f1).toFixed(1)}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// Breakdowns: the same figures over the documents of one format or one gold type.
// Each group is graded by score() itself on the gold records of that group (the records
// pair by stem over the whole prediction set, as in the overall figures), so a group's
// figures are exactly what the reference scorer prints for a gold folder holding only
// that group's documents.

/** Formats in the order reports list them; others follow alphabetically. */
export const FORMATS = ['txt', 'md', 'docx', 'doc', 'pdf', 'scan'] as const;

export type GroupBy = 'format' | 'type';
export const GROUP_BYS: readonly GroupBy[] = ['format', 'type'];

const EXT_FORMAT: Record<string, string> = { markdown: 'md' };

function extFormat(file: unknown): string | null {
  const m = /\.([^./\\]+)$/.exec(String(file ?? ''));
  if (!m) return null;
  const ext = m[1]!.toLowerCase();
  return EXT_FORMAT[ext] ?? ext;
}

const explicitFormat = (r: Any): string | null => {
  const f = r?.source?.format ?? r?.format;
  return typeof f === 'string' && f.trim() ? f.trim().toLowerCase() : null;
};

/**
 * A document's format: the record's own `source.format` (or a top-level `format`), which
 * says "scan" for a PDF read by OCR; else the gold record's; else the extension of the
 * record's file, else of the gold's; "unknown" when none says.
 */
export function formatOfDocument(gold: Any, pred: Any | undefined): string {
  return explicitFormat(pred) ?? explicitFormat(gold) ?? extFormat(pred?.source?.file) ?? extFormat(gold?.source?.file) ?? 'unknown';
}

/** A document's type as the gold record gives it ("unknown" when it does not). */
export function typeOfDocument(gold: Any): string {
  const t = gold?.document?.type;
  return typeof t === 'string' && t.trim() ? t.trim() : 'unknown';
}

export interface Group {
  /** The format or type. */
  key: string;
  /** Stems of the gold documents in the group, in gold order. */
  ids: string[];
  /** Gold documents of the group that list tasks (the ones obligations are graded on). */
  annotated: number;
  result: ScoreResult;
}

/** A key function: the group of one gold document given its record (undefined when none). */
export type GroupKey = (gold: Any, pred: Any | undefined) => string;

function keyFn(by: GroupBy | GroupKey): GroupKey {
  if (typeof by === 'function') return by;
  return by === 'format' ? formatOfDocument : (gold) => typeOfDocument(gold);
}

function groupOrder(by: GroupBy | GroupKey, groups: Map<string, Any[]>): string[] {
  const keys = [...groups.keys()];
  if (by === 'format') {
    const rank = (k: string) => {
      const i = (FORMATS as readonly string[]).indexOf(k);
      return i < 0 ? FORMATS.length : i;
    };
    return keys.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }
  // types (and custom keys): most documents first, then by name
  return keys.sort((a, b) => groups.get(b)!.length - groups.get(a)!.length || a.localeCompare(b));
}

/** The figures of each group of gold documents: by format, by gold type, or by a key function. */
export function breakdown(goldRecords: Any[], predRecords: Any[], by: GroupBy | GroupKey): Group[] {
  const predByStem = new Map(predRecords.map((r) => [stem(r?.source?.file), r]));
  const key = keyFn(by);
  const groups = new Map<string, Any[]>();
  for (const gold of goldRecords) {
    const k = key(gold, predByStem.get(stem(gold?.source?.file)));
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(gold);
  }
  return groupOrder(by, groups).map((k) => {
    const gold = groups.get(k)!;
    return {
      key: k,
      ids: gold.map((g) => stem(g?.source?.file)),
      annotated: gold.filter((g) => g?.tasks !== undefined).length,
      result: score(gold, predRecords),
    };
  });
}

/** A group's figures for JSON: the flat summary and the counters (its documents' misses are in the overall perDoc). */
export function groupJson(groups: Group[]): Record<string, Any> {
  const out: Record<string, Any> = {};
  for (const g of groups) {
    const { perDoc: _perDoc, ...detail } = g.result;
    out[g.key] = { ids: g.ids, annotated: g.annotated, summary: flatten(g.result), detail };
  }
  return out;
}

/**
 * Every figure `--min` can name: the overall ones (`obligations.f1`, `document.number`, ...)
 * and each group's, prefixed `format.<format>.` or `type.<type>.` (`format.pdf.document.number`,
 * `type.CV.obligations.f1`).
 */
export function allFigures(result: ScoreResult, groups: Partial<Record<GroupBy, Group[]>>): Record<string, number> {
  const out: Record<string, number> = { ...flatten(result) };
  for (const by of GROUP_BYS) {
    for (const g of groups[by] ?? []) {
      for (const [k, v] of Object.entries(flatten(g.result))) out[`${by}.${g.key}.${k}`] = v;
    }
  }
  return out;
}

export type FigureLookup =
  | { ok: true; key: string; value: number }
  | { ok: false; reason: string };

const foldKey = (s: string) => fold(s).replace(/\s+/g, '');

/**
 * Find a figure by the name a user typed. A document field may drop its `document.` prefix
 * (`number` = `document.number`, `format.pdf.number` = `format.pdf.document.number`); a
 * group name matches without regard to case or diacritics (`type.qd` = `type.QĐ`).
 */
export function lookupFigure(figures: Record<string, number>, name: string): FigureLookup {
  const tryKey = (k: string, prefix = ''): FigureLookup | null => {
    for (const key of [`${prefix}${k}`, `${prefix}document.${k}`]) {
      if (key in figures) return { ok: true, key, value: figures[key]! };
    }
    return null;
  };
  const direct = tryKey(name);
  if (direct) return direct;
  const m = /^(format|type)\.([^.]+)\.(.+)$/.exec(name);
  if (m) {
    const [, by, group, figure] = m as unknown as [string, GroupBy, string, string];
    const names = [...new Set(Object.keys(figures).filter((k) => k.startsWith(`${by}.`)).map((k) => k.split('.')[1]!))];
    const found = names.find((n) => n === group) ?? names.find((n) => foldKey(n) === foldKey(group));
    if (!found) {
      return { ok: false, reason: `no gold document of ${by} "${group}" (${by}s graded: ${names.join(', ') || 'none'})` };
    }
    const inGroup = tryKey(figure, `${by}.${found}.`);
    if (inGroup) return inGroup;
  }
  const known = Object.keys(flatten(score([], [])));
  return { ok: false, reason: `unknown figure: ${name} (known: ${known.join(', ')}; per group: format.<format>.<figure>, type.<type>.<figure>)` };
}

const SHORT_FIELDS: Record<string, string> = {
  type: 'type', number: 'num', symbol: 'sym', issuer: 'issuer', place: 'place', date: 'date', subject: 'subj',
  'signer.name': 's.name', 'signer.position': 's.pos', 'signer.authority': 's.auth',
};

/**
 * One breakdown, compactly: a row per group with its document fields (accuracy %) and a row
 * per group with its obligations (P/R/F1 %), lead, support (F1 %) and deadline (accuracy %
 * on matched tasks). "-" where the group's gold grades nothing.
 */
export function formatBreakdown(by: GroupBy | string, groups: Group[]): string {
  const lines: string[] = [];
  if (groups.length === 0) return `by ${by}: no documents`;
  const width = Math.max(10, ...groups.map((g) => g.key.length + 2));
  const cell = (x: number | null) => (x === null ? '-' : (100 * x).toFixed(1)).padStart(6);
  const docs = (g: Group) => `${g.result.documents.found}/${g.result.documents.gold}`.padStart(7);
  lines.push(`by ${by}: document fields (accuracy %)`);
  lines.push(`  ${''.padEnd(width)}${'docs'.padStart(7)}${FIELDS.map((f) => SHORT_FIELDS[f]!.padStart(7)).join('')}`);
  for (const g of groups) {
    lines.push(`  ${g.key.padEnd(width)}${docs(g)}${FIELDS.map((f) => ' ' + cell(g.result.fields[f]!.n ? g.result.fields[f]!.value : null)).join('')}`);
  }
  lines.push(`by ${by}: obligations (%), graded on the documents whose gold lists tasks (annot; tasks: gold tasks)`);
  lines.push(`  ${''.padEnd(width)}${'annot'.padStart(7)}${'tasks'.padStart(7)}${'obl.P'.padStart(7)}${'obl.R'.padStart(7)}${'obl.F1'.padStart(7)}${'lead'.padStart(7)}${'supp'.padStart(7)}${'dline'.padStart(7)}`);
  for (const g of groups.filter((x) => x.annotated > 0)) {
    const r = g.result;
    const c = (x: number, graded: boolean) => ' ' + cell(graded ? x : null);
    lines.push(
      `  ${g.key.padEnd(width)}${String(g.annotated).padStart(7)}${String(r.tasks.gold).padStart(7)}` +
        c(r.obligations.p, true) + c(r.obligations.r, true) + c(r.obligations.f1, true) +
        c(r.lead.f1, r.lead.gold + r.lead.pred > 0) + c(r.support.f1, r.support.gold + r.support.pred > 0) +
        c(r.deadline.value, r.deadline.n > 0),
    );
  }
  const without = groups.filter((x) => x.annotated === 0).map((x) => x.key);
  if (without.length) lines.push(`  (no gold tasks: ${without.join(', ')})`);
  return lines.join('\n');
}
