/**
 * A record as the store's rows: everything the Writer inserts, computed from the record and
 * the normalised text — the folded text of the full-text index, task keys, the agencies with
 * the canonical names the record carries (src/refine made them), the record's JSON. Pure and self-contained, so a batch computes it in the worker
 * thread with the record, and the one writer thread only runs the inserts.
 */
import type { ExtractionRecord } from '../../schemas/record.js';
import { fold } from '../normalise/unicode.js';

export interface AgencyRow {
  /** As written in the task. */
  name: string;
  canonical: string;
  /** fold(canonical): the key of diacritic-insensitive agency filters. */
  folded: string;
  role: 'lead' | 'support';
}

export interface TaskRow {
  key: string;
  label: string;
  /** JSON array of the task's outline path. */
  path: string;
  text: string;
  deadlineKind: string | null;
  deadlineDate: string | null;
  deadlineText: string | null;
  /** JSON of a recurring deadline's rule. */
  deadlineRule: string | null;
  spanStart: number | null;
  spanEnd: number | null;
  page: number | null;
  /** Folded text and agency names for tasks_fts. */
  ftsText: string;
  ftsAgencies: string;
  agencies: AgencyRow[];
}

export interface StoreRow {
  recordId: string;
  sha256: string;
  /** The file's name (the path it was read from is given to Writer.write). */
  file: string;
  format: string;
  type: string;
  number: string | null;
  symbol: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  subject: string | null;
  signerName: string | null;
  signerPosition: string | null;
  signerAuthority: string | null;
  /** The whole record, compact JSON (documents.record_json). */
  recordJson: string;
  /** The normalised text the record's spans point into. */
  text: string;
  fts: { subject: string; issuer: string; text: string };
  tasks: TaskRow[];
  citations: { ref: string; kind: string | null; date: string | null; issuer: string | null }[];
}

/** A stable key for a task inside its document, so a completion survives re-ingesting a changed version. */
export function taskKey(t: { path: string[]; text: string }): string {
  return keyOfFolded(t.path, fold(t.text));
}

function keyOfFolded(path: string[], folded: string): string {
  return `${path.join('/')}|${firstWords(folded, 12)}`;
}

/**
 * The first `n` runs of [a-z0-9] in `folded`, joined by a space: what
 * `folded.replace(/[^a-z0-9 ]/g, ' ').split(/\s+/).filter(Boolean).slice(0, n).join(' ')` gives,
 * reading only as far as the n-th word (a task's text can be pages long).
 */
function firstWords(folded: string, n: number): string {
  let out = '';
  let words = 0;
  for (let i = 0; i < folded.length && words < n; ) {
    while (i < folded.length && !isWordUnit(folded.charCodeAt(i))) i++;
    const a = i;
    while (i < folded.length && isWordUnit(folded.charCodeAt(i))) i++;
    if (i > a) out += (words++ ? ' ' : '') + folded.slice(a, i);
  }
  return out;
}

/** a-z or 0-9 */
const isWordUnit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

export function toStoreRow(record: ExtractionRecord, text: string): StoreRow {
  const d = record.document;
  return {
    recordId: record.id,
    sha256: record.source.sha256,
    file: record.source.file,
    format: record.source.format,
    type: d.type,
    number: d.number,
    symbol: d.symbol,
    issuer: d.issuer,
    place: d.place,
    date: d.date,
    subject: d.subject,
    signerName: d.signer?.name ?? null,
    signerPosition: d.signer?.position ?? null,
    signerAuthority: d.signer?.authority ?? null,
    recordJson: JSON.stringify(record),
    text,
    fts: { subject: fold(d.subject ?? ''), issuer: fold(d.issuer ?? ''), text: fold(text) },
    tasks: record.tasks.map((t) => {
      const agencies: AgencyRow[] = [];
      const names: string[] = [];
      // a record made without the refine stage (by hand, by an older version) has names only
      const named = t.agencies ?? [...t.lead.map((name) => ({ name, canonical: name, role: 'lead' as const })), ...t.support.map((name) => ({ name, canonical: name, role: 'support' as const }))];
      for (const { name, canonical, role } of named) {
        agencies.push({ name, canonical, folded: fold(canonical), role });
        names.push(name, canonical);
      }
      const folded = fold(t.text);
      return {
        key: keyOfFolded(t.path, folded),
        label: t.label,
        path: JSON.stringify(t.path),
        text: t.text,
        deadlineKind: t.deadline?.kind ?? null,
        deadlineDate: t.deadline?.date ?? null,
        deadlineText: t.deadline?.text ?? null,
        deadlineRule: t.deadline?.rule ? JSON.stringify(t.deadline.rule) : null,
        spanStart: t.span?.start ?? null,
        spanEnd: t.span?.end ?? null,
        page: t.span?.page ?? null,
        ftsText: folded,
        ftsAgencies: fold(names.join(' ; ')),
        agencies,
      };
    }),
    citations: (d.citations ?? []).map((c) => ({ ref: c.ref, kind: c.kind ?? null, date: c.date ?? null, issuer: c.issuer ?? null })),
  };
}
