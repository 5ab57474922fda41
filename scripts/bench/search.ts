/**
 * Search at scale: a store of N obligations (default 1,000,000) generated straight into
 * SQLite with the real schema (openStore: migrations, indexes, FTS tables), then typical
 * queries timed through src/query/search.ts (searchTasks), as `congvan search` runs them,
 * and the counts by status and agency of src/query/stats.ts (STATS_QUERIES).
 *
 * The rows are filled as the Writer fills them (folded FTS text, task keys, agencies by
 * canonical name) without going through extraction: documents of 10-90 tasks (50 on
 * average) whose texts are the task sentences of the sample letters with a lead agency,
 * supporting agencies and a deadline phrase; ~330 agencies (provincial departments, districts,
 * communes); deadlines of every kind over 2019-2026; one task in ten marked done. The document
 * text kept for documents_fts is the subject and the first three tasks (documents_fts is not
 * what task search reads).
 *
 * The store is cached: output/bench/search-n<N>-v<version>.db, with a `.done` marker.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { openStore, taskKey, foldForIndex, type DB } from '../../src/store/db.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { SqliteCounts } from '../../src/store/counts.js';
import { canonicalAgency } from '../../src/refine/registry.js';
import { searchTasks, type TaskQuery } from '../../src/query/search.js';
import { stats } from '../../src/query/stats.js';
import { addDays } from '../../src/model/status.js';
import { rng, samplePools } from './corpus.js';

export const SEARCH_STORE_VERSION = 2;

const DEPARTMENTS = [
  'Sở Nội vụ', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'Sở Thông tin và Truyền thông', 'Sở Tư pháp', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Sở Tài nguyên và Môi trường', 'Sở Xây dựng', 'Sở Giao thông vận tải',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ', 'Sở Công Thương', 'Công an tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh', 'Thanh tra tỉnh',
  'Bảo hiểm xã hội tỉnh', 'Đài Phát thanh và Truyền hình tỉnh', 'Ban Dân tộc tỉnh', 'Cục Thuế tỉnh', 'Kho bạc Nhà nước tỉnh',
  'Trung tâm Phục vụ hành chính công tỉnh', 'Bưu điện tỉnh', 'Bộ Chỉ huy Quân sự tỉnh',
];
const PLACES = ['Tân Lập', 'Phúc Yên', 'Xuân Lập', 'Hà Lang', 'Trung Hà', 'Lâm Bình', 'Chiêm Hóa', 'Hàm Yên', 'Yên Sơn', 'Sơn Dương', 'Na Hang', 'Minh Quang', 'Kim Bình', 'Vinh Quang', 'Thượng Lâm', 'Bình An', 'Hồng Quang', 'Lăng Can', 'Thổ Bình', 'Phúc Sơn'];
const DEADLINES = ['trước ngày {d}', 'hoàn thành trong tháng {m}', 'báo cáo kết quả trước ngày {d}', 'thời gian thực hiện: quý {q}'];

function agencies(): string[] {
  const out = [...DEPARTMENTS];
  for (const p of PLACES) {
    out.push(`Ủy ban nhân dân huyện ${p}`);
    for (let k = 1; k <= 14; k++) out.push(`Ủy ban nhân dân xã ${p} ${k}`);
  }
  return out;
}

/**
 * The agencies and deadlines of the real documents (corpus/real/gold: what their records
 * should hold), mixed into the generated store (v2): agency names as offices write them
 * (long, plural, national bodies), deadlines on their own dates and kinds.
 */
function realParts(): { agencies: string[]; deadlines: { kind: string; date: string | null; text: string; rule: string | null }[] } {
  const dir = path.join(process.cwd(), 'corpus', 'real', 'gold');
  const agencies = new Set<string>();
  const deadlines: { kind: string; date: string | null; text: string; rule: string | null }[] = [];
  if (!fs.existsSync(dir)) return { agencies: [], deadlines };
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const g = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { tasks?: { lead?: string[]; support?: string[]; deadline?: { kind: string; date?: string | null; text?: string; rule?: unknown } | null }[] };
    for (const t of g.tasks ?? []) {
      for (const a of [...(t.lead ?? []), ...(t.support ?? [])]) if (typeof a === 'string' && a.trim()) agencies.add(a.trim());
      const d = t.deadline;
      if (!d?.kind) continue;
      // a recurring deadline keeps a rule the store can read (gold writes its rule in words)
      const rule = d.kind === 'recurring' ? (typeof d.rule === 'object' && d.rule ? JSON.stringify(d.rule) : JSON.stringify({ freq: 'yearly' })) : null;
      deadlines.push({ kind: d.kind, date: d.date ?? null, text: d.text ?? '', rule });
    }
  }
  return { agencies: [...agencies], deadlines };
}

export interface SearchStore {
  file: string;
  tasks: number;
  documents: number;
  bytes: number;
  buildSeconds: number | null;
}

export function buildSearchStore(n: number, root: string, log: (s: string) => void = () => {}): SearchStore {
  fs.mkdirSync(root, { recursive: true });
  const file = path.join(root, `search-n${n}-v${SEARCH_STORE_VERSION}.db`);
  const marker = `${file}.done`;
  if (fs.existsSync(marker) && fs.existsSync(file)) {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8'));
    // a store built by an older congvan gets the newer migrations (indexes) once
    const db = openStore(file, { readonly: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    db.close();
    if (version < SCHEMA_VERSION) {
      log(`migrating ${path.relative(process.cwd(), file)} from schema ${version} to ${SCHEMA_VERSION}`);
      const w = openStore(file);
      w.pragma('wal_checkpoint(TRUNCATE)');
      w.close();
    }
    return { file, tasks: m.tasks, documents: m.documents, bytes: fs.statSync(file).size, buildSeconds: null };
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, marker]) fs.rmSync(f, { force: true });
  log(`building a store of ${n.toLocaleString('en')} obligations (once; cached in ${path.relative(process.cwd(), file)})`);
  const t0 = performance.now();
  const db = openStore(file);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -200000');
  const r = rng(7);
  const pool = samplePools().tasks;
  const real = realParts();
  const names = [...agencies(), ...real.agencies];
  const agencyId = new Map<string, number>();
  const insAgency = db.prepare('INSERT INTO agencies (canonical, folded) VALUES (?, ?)');
  const canonical = new Map<string, string>();
  db.transaction(() => {
    for (const a of names) {
      const c = canonicalAgency(a);
      canonical.set(a, c);
      if (!agencyId.has(c)) agencyId.set(c, Number(insAgency.run(c, foldForIndex(c)).lastInsertRowid));
    }
  })();
  const insDoc = db.prepare(`INSERT INTO documents (path, file, record_id, sha256, format, type, number, symbol, issuer, place, date, subject, record_json, text, ingested_at)
    VALUES (?, ?, ?, ?, 'txt', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insTask = db.prepare(`INSERT INTO tasks (document_id, seq, task_key, label, path, text, deadline_kind, deadline_date, deadline_text, deadline_rule, span_start, span_end, page)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)`);
  const insTA = db.prepare('INSERT OR IGNORE INTO task_agencies (task_id, agency_id, role, name) VALUES (?, ?, ?, ?)');
  const insTaskFts = db.prepare('INSERT INTO tasks_fts (rowid, text, agencies) VALUES (?, ?, ?)');
  const insDocFts = db.prepare('INSERT INTO documents_fts (rowid, subject, issuer, text) VALUES (?, ?, ?, ?)');
  const insDone = db.prepare('INSERT OR IGNORE INTO completions (document_record_id, task_key, done_on) VALUES (?, ?, ?)');
  const now = new Date().toISOString();
  const dd = (x: number) => String(x).padStart(2, '0');
  let tasks = 0;
  let documents = 0;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r.next() * xs.length)]!;
  // most tasks name a provincial department; districts and communes less often
  // (v2) one in six from the real documents' own agencies
  const someAgency = () => (real.agencies.length && r.chance(1 / 6) ? pick(real.agencies) : r.chance(0.75) ? pick(DEPARTMENTS) : pick(names));
  while (tasks < n) {
    db.transaction(() => {
      for (let k = 0; k < 200 && tasks < n; k++) {
        documents++;
        const id = `bench_s_${String(documents).padStart(7, '0')}`;
        const year = r.int(2019, 2026);
        const date = `${year}-${dd(r.int(1, 12))}-${dd(r.int(1, 28))}`;
        const subject = `về việc triển khai nhiệm vụ ${pick(['cải cách hành chính', 'chuyển đổi số', 'phòng, chống thiên tai', 'đầu tư công', 'số hóa hồ sơ'])} năm ${year}`;
        const issuer = 'Ủy ban nhân dân tỉnh';
        const count = Math.min(n - tasks, r.int(10, 90));
        const texts: string[] = [];
        const docId = Number(
          insDoc.run(`/bench/search/${id}.txt`, `${id}.txt`, id, crypto.createHash('sha256').update(id).digest('hex'), r.chance(0.2) ? 'KH' : 'CV',
            String(r.int(1, 9999)), 'UBND-NC', issuer, 'Tuyên Quang', date, subject, `{"version":1,"id":"${id}"}`, '', now).lastInsertRowid,
        );
        for (let s = 1; s <= count; s++) {
          const lead = someAgency();
          const support = r.chance(0.6) ? [someAgency()] : r.chance(0.3) ? [someAgency(), someAgency()] : [];
          const ty = year + r.int(0, 1);
          const due0 = `${ty}-${dd(r.int(1, 12))}-${dd(r.int(1, 28))}`;
          const kindRoll = r.next();
          let due = due0;
          let kind: string | null = kindRoll < 0.55 ? 'by' : kindRoll < 0.65 ? 'within' : kindRoll < 0.75 ? 'recurring' : kindRoll < 0.85 ? 'ongoing' : null;
          let dText = kind === 'by' || kind === 'within'
            ? pick(DEADLINES).replace('{d}', `${Number(due.slice(8))}/${Number(due.slice(5, 7))}/${ty}`).replace('{m}', `${Number(due.slice(5, 7))}/${ty}`).replace('{q}', `${pick(['I', 'II', 'III', 'IV'])}/${ty}`)
            : kind === 'recurring' ? 'định kỳ hằng tháng trước ngày 20' : kind === 'ongoing' ? 'thường xuyên' : null;
          let rule = kind === 'recurring' ? JSON.stringify({ freq: 'monthly', day: 20 }) : null;
          let date = kind === 'by' || kind === 'within' ? due : null;
          // (v2) one in six takes a real document's deadline: its kind, day, words and rule
          if (real.deadlines.length && r.chance(1 / 6)) {
            const d = pick(real.deadlines);
            kind = d.kind;
            dText = d.text;
            rule = d.rule;
            date = d.date;
            if (d.date) due = d.date;
          }
          const body = pick(pool);
          const text = `${lead} chủ trì${support.length ? `, phối hợp với ${support.join(', ')}` : ''}: ${body.charAt(0).toLocaleLowerCase('vi')}${body.slice(1)}${dText ? `; ${dText}` : ''}.`;
          if (s <= 3) texts.push(text);
          const label = `${Math.ceil(s / 5)}.${((s - 1) % 5) + 1}.`;
          const tpath = [String(Math.ceil(s / 5)), label.slice(0, -1)];
          const key = taskKey({ path: tpath, text });
          const taskId = Number(
            insTask.run(docId, s, key, label, JSON.stringify(tpath), text, kind, date, dText, rule).lastInsertRowid,
          );
          const agencyNames: string[] = [];
          for (const [role, list] of [['lead', [lead]], ['support', support]] as const) {
            for (const a of list) {
              const c = canonical.get(a)!;
              insTA.run(taskId, agencyId.get(c)!, role, a);
              agencyNames.push(a, c);
            }
          }
          insTaskFts.run(taskId, foldForIndex(text), foldForIndex(agencyNames.join(' ; ')));
          if (r.chance(0.1)) insDone.run(id, key, due < '2026-01-01' ? due : '2025-12-31');
          tasks++;
        }
        insDocFts.run(docId, foldForIndex(subject), foldForIndex(issuer), foldForIndex([subject, ...texts].join('\n')));
      }
    })();
    if (documents % 2000 === 0) log(`  ${tasks.toLocaleString('en')} obligations`);
  }
  // the counts the Writer keeps as it writes (src/store/counts.ts)
  new SqliteCounts(db).rebuild();
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const buildSeconds = (performance.now() - t0) / 1000;
  fs.writeFileSync(marker, JSON.stringify({ tasks, documents, buildSeconds }));
  log(`  built in ${buildSeconds.toFixed(0)} s`);
  return { file, tasks, documents, bytes: fs.statSync(file).size, buildSeconds };
}

export interface QueryTiming {
  name: string;
  category: 'words' | 'agency' | 'due-before' | 'status' | 'combined' | 'stats' | 'stats-pg';
  query: TaskQuery;
  total: number;
  totalCapped: boolean;
  p50: number;
  p95: number;
  max: number;
  first: number;
}

/** Typical queries: what users type (with and without diacritics) and the filters of `congvan search`. */
export const QUERIES: { name: string; category: QueryTiming['category']; query: TaskQuery }[] = [
  { name: 'words "dịch vụ công"', category: 'words', query: { words: 'dịch vụ công' } },
  { name: 'words "dau tu" (no marks)', category: 'words', query: { words: 'dau tu' } },
  { name: 'words "số hóa hồ sơ"', category: 'words', query: { words: 'số hóa hồ sơ' } },
  { name: 'words "bưu chính công ích"', category: 'words', query: { words: 'bưu chính công ích' } },
  { name: 'words "so noi vu" (no marks)', category: 'words', query: { words: 'so noi vu' } },
  { name: 'agency "Sở Nội vụ"', category: 'agency', query: { agency: 'Sở Nội vụ' } },
  { name: 'agency "so tai chinh"', category: 'agency', query: { agency: 'so tai chinh' } },
  { name: 'agency "UBND huyện Hàm Yên" (lead)', category: 'agency', query: { agency: 'UBND huyện Hàm Yên', role: 'lead' } },
  { name: 'due before 2021-12-31', category: 'due-before', query: { dueBefore: '2021-12-31' } },
  { name: 'due in March 2024', category: 'due-before', query: { dueAfter: '2024-03-01', dueBefore: '2024-03-31' } },
  { name: 'status overdue', category: 'status', query: { status: 'overdue' } },
  { name: 'status due-soon', category: 'status', query: { status: 'due-soon' } },
  { name: 'status done', category: 'status', query: { status: 'done' } },
  { name: 'status open', category: 'status', query: { status: 'open' } },
  { name: 'agency "Sở Nội vụ" + due before 2022-06-30', category: 'combined', query: { agency: 'Sở Nội vụ', dueBefore: '2022-06-30' } },
  { name: 'words "báo cáo" + agency "so tai chinh"', category: 'combined', query: { words: 'báo cáo', agency: 'so tai chinh' } },
  { name: 'status overdue + agency "Công an tỉnh"', category: 'combined', query: { status: 'overdue', agency: 'Công an tỉnh' } },
  { name: 'words "thủ tục hành chính" + status open', category: 'combined', query: { words: 'thủ tục hành chính', status: 'open' } },
];

/**
 * Counts by status and agency (src/query/stats.ts: `congvan serve`'s /api/stats, the page's
 * counts) as the page asks for them (its filters without the status), for the whole store
 * and for what a filter selects (the counts the writer keeps; a filter they do not answer:
 * its first 20,000 tasks). Each timed run counts for another day, so no run is answered
 * from the cache of the run before: what a count costs once the store has changed.
 */
export const STATS_QUERIES: { name: string; query: TaskQuery }[] = [
  { name: 'stats: whole store', query: {} },
  { name: 'stats: agency "Sở Nội vụ"', query: { agency: 'Sở Nội vụ' } },
  { name: 'stats: agency "UBND huyện Hàm Yên" (lead)', query: { agency: 'UBND huyện Hàm Yên', role: 'lead' } },
  { name: 'stats: due before 2021-12-31', query: { dueBefore: '2021-12-31' } },
  { name: 'stats: due in March 2024', query: { dueAfter: '2024-03-01', dueBefore: '2024-03-31' } },
  { name: 'stats: kind "by"', query: { kind: 'by' } },
  { name: 'stats: type KH', query: { type: 'KH' } },
  { name: 'stats: words "báo cáo"', query: { words: 'báo cáo' } },
  { name: 'stats: agency "Sở Nội vụ" + due before 2022-06-30', query: { agency: 'Sở Nội vụ', dueBefore: '2022-06-30' } },
];

export function timeQueries(file: string, opts: { runs?: number; today?: string } = {}): QueryTiming[] {
  const runs = opts.runs ?? 30;
  const db: DB = openStore(file, { readonly: true });
  try {
    // read the file once so every query starts from a warm page cache, as on a machine in use
    db.prepare('SELECT count(*) FROM tasks_fts').get();
    const out: QueryTiming[] = [];
    for (const q of QUERIES) {
      const query = { ...q.query, today: opts.today ?? '2024-06-15', limit: 20 };
      let t = performance.now();
      const res = searchTasks(db, query);
      const first = performance.now() - t;
      const times: number[] = [];
      for (let i = 0; i < 2; i++) searchTasks(db, query);
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        searchTasks(db, query);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out.push({ ...q, query, total: res.total, totalCapped: res.totalCapped, p50: pct(times, 50), p95: pct(times, 95), max: times.at(-1)!, first });
    }
    for (const q of STATS_QUERIES) {
      const today = opts.today ?? '2024-06-15';
      const query = { ...q.query, today };
      let t = performance.now();
      const res = stats(db, query);
      const first = performance.now() - t;
      const times: number[] = [];
      for (let i = 1; i <= runs + 2; i++) {
        const q2 = { ...query, today: addDays(today, i) };
        t = performance.now();
        stats(db, q2);
        if (i > 2) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      out.push({ name: q.name, category: 'stats', query, total: res.total, totalCapped: !res.complete, p50: pct(times, 50), p95: pct(times, 95), max: times.at(-1)!, first });
    }
    return out;
  } finally {
    db.close();
  }
}

export function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k]!;
}
