/**
 * Counts by status, kind, document and agency (src/query/stats.ts) against a straightforward
 * reference on the generated store of the plan tests (./store.ts): every task read plainly,
 * its status from taskStatus over its completion, counted in JavaScript. For the whole store,
 * for filters alone and combined, with words, capped, on the store as schema 2 left it, for
 * several days and reminders; the status SQL against taskStatus on odd values; and the cached
 * answers against writes on the same connection.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { openStore, type DB } from '../../src/store/db.js';
import { candidateIds, rulesIn, type TaskQuery } from '../../src/query/search.js';
import { stats, openStatusSql, doneStatusSql, type Stats } from '../../src/query/stats.js';
import { taskStatus, addDays, type StatusCode } from '../../src/model/status.js';
import { markDone, reopen } from '../../src/query/tasks.js';
import { tmpDir } from '../helpers.js';
import { TODAY, RULES, fill, reference, passes, agencyIds, STATUSES, SHAPES, makeStores, type RefTask } from './store.js';

/** The counts, computed task by task as the page would read them. */
function refStats(db: DB, list: RefTask[], today: string, reminders = [7, 3, 1], agencies = 30): Omit<Stats, 'complete' | 'today'> {
  const names = new Map(db.prepare('SELECT id, canonical FROM agencies').raw().all() as [number, string][]);
  const byStatus: Record<StatusCode, number> = { 'on-track': 0, 'due-soon': 0, overdue: 0, 'done-on-time': 0, 'done-late': 0 };
  const byKind: Record<string, number> = {};
  const per = new Map<number, { name: string; lead: number; support: number; overdue: number }>();
  for (const t of list) {
    const s = taskStatus({ kind: t.kind, date: t.date, rule: t.rule }, t.doneOn, today, reminders).status;
    byStatus[s]++;
    byKind[t.kind ?? 'none'] = (byKind[t.kind ?? 'none'] ?? 0) + 1;
    for (const a of t.agencies) {
      const e = per.get(a.id) ?? { name: names.get(a.id)!, lead: 0, support: 0, overdue: 0 };
      if (a.role === 'lead') {
        e.lead++;
        if (s === 'overdue') e.overdue++;
      } else e.support++;
      per.set(a.id, e);
    }
  }
  const byAgency = [...per.values()].sort((x, y) => y.lead - x.lead || y.support - x.support || x.name.localeCompare(y.name, 'vi')).slice(0, agencies);
  return { total: list.length, byStatus, byKind, byAgency, documents: new Set(list.map((t) => t.doc)).size };
}

const counts = (s: Stats) => ({ total: s.total, byStatus: s.byStatus, byKind: s.byKind, byAgency: s.byAgency, documents: s.documents });

let db: DB;
let old: DB;
let tasks: RefTask[];
let byId: Map<number, RefTask>;

beforeAll(() => {
  const { file, oldFile } = makeStores('congvan-stats-');
  db = openStore(file, { readonly: true });
  old = openStore(oldFile, { readonly: true });
  tasks = reference(db);
  byId = new Map(tasks.map((t) => [t.id, t]));
});
afterAll(() => {
  db?.close();
  old?.close();
});

/** Days that put each status in play: the generated deadlines lie 90 days either side of TODAY; recurring rules fall due on the 5th, the 20th, Fridays, quarter ends. */
const DAYS = [TODAY, '2024-03-18', '2024-09-27', '2023-12-01'];
const REMINDERS = [undefined, [14, 3], [1]];

describe('the whole store', () => {
  for (const today of DAYS) {
    for (const reminders of REMINDERS) {
      it(`${today}, reminders ${reminders ?? 'default'}`, () => {
        const want = refStats(db, tasks.filter((t) => !t.shadow), today, reminders);
        for (const store of [db, old]) {
          const s = stats(store, { today, reminders });
          expect(counts(s)).toEqual(want);
          expect([s.complete, s.today]).toEqual([true, today]);
          // cached until the store changes; another day or reminders is counted again
          expect(stats(store, { today, reminders })).toBe(s);
        }
      });
    }
  }

  it('every status is in play on these days, and recurring deadlines are due soon on some', () => {
    const soonRecurring = DAYS.filter((d) => tasks.some((t) => !t.shadow && !t.doneOn && t.kind === 'recurring' && taskStatus(t, null, d).status === 'due-soon'));
    expect(soonRecurring.length).toBeGreaterThan(1);
    for (const s of ['on-track', 'due-soon', 'overdue', 'done-on-time', 'done-late'] as const) expect(stats(db, { today: TODAY }).byStatus[s], s).toBeGreaterThan(20);
  });

  it('the top agencies only, when asked for fewer', () => {
    const want = refStats(db, tasks.filter((t) => !t.shadow), TODAY, undefined, 3);
    expect(stats(db, { today: TODAY }, { agencies: 3 }).byAgency).toEqual(want.byAgency);
  });
});

describe('filters alone and combined: every task they keep', () => {
  const more: TaskQuery[] = [
    { role: 'support' },
    { type: 'CV' },
    { dueAfter: addDays(TODAY, -10) },
    { agency: 'Sở Nội vụ', role: 'support', dueBefore: addDays(TODAY, 40) },
    { kind: 'within', type: 'KH', dueAfter: addDays(TODAY, -60), dueBefore: addDays(TODAY, 60) },
    { agency: 'Công an tỉnh', kind: 'recurring' },
    { agency: 'no such agency' },
  ];
  for (const shape of [...SHAPES, ...more]) {
    for (const st of STATUSES) {
      const q: TaskQuery = { ...shape, ...(st ? { status: st } : {}) };
      if (!Object.keys(q).length) continue;
      it(JSON.stringify(q), () => {
        for (const today of [TODAY, '2024-03-18']) {
          const want = refStats(db, tasks.filter((t) => passes(db, { ...q, today }, t)), today);
          for (const store of [db, old]) {
            const s = stats(store, { ...q, today }, { max: 1e9, sample: 1e9 });
            expect(counts(s)).toEqual(want);
            expect(s.complete).toBe(true);
          }
          // from the counts the writer keeps, when they answer the filter: over a sample of one
          // task the agencies table, and the total, statuses and kinds exact
          const kept = stats(db, { ...q, today }, { sample: 1 });
          if (want.total > 1 && keptAnswers(db, q)) {
            expect(kept.sample).toBe(1);
            expect(chips(kept)).toEqual(chips(want));
            if (q.agency) expect(kept.byAgency.find((a) => a.name === ownName(db, q.agency!))).toEqual(want.byAgency.find((a) => a.name === ownName(db, q.agency!)));
          } else expect(counts(kept)).toEqual(want);
        }
      });
    }
  }
});

/** Whether the counts the writer keeps answer a filter (src/query/stats.ts countedFilter). */
const keptAnswers = (store: DB, q: TaskQuery) => !q.words && !q.status && !q.document && (!q.role || !!q.agency) && (!q.agency || agencyIds(store, q.agency).length === 1);
const ownName = (store: DB, agency: string) => store.prepare('SELECT canonical FROM agencies WHERE id = ?').pluck().get(agencyIds(store, agency)[0]) as string;
const chips = (s: { total: number; byStatus: unknown; byKind: unknown }) => ({ total: s.total, byStatus: s.byStatus, byKind: s.byKind });

describe('filters the counts the writer keeps answer: the total, statuses and kinds exact; the agencies table and documents over the first tasks', () => {
  const cases: [TaskQuery, number][] = [
    [{ agency: 'so tai chinh' }, 400],
    [{ agency: 'so tai chinh', role: 'support' }, 60],
    [{ dueBefore: addDays(TODAY, 30) }, 1000],
    [{ dueAfter: addDays(TODAY, -20), dueBefore: addDays(TODAY, 40) }, 200],
    [{ kind: 'none', type: 'CV' }, 250],
    [{ kind: 'by' }, 300],
    [{ agency: 'Công an tỉnh', kind: 'by', dueBefore: addDays(TODAY, 30) }, 20],
  ];
  for (const [q, sample] of cases) {
    it(`${JSON.stringify(q)}, a sample of ${sample}`, () => {
      expect(keptAnswers(db, q)).toBe(true);
      const all = refStats(db, tasks.filter((t) => passes(db, { ...q, today: TODAY }, t)), TODAY);
      const c = candidateIds(db, { ...q, today: TODAY }, sample);
      expect(c.complete).toBe(false); // more tasks than the sample
      const first = refStats(db, c.ids.map((id) => byId.get(id)!), TODAY);
      const s = stats(db, { ...q, today: TODAY }, { sample });
      expect([s.complete, s.sample]).toEqual([true, sample]);
      expect(chips(s)).toEqual(chips(all));
      expect(s.documents).toBe(first.documents);
      const own = q.agency ? ownName(db, q.agency) : null;
      for (const a of s.byAgency) expect(a).toEqual((a.name === own ? all : first).byAgency.find((x) => x.name === a.name));
      if (own) expect(s.byAgency.find((a) => a.name === own)).toBeDefined();
      // a store without the counts (schema 2): every part over every task
      expect(counts(stats(old, { ...q, today: TODAY }, { sample }))).toEqual(all);
    });
  }
});

describe('with words, and capped: the counts over the tasks the search planner lists', () => {
  const cases: [TaskQuery, number][] = [
    [{ words: 'báo cáo' }, 20000],
    [{ words: 'thu tuc hanh chinh', status: 'open' }, 20000],
    [{ words: 'kiểm tra việc', agency: 'Sở Y tế' }, 20000],
    [{ words: 'báo cáo', status: 'done' }, 20000],
    [{ status: 'open' }, 500],
    [{ status: 'overdue' }, 300],
    [{ status: 'done' }, 700],
    [{ role: 'lead' }, 400],
  ];
  for (const [q, max] of cases) {
    it(`${JSON.stringify(q)}, at most ${max}`, () => {
      const c = candidateIds(db, { ...q, today: TODAY }, max);
      expect(c.ids.length).toBeGreaterThan(0);
      const want = refStats(db, c.ids.map((id) => byId.get(id)!), TODAY);
      for (const store of [db, old]) {
        const s = stats(store, { ...q, today: TODAY }, { max });
        expect(counts(s)).toEqual(want);
        expect(s.complete).toBe(c.complete);
      }
      if (!q.words) expect(c.complete).toBe(false); // more tasks than the cap
    });
  }
});

describe('capped: the first tasks in the order of the index the plan walks', () => {
  // tasks_due: (deadline, id), then recurring rules from tasks_rule: (rule, id);
  // tasks_kind_due: (kind, deadline, id)
  const byDate = (a: RefTask, b: RefTask) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : a.id - b.id);
  const byRule = (a: RefTask, b: RefTask) => (a.rule! < b.rule! ? -1 : a.rule! > b.rule! ? 1 : a.id - b.id);
  const cases: [TaskQuery, (t: RefTask) => number][] = [
    [{ status: 'overdue' }, () => 0],
    [{ status: 'due-soon' }, (t) => (t.date ? 0 : 1)],
    [{ dueBefore: addDays(TODAY, 20) }, (t) => (t.date ? 0 : 1)],
    [{ dueAfter: addDays(TODAY, -20), dueBefore: addDays(TODAY, 40), type: 'CV', status: 'open' }, (t) => (t.date ? 0 : 1)],
    [{ kind: 'by', type: 'CV' }, () => 0],
    [{ kind: 'within', status: 'done' }, () => 0],
  ];
  for (const [q, part] of cases) {
    it(JSON.stringify(q), () => {
      const all = tasks.filter((t) => passes(db, { ...q, today: TODAY }, t)).sort((a, b) => part(a) - part(b) || (part(a) ? byRule(a, b) : byDate(a, b)));
      expect(all.length).toBeGreaterThan(100);
      for (const max of [25, 100, 1e9]) {
        for (const store of [db, old]) {
          const c = candidateIds(store, { ...q, today: TODAY }, max);
          expect(c.ids).toEqual(all.slice(0, max).map((t) => t.id));
          expect(c.complete).toBe(all.length <= max);
        }
      }
    });
  }
});

describe('a store of single renditions: an agency filter read from the agency index alone', () => {
  it('lists the agency\'s tasks in that index\'s order (agency, role, task), capped or not', () => {
    const w = openStore(path.join(tmpDir('congvan-stats-single-'), 'store.db'));
    fill(w, 100, 30, 11, false);
    const all = new Map(reference(w).map((t) => [t.id, t]));
    const rows = w.prepare('SELECT agency_id, role, task_id FROM task_agencies').raw().all() as [number, string, number][];
    for (const [agency, role] of [['Sở Nội vụ', null], ['so tai chinh', 'lead'], ['Công an tỉnh', 'support']] as const) {
      const ids = agencyIds(w, agency);
      const order = [...new Set(rows.filter(([a, r]) => ids.includes(a) && (!role || r === role)).sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2]).map((r) => r[2]))];
      expect(order.length).toBeGreaterThan(200);
      // a cap past the lead rows, into support rows of tasks also listed as lead
      const leads = new Set(rows.filter(([a, r]) => ids.includes(a) && r === 'lead').map((r) => r[2]));
      const twice = rows.filter(([a, r, t]) => ids.includes(a) && r === 'support' && leads.has(t)).length;
      if (!role) expect(twice).toBeGreaterThan(5);
      for (const max of [50, 200, leads.size + 60, 1e9]) {
        const q = { agency, role, today: TODAY };
        const c = candidateIds(w, q, max);
        expect(c.ids).toEqual(order.slice(0, max));
        expect(c.complete).toBe(order.length <= max);
        // the agency's tasks from the counts the writer keeps; the agencies table over the first
        const first = refStats(w, c.ids.map((id) => all.get(id)!), TODAY);
        const s = stats(w, q, { sample: max });
        expect(chips(s)).toEqual(chips(refStats(w, order.map((id) => all.get(id)!), TODAY)));
        if (c.complete) expect(counts(s)).toEqual(first);
        else expect(s.byAgency.filter((a) => a.name !== ownName(w, agency))).toEqual(first.byAgency.filter((a) => a.name !== ownName(w, agency)).slice(0, s.byAgency.filter((a) => a.name !== ownName(w, agency)).length));
      }
    }
    w.close();
  });
});

describe('the status in SQL is taskStatus', () => {
  it('for odd days, kinds, rules and completions', () => {
    const mem = new Database(':memory:');
    const day = fc.oneof(
      fc.constantFrom(null, '', '2024-02-29', '2023-02-29', '2024-02-30', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '2024-6-15', ' 2024-06-15', '2024-06-15 ', '2024-06-15T00:00', '0000-01-01', '9999-12-31', 'abc'),
      fc.integer({ min: -120, max: 120 }).map((n) => addDays(TODAY, n)),
    );
    const arb = fc.record({
      kind: fc.constantFrom(null, 'by', 'within', 'from', 'recurring', 'ongoing', 'BY', ''),
      date: day,
      rule: fc.constantFrom(null, ...RULES, '{"freq":"yearly","month":7,"day":1}', 'not json', '{}'),
      doneOn: day,
      today: fc.integer({ min: -60, max: 60 }).map((n) => addDays(TODAY, n)),
      reminders: fc.constantFrom<number[]>([7, 3, 1], [14], [1], [0], [30, 7]),
    });
    const rules = [...RULES, '{"freq":"yearly","month":7,"day":1}', 'not json', '{}'];
    fc.assert(
      fc.property(arb, (v) => {
        const soonEnd = addDays(v.today, Math.max(...v.reminders));
        const sql = `SELECT coalesce(${doneStatusSql('@kind', '@date', '@doneOn')}, ${openStatusSql('@kind', '@date', '@rule', rulesIn(rules, v.today, soonEnd))})`;
        const code = mem.prepare(sql).pluck().get({ kind: v.kind, date: v.date, rule: v.rule, doneOn: v.doneOn, today: v.today, soonEnd }) as number;
        const want = taskStatus({ kind: v.kind, date: v.date, rule: v.rule }, v.doneOn, v.today, v.reminders).status;
        expect(['on-track', 'due-soon', 'overdue', 'done-on-time', 'done-late'][code]).toBe(want);
      }),
      { numRuns: 3000 },
    );
    mem.close();
  });
});

describe('cached counts and writes on the same connection', () => {
  it('a task marked done or reopened is counted again, whole store and filtered', () => {
    const { file } = makeStores('congvan-stats-w-');
    const w = openStore(file);
    const q = { agency: 'Sở Nội vụ', role: 'lead' as const, today: TODAY };
    const before = [stats(w, { today: TODAY }), stats(w, q, { max: 1e9 })];
    // an open lead task of Sở Nội vụ, overdue on TODAY
    const t = reference(w).find((x) => !x.shadow && !x.doneOn && x.agencies.some((a) => a.id === 1 && a.role === 'lead') && taskStatus(x, null, TODAY).status === 'overdue')!;
    const ref = `${t.record}#${w.prepare('SELECT seq FROM tasks WHERE id = ?').pluck().get(t.id)}`;
    markDone(w, ref, TODAY);
    const after = [stats(w, { today: TODAY }), stats(w, q, { max: 1e9 })];
    for (let i = 0; i < 2; i++) {
      expect(after[i]!.byStatus.overdue).toBe(before[i]!.byStatus.overdue - 1);
      expect(after[i]!.byStatus['done-late']).toBe(before[i]!.byStatus['done-late'] + 1);
      expect(after[i]!.byAgency.find((a) => a.name === 'Sở Nội vụ')!.overdue).toBe(before[i]!.byAgency.find((a) => a.name === 'Sở Nội vụ')!.overdue - 1);
    }
    expect(counts(after[0]!)).toEqual(refStats(w, reference(w).filter((x) => !x.shadow), TODAY));
    reopen(w, ref);
    expect(counts(stats(w, { today: TODAY }))).toEqual(counts(before[0]!));
    expect(counts(stats(w, q, { max: 1e9 }))).toEqual(counts(before[1]!));
    w.close();
  });
});
