/**
 * Which stored files are renditions of one document, and the record id of each document.
 *
 * A record id names one document: several files share it only when they are renditions of
 * that document (a .txt, its .docx, its PDF, a scan of the same name), never because their
 * files have the same name (`a/congvan.txt` and `b/congvan.txt` are two documents). A file
 * joins a stored document of the same file name only when
 *
 * - their identity agrees: type, number, symbol, issuer and date as extracted. With a full
 *   identity (a number, a symbol, an issuer and a whole date: the document's legal identity,
 *   Nghị định 30/2020/NĐ-CP) their words must still be alike (a guard against a misread
 *   header);
 * - without it (a draft's blank number 'Số: /UBND-NC', a month-only date, no issuer read)
 *   many different documents share the same header: then the subject must agree too, and
 *   the texts must be nearly the same (word pairs, not only words);
 * - the document has no rendition of this format yet (two PDFs of one name stay two
 *   records: each keeps its own JSON file).
 *
 * A rendition is searched through its document's best rendition, so files of other names
 * are never linked, whatever their identity: each stays findable by itself.
 *
 * Otherwise the file is a document of its own, with the first id that no other document
 * holds: its previous id (the same path stored again), the file's stem, then the stem and a
 * hash of its path. So ids stay the file's stem where that is unique, and never collide.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { fold } from '../normalise/unicode.js';

/** What identity needs of a stored file. */
export interface IdentityFields {
  file: string;
  format: string;
  type: string | null;
  number: string | null;
  symbol: string | null;
  issuer: string | null;
  date: string | null;
  subject: string | null;
}

/** Words alike (Dice of word sets) for renditions of a document with a full identity. */
export const STRONG_SIMILARITY = 0.75;
/** Word pairs alike (Dice of word-bigram sets) for renditions without one. */
export const WEAK_SIMILARITY = 0.95;

const squash = (s: string | null | undefined) => (s == null ? '' : fold(s).replace(/\s+/g, '').toUpperCase());
const words = (s: string | null | undefined) => (s == null ? '' : fold(s).replace(/[^a-z0-9]+/g, ' ').trim());

export function stemOf(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '');
}

/** Has the file the number, symbol, issuer and whole date that name one document? */
export function fullIdentity(d: IdentityFields): boolean {
  return !!squash(d.number) && !!squash(d.symbol) && !!words(d.issuer) && /^\d{4}-\d{2}-\d{2}$/.test(d.date ?? '');
}

/**
 * The key renditions of one document share (documents.ident): a hash of the file's stem and
 * the identity, and for a file without a full identity, of its subject too.
 */
export function identityKey(d: IdentityFields): string {
  const strong = fullIdentity(d);
  const parts = [fold(stemOf(d.file)).normalize('NFC'), d.type ?? '', squash(d.number), squash(d.symbol), words(d.issuer), d.date ?? ''];
  if (!strong) parts.push(words(d.subject));
  return (strong ? 'S:' : 'W:') + crypto.createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 32);
}

function tokens(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/g) ?? [];
}

function dice(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let n = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

/** Are two texts with the same identity key the same document's? */
export function sameText(key: string, a: string, b: string): boolean {
  const ta = tokens(a);
  const tb = tokens(b);
  if (key.startsWith('S:')) return dice(new Set(ta), new Set(tb)) >= STRONG_SIMILARITY;
  const pairs = (t: string[]) => {
    const s = new Set<string>();
    for (let i = 0; i + 1 < t.length; i++) s.add(t[i] + ' ' + t[i + 1]);
    if (t.length === 1) s.add(t[0]!);
    return s;
  };
  return dice(pairs(ta), pairs(tb)) >= WEAK_SIMILARITY;
}

/** The ids a file may take when it is a document of its own, in order of preference. */
export function* idChoices(file: string, filePath: string, previous: string | null): Generator<string> {
  if (previous) yield previous;
  const stem = stemOf(file) || 'document';
  yield stem;
  const h = crypto.createHash('sha256').update(filePath).digest('hex');
  yield `${stem}-${h.slice(0, 8)}`;
  yield `${stem}-${h.slice(0, 16)}`;
  for (let i = 2; ; i++) yield `${stem}-${h.slice(0, 16)}-${i}`;
}

/** The store's rows as the id assignment reads them. */
export interface IdLookup {
  /** Stored files with this identity key: their record id, format and text. */
  sameIdentity(key: string): Iterable<{ recordId: string; format: string; text: string }>;
  /** The formats of the files stored under a record id (none: the id is free). */
  formatsOf(recordId: string): string[];
}

/**
 * The record id of a file about to be stored (its previous row, if any, already removed):
 * the id of the stored document it is a rendition of, or a free one.
 */
export function assignRecordId(
  d: IdentityFields & { text: string },
  filePath: string,
  previous: string | null,
  key: string,
  store: IdLookup,
): string {
  const tried = new Set<string>();
  for (const c of store.sameIdentity(key)) {
    if (tried.has(c.recordId)) continue;
    tried.add(c.recordId);
    if (store.formatsOf(c.recordId).includes(d.format)) continue;
    if (sameText(key, d.text, c.text)) return c.recordId;
  }
  for (const id of idChoices(d.file, filePath, previous)) if (store.formatsOf(id).length === 0) return id;
  throw new Error('unreachable');
}

/** The record with another id: the record's own and its tasks' (`<id>#<n>`). */
export function withRecordId(recordJson: string, id: string): string {
  const r = JSON.parse(recordJson) as { id: string; tasks?: { id?: string }[] };
  const old = r.id;
  r.id = id;
  for (const t of r.tasks ?? []) if (typeof t.id === 'string' && t.id.startsWith(old + '#')) t.id = id + t.id.slice(old.length);
  return JSON.stringify(r);
}
