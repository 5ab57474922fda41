/**
 * Resolving the name a user typed to agency ids: folded (no marks, đ -> d), abbreviations
 * expanded both through the registry (canonicalAgency: "VP UBND tỉnh", "Sở TT&TT") and through
 * a folded table for names typed without marks ("vp ubnd tinh", "so tt&tt"), punctuation
 * ignored. An agency matches when its folded canonical name holds the typed name as whole
 * words ("so noi vu" finds "Sở Nội vụ" and "Giám đốc Sở Nội vụ").
 */
import type { DB } from '../store/db.js';
import { fold } from '../normalise/unicode.js';
import { canonicalAgency } from '../refine/registry.js';

// Folded abbreviations (the registry's table, typed without marks); `&` is kept as a word.
const FOLDED_ABBR: [RegExp, string][] = [
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bmttq(?:vn)?\b/g, 'mat tran to quoc'],
  [/\btt ?& ?tt\b|\btttt\b/g, 'thong tin va truyen thong'],
  [/\bkh ?& ?dt\b|\bkhdt\b/g, 'ke hoach va dau tu'],
  [/\bkh ?& ?cn\b|\bkhcn\b/g, 'khoa hoc va cong nghe'],
  [/\btn ?& ?mt\b|\btnmt\b/g, 'tai nguyen va moi truong'],
  [/\bgd ?& ?dt\b|\bgddt\b/g, 'giao duc va dao tao'],
  [/\bld-?tb ?& ?xh\b|\bldtbxh\b/g, 'lao dong thuong binh va xa hoi'],
  [/\bvh,? ?tt ?& ?dl\b|\bvhttdl\b/g, 'van hoa the thao va du lich'],
  [/\bnn ?& ?ptnt\b|\bnnptnt\b/g, 'nong nghiep va phat trien nong thon'],
  [/\bgtvt\b/g, 'giao thong van tai'],
  [/\bbhxh\b/g, 'bao hiem xa hoi'],
  [/\bttpvhcc\b/g, 'trung tam phuc vu hanh chinh cong'],
  [/^vp\b/g, 'van phong'],
  [/\bpct\b/g, 'pho chu tich'],
];

/** Words only: folded, punctuation dropped, single spaces. */
export function agencyKey(s: string): string {
  return fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The keys a typed agency name may stand for. */
export function agencyKeys(input: string): string[] {
  const raw = (input ?? '').normalize('NFC').trim();
  if (!raw) return [];
  const keys = new Set<string>();
  keys.add(agencyKey(raw));
  keys.add(agencyKey(canonicalAgency(raw)));
  let f = fold(raw).replace(/\s+/g, ' ').trim();
  for (const [re, full] of FOLDED_ABBR) f = f.replace(re, full);
  keys.add(agencyKey(f));
  return [...keys].filter(Boolean);
}

/** Agencies as the filters match them: id, canonical name, and its key between spaces. */
export type AgencyRows = { id: number; key: string; canonical: string }[];

interface Cache {
  stamp: string;
  rows: AgencyRows;
}
const caches = new WeakMap<DB, Cache>();

/** The stored agencies (id, canonical, folded) as the filters match them. */
export function keyedAgencies(rows: { id: number; canonical: string; folded: string }[]): AgencyRows {
  return rows.map((r) => ({ id: r.id, canonical: r.canonical, key: ` ${agencyKey(r.folded)} ` }));
}

function agencyRows(db: DB): AgencyRows {
  const s = db.prepare('SELECT count(*) AS n, max(id) AS m FROM agencies').get() as { n: number; m: number | null };
  const stamp = `${s.n}:${s.m}`;
  const c = caches.get(db);
  if (c && c.stamp === stamp) return c.rows;
  const rows = keyedAgencies(db.prepare('SELECT id, canonical, folded FROM agencies').all() as { id: number; canonical: string; folded: string }[]);
  caches.set(db, { stamp, rows });
  return rows;
}

/** Ids of the agencies a typed name stands for ([] when none). */
export function resolveAgencies(db: DB, input: string): number[] {
  return matchAgencies(agencyRows(db), input);
}

/** Of these agencies, the ids a typed name stands for. */
export function matchAgencies(rows: AgencyRows, input: string): number[] {
  const keys = agencyKeys(input).map((k) => ` ${k} `);
  if (!keys.length) return [];
  return rows.filter((r) => keys.some((k) => r.key.includes(k))).map((r) => r.id);
}

/**
 * Agency names for a suggestion list: canonical names holding the typed words, in the order
 * of their folded names (then the names themselves): the same list on every store, whatever
 * order its rows were written in.
 */
export function suggestAgencies(db: DB, input: string, limit = 20): { id: number; name: string }[] {
  return suggestFrom(agencyRows(db), input, limit);
}

export function suggestFrom(rows: AgencyRows, input: string, limit = 20): { id: number; name: string }[] {
  const keys = agencyKeys(input);
  const hit = (keys.length ? rows.filter((r) => keys.some((k) => r.key.includes(k))) : [...rows]).sort(byName);
  return hit.slice(0, limit).map((r) => ({ id: r.id, name: r.canonical }));
}

const byName = (a: { key: string; canonical: string }, b: { key: string; canonical: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : a.canonical < b.canonical ? -1 : a.canonical > b.canonical ? 1 : 0;
