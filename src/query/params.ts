/**
 * The parameters of searches, exports and completions, checked by one zod schema for the
 * command line (src/cli) and the API (src/http). Both hand in plain strings under the API's
 * names (due_before, remind, ...); a problem is a ParamError naming the field, which the API
 * answers as 400 `{"error": "today: ..."}` and the CLI prints under the option's name
 * (`--today: ...`), in the same words.
 */
import { z } from 'zod';
import { isIsoDate, STATUS_FILTERS, type StatusFilter } from '../model/status.js';
import { KINDS, QueryError, type KindFilter, type TaskQuery, type DocumentQuery } from './search.js';
import { FORMAT_NAMES } from '../model/formats.js';

/** A bad parameter: `field` as the API names it, `problem` the words for it. */
export class ParamError extends QueryError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** The command-line option for an API field: due_before -> --due-before. */
export const optionName = (field: string) => `--${field.replace(/_/g, '-')}`;

/** The message of a ParamError for the command line. */
export const cliMessage = (e: ParamError) => `${optionName(e.field)}: ${e.problem}`;

/** The longest days a reminder may be set before a deadline (ten years). */
export const MAX_REMIND_DAYS = 3650;

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v) ?? v));

const text = z.string({ error: (i) => `${show(i.input)} is not text` }).max(1000, { error: 'is longer than 1000 characters' });

const day = z.string({ error: (i) => `${show(i.input)} is not a date (YYYY-MM-DD)` }).refine(isIsoDate, { error: (i) => `${show(i.input)} is not a date (YYYY-MM-DD)` });

function oneOf<T extends string>(values: readonly T[]) {
  return z.string().refine((v): v is T => (values as readonly string[]).includes(v), { error: (i) => `${show(i.input)} is not one of ${values.join(', ')}` }) as unknown as z.ZodType<T, string>;
}

function whole(min: number, max: number) {
  return z.string().transform((s, ctx) => {
    const n = /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${show(s)} is not a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });
}

const reminders = z.string().transform((s, ctx) => {
  const parts = s.split(/[ ,]+/).filter(Boolean);
  const list = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (!list.length || list.some((n) => !Number.isInteger(n) || n > MAX_REMIND_DAYS)) {
    ctx.addIssue({ code: 'custom', message: `${show(s)} is not a list of days such as 7,3,1 (each 0 to ${MAX_REMIND_DAYS})` });
    return z.NEVER;
  }
  return list;
});

/** What chooses obligations: search, counts, deadlines and exports share it. */
const filters = {
  q: text.optional(),
  agency: text.optional(),
  role: oneOf(['lead', 'support'] as const).optional(),
  status: oneOf<StatusFilter>(STATUS_FILTERS).optional(),
  kind: oneOf<KindFilter>(KINDS).optional(),
  type: text.optional(),
  due_before: day.optional(),
  due_after: day.optional(),
  document: text.optional(),
  today: day.optional(),
  remind: reminders.optional(),
};

const page = (max: number) => ({ limit: whole(1, max).optional(), offset: whole(0, 100_000).optional() });

export const schemas = {
  /** GET /api/tasks, congvan search */
  taskSearch: z.object({ ...filters, sort: oneOf(['rank', 'due'] as const).optional(), ...page(500) }),
  /** GET /api/stats */
  taskFilters: z.object(filters),
  /** GET /api/deadlines */
  deadlines: z.object({ ...filters, from: day.optional(), to: day.optional() }),
  /** GET /api/export, congvan export */
  export: z.object({ ...filters, format: oneOf(FORMAT_NAMES).optional() }),
  /** GET /api/documents, congvan search --documents */
  documentSearch: z.object({ q: text.optional(), agency: text.optional(), type: text.optional(), ...page(500) }),
  /** GET /api/agencies */
  agencies: z.object({ q: text.optional(), limit: whole(1, 100).optional() }),
  /** GET /api/tasks/{ref}, /api/documents/{id}, the answer of POST done/reopen */
  view: z.object({ today: day.optional(), remind: reminders.optional() }),
  /** POST /api/tasks/{ref}/done (the JSON body), congvan done --on */
  done: z.object({ on: day.nullish() }, { error: (i) => `${show(i.input)} is not a JSON object such as {"on": "2021-11-24"}` }),
};

type Schema = (typeof schemas)[keyof typeof schemas];

/**
 * Check parameters (strings, as typed or sent; an empty or missing one is absent) against a
 * schema; the first problem is thrown as a ParamError.
 */
export function parseParams<S extends Schema>(schema: S, input: unknown): z.output<S> {
  let value = input;
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    value = Object.fromEntries(Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== ''));
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data as z.output<S>;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? String(issue.path[0]) : 'body';
  throw new ParamError(field, issue.message);
}

/** The query of checked task parameters. */
export function toTaskQuery(p: { q?: string; agency?: string; role?: 'lead' | 'support'; status?: StatusFilter; kind?: KindFilter; type?: string; due_before?: string; due_after?: string; document?: string; today?: string; remind?: number[]; sort?: 'rank' | 'due'; limit?: number; offset?: number }): TaskQuery {
  return {
    words: p.q ?? null,
    agency: p.agency ?? null,
    role: p.role ?? null,
    status: p.status ?? null,
    kind: p.kind ?? null,
    type: p.type ?? null,
    dueBefore: p.due_before ?? null,
    dueAfter: p.due_after ?? null,
    document: p.document ?? null,
    today: p.today ?? null,
    reminders: p.remind ?? null,
    sort: p.sort ?? null,
    limit: p.limit ?? null,
    offset: p.offset ?? null,
  };
}

/** The query of checked document parameters. */
export function toDocumentQuery(p: { q?: string; agency?: string; type?: string; limit?: number; offset?: number }): DocumentQuery {
  return { words: p.q ?? null, agency: p.agency ?? null, type: p.type ?? null, limit: p.limit ?? null, offset: p.offset ?? null };
}

/** Whether checked task parameters choose some obligations (an export then keeps only those). */
export const FILTER_FIELDS = ['q', 'agency', 'role', 'status', 'kind', 'type', 'due_before', 'due_after', 'document'] as const;
export const isFiltering = (p: Partial<Record<(typeof FILTER_FIELDS)[number], unknown>>) => FILTER_FIELDS.some((k) => p[k] !== undefined && p[k] !== null && p[k] !== '');
