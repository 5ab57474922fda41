/**
 * Searching documents: the newest matching documents (capped), ranked in ./rank.ts.
 */
import type { DB } from '../store/db.js';
import { parseQuery, allWordsExpression, type ParsedQuery } from './fts.js';
import { resolveAgencies, agencyKeys, agencyKey } from './agency.js';
import { makeSnippet, type Snippet } from './snippet.js';
import { localToday } from '../model/status.js';
import { documentScore } from './rank.js';
import { and, shadowedDocuments, stamp, RANK_POOL, COUNT_CAP } from './plan.js';
import type { SearchResult } from './types.js';

export interface DocumentQuery {
  words?: string | null;
  agency?: string | null;
  type?: string | null;
  limit?: number | null;
  offset?: number | null;
}

export interface DocumentHit {
  id: number;
  recordId: string;
  file: string;
  type: string | null;
  number: string | null;
  symbol: string | null;
  date: string | null;
  issuer: string | null;
  subject: string | null;
  tasks: number;
  score: number | null;
  snippet: Snippet;
}

export function searchDocuments(db: DB, query: DocumentQuery): SearchResult<DocumentHit> {
  const t0 = performance.now();
  const limit = Math.max(1, Math.min(500, Math.floor(Number(query.limit ?? 20)) || 20));
  const offset = Math.max(0, Math.min(100_000, Math.floor(Number(query.offset ?? 0)) || 0));
  const parsed = parseQuery(query.words);
  const match = allWordsExpression(parsed);
  const checks: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.type) {
    checks.push('d.type = @type COLLATE NOCASE');
    params.type = query.type.trim();
  }
  if (query.agency && query.agency.trim()) {
    // issued by the agency, or assigning it a task
    const ids = resolveAgencies(db, query.agency);
    const keys = agencyKeys(query.agency);
    db.function('cv_agency_key', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? ` ${agencyKey(s)} ` : ''));
    const issuer = keys.map((_, i) => `instr(cv_agency_key(d.issuer), @k${i}) > 0`);
    keys.forEach((k, i) => (params[`k${i}`] = ` ${k} `));
    const assigns = ids.length ? [`EXISTS (SELECT 1 FROM tasks t JOIN task_agencies ta ON ta.task_id = t.id WHERE t.document_id = d.id AND ta.agency_id IN (${ids.join(',')}))`] : [];
    checks.push(`(${[...issuer, ...assigns].join(' OR ') || '0'})`);
  }
  const shadow = shadowedDocuments(db, stamp(db));
  if (shadow.length) checks.push(`d.id NOT IN (${shadow.join(',')})`);
  let ids: number[];
  let total: number;
  let capped = false;
  const scores = new Map<number, number>();
  if (match) {
    // the newest matching documents (capped), ranked by where the words stand: the exact
    // sequence or every word in the subject first, then in the issuer, then in the text only
    const rows = db
      .prepare(`SELECT d.id, d.subject, d.issuer FROM documents_fts f CROSS JOIN documents d ON d.id = f.rowid WHERE documents_fts MATCH @match AND ${and(checks)} ORDER BY f.rowid DESC LIMIT ${RANK_POOL + 1}`)
      .all({ ...params, match }) as { id: number; subject: string | null; issuer: string | null }[];
    ({ ids, total, capped } = rankDocuments(rows, parsed, offset, limit, scores));
  } else {
    ids = db.prepare(`SELECT d.id FROM documents d WHERE ${and(checks)} ORDER BY d.date DESC, d.id DESC LIMIT ${limit} OFFSET ${offset}`).pluck().all(params) as number[];
    const n = db.prepare(`SELECT count(*) FROM (SELECT 1 FROM documents d WHERE ${and(checks)} LIMIT ${COUNT_CAP + 1})`).pluck().get(params) as number;
    total = Math.min(n, COUNT_CAP);
    capped = n > COUNT_CAP;
  }
  const items = loadDocuments(db, ids, parsed.tokens, scores);
  return { items, total, totalCapped: capped, capped, today: localToday(), ms: performance.now() - t0 };
}

export function loadDocuments(db: DB, ids: number[], tokens: string[], scores: Map<number, number>): DocumentHit[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(`SELECT d.id, d.record_id, d.file, d.type, d.number, d.symbol, d.date, d.issuer, d.subject, d.text,
      (SELECT count(*) FROM tasks t WHERE t.document_id = d.id) AS tasks FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as DocumentRow[];
  return toDocumentHits(ids, rows, tokens, scores);
}

/**
 * A page of the newest matching documents (RANK_POOL of them at most, newest first; one more
 * says the set was capped), by score and then newest; `scores` is filled.
 */
export function rankDocuments(rows: { id: number; subject: string | null; issuer: string | null }[], parsed: ParsedQuery, offset: number, limit: number, scores: Map<number, number>) {
  const capped = rows.length > RANK_POOL;
  const pool = rows.slice(0, RANK_POOL);
  for (const r of pool) scores.set(r.id, documentScore(r.subject, r.issuer, parsed));
  const ids = pool.map((r) => r.id).sort((x, y) => scores.get(y)! - scores.get(x)! || y - x).slice(offset, offset + limit);
  return { ids, total: pool.length, capped };
}

export interface DocumentRow {
  id: number; record_id: string; file: string; type: string | null; number: string | null; symbol: string | null; date: string | null; issuer: string | null; subject: string | null; text: string; tasks: number;
}

/** Hits of documents' rows, in the order of `ids`, with a snippet (from the subject when the words are there). */
export function toDocumentHits(ids: number[], rows: DocumentRow[], tokens: string[], scores: Map<number, number>): DocumentHit[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const subjectHit = tokens.length && r.subject ? makeSnippet(r.subject, tokens) : null;
    const snippet = subjectHit && subjectHit.marks.length ? subjectHit : makeSnippet(r.text, tokens);
    return [{ id: r.id, recordId: r.record_id, file: r.file, type: r.type, number: r.number, symbol: r.symbol, date: r.date, issuer: r.issuer, subject: r.subject, tasks: r.tasks, score: scores.get(id) ?? null, snippet }];
  });
}

/** "4945/UBND-THCBKS", "UBND-NC" when unnumbered, "" when neither. */
export function docRef(d: { number: string | null; symbol: string | null }): string {
  if (d.number && d.symbol) return `${d.number}/${d.symbol}`;
  return d.symbol ?? d.number ?? '';
}

