import { Command } from 'commander';
import { openAnyStore, dbSpec, DB_OPTION } from '../backend/store.js';
import { docRef, KINDS, QueryError, type TaskHit, type DocumentHit } from '../query/search.js';
import { renderSnippet, type Snippet } from '../query/snippet.js';
import { printable } from '../engine/printable.js';
import { STATUS_FILTERS } from '../model/status.js';
import { parseParams, schemas, toTaskQuery, toDocumentQuery, ParamError, cliMessage } from '../query/params.js';

/** Report a bad option or query as `congvan NAME: --option: problem` (exit 2); other errors go on. */
export function reportQueryError(name: string, e: unknown): void {
  if (!(e instanceof QueryError)) throw e;
  console.error(`congvan ${name}: ${printable(e instanceof ParamError ? cliMessage(e) : e.message)}`);
  process.exitCode = 2;
}

/** The task filters typed on the command line, under the API's names (for parseParams). */
export function taskParamsOf(o: Record<string, unknown>): Record<string, unknown> {
  return {
    agency: o.agency, role: o.role, status: o.status, kind: o.kind, type: o.type, due_before: o.dueBefore, due_after: o.dueAfter, today: o.today, remind: o.remind,
  };
}

function deadlineText(t: TaskHit): string {
  if (!t.deadline) return '—';
  const d = t.deadline;
  const when = d.kind === 'recurring' ? (t.due ? `next ${t.due}` : 'recurring') : d.date ?? d.kind;
  return `${when} (${d.kind}${d.text ? `: ${d.text}` : ''})`;
}

function statusText(t: TaskHit): string {
  if (t.doneOn) return `done ${t.doneOn}, ${t.statusLabel}`;
  if (t.daysLeft === null) return t.statusLabel;
  if (t.status === 'overdue') return `${t.statusLabel} (${-t.daysLeft} days late)`;
  if (t.daysLeft === 0) return `${t.statusLabel} (due today)`;
  return `${t.statusLabel} (${t.daysLeft} days left)`;
}

function printTask(t: TaskHit, style: 'brackets' | 'ansi') {
  const d = t.document;
  const ref = docRef(d) || d.recordId;
  console.log(printable(`${String(t.id).padStart(6)}  ${t.ref}  ${d.type ?? ''} ${ref}${d.date ? `  ${d.date}` : ''}  item ${t.label || '(unlabelled)'}`));
  console.log(printable(`        lead: ${t.lead.join('; ') || '—'}${t.support.length ? `   support: ${t.support.join('; ')}` : ''}`));
  console.log(printable(`        deadline: ${deadlineText(t)}   status: ${statusText(t)}`));
  console.log(`        ${renderSnippet(printableSnippet(t.snippet), style)}`);
}

function printDocument(d: DocumentHit, style: 'brackets' | 'ansi') {
  console.log(printable(`${String(d.id).padStart(6)}  ${d.recordId}  ${d.type ?? ''} ${docRef(d) || '—'}${d.date ? `  ${d.date}` : ''}  ${d.tasks} tasks`));
  if (d.issuer) console.log(`        ${printable(d.issuer)}`);
  if (d.subject) console.log(`        V/v ${printable(d.subject)}`);
  console.log(`        ${renderSnippet(printableSnippet(d.snippet), style)}`);
}

/** A snippet with its text made printable (the marks moved with it), before the highlight is added. */
function printableSnippet(s: Snippet): Snippet {
  let text = '';
  let at = 0;
  const marks: [number, number][] = [];
  for (const [a, b] of s.marks) {
    text += printable(s.text.slice(at, a));
    const start = text.length;
    text += printable(s.text.slice(a, b));
    marks.push([start, text.length]);
    at = b;
  }
  return { text: text + printable(s.text.slice(at)), marks };
}

export function searchCommand(): Command {
  return new Command('search')
    .description('search obligations (or documents with --documents); words match with or without diacritics')
    .argument('[words...]', 'words to find (diacritics optional: "so noi vu" finds "Sở Nội vụ")')
    .option('--agency <name>', 'lead or supporting agency; abbreviations work ("VP UBND tỉnh", "Sở TT&TT")')
    .option('--role <role>', 'with --agency: only as lead, or only as support (lead, support)')
    .option('--due-before <date>', 'deadline on or before this day (YYYY-MM-DD)')
    .option('--due-after <date>', 'deadline on or after this day (YYYY-MM-DD)')
    .option('--status <status>', STATUS_FILTERS.join(', '))
    .option('--kind <kind>', `deadline kind: ${KINDS.join(', ')}`)
    .option('--type <type>', 'document type: CV, KH, QĐ, ...')
    .option('--today <date>', 'the day statuses are judged against (default: today)')
    .option('--remind <days>', 'days before a deadline that count as "due soon"', '7,3,1')
    .option('--sort <order>', 'rank (default with words) or due')
    .option('--documents', 'search documents instead of obligations')
    .option('--json', 'print the results as JSON')
    .option('--limit <n>', 'results to show', '20')
    .option('--offset <n>', 'results to skip', '0')
    .option(...DB_OPTION)
    .addHelpText('after', `
Examples:
  congvan search "dau tu"                                  obligations mentioning "đầu tư"
  congvan search --agency "so noi vu" --due-before 2021-12-31
  congvan search --status overdue --today 2021-12-01 --agency "VP UBND tỉnh"
  congvan search --documents "cai cach hanh chinh" --type CV
Each obligation prints its id (for "congvan done ID") and <record_id>#<n>.`)
    .action(async (words: string[], o: Record<string, string | boolean | undefined>) => {
      // checked by the schema the API uses (src/query/params.ts), before the store is opened
      const text = words.join(' ');
      let docQuery: ReturnType<typeof toDocumentQuery> | null = null;
      let taskQuery: ReturnType<typeof toTaskQuery> | null = null;
      try {
        if (o.documents) docQuery = toDocumentQuery(parseParams(schemas.documentSearch, { q: text, agency: o.agency, type: o.type, limit: o.limit, offset: o.offset }));
        else taskQuery = toTaskQuery(parseParams(schemas.taskSearch, { q: text, ...taskParamsOf(o), sort: o.sort, limit: o.limit, offset: o.offset }));
      } catch (e) {
        return reportQueryError('search', e);
      }
      const db = await openAnyStore(dbSpec(o.db as string | undefined), { readonly: true });
      try {
        const style = process.stdout.isTTY && !process.env.NO_COLOR ? 'ansi' : 'brackets';
        if (docQuery) {
          const r = await db.searchDocuments(docQuery);
          if (o.json) return void console.log(JSON.stringify(r, null, 2));
          for (const d of r.items) printDocument(d, style);
          console.log(`${r.items.length} of ${r.total}${r.totalCapped ? '+' : ''} documents (${r.ms.toFixed(1)} ms)`);
          return;
        }
        const r = await db.searchTasks(taskQuery!);
        if (o.json) return void console.log(JSON.stringify(r, null, 2));
        for (const t of r.items) printTask(t, style);
        console.log(`${r.items.length} of ${r.total}${r.totalCapped ? '+' : ''} obligations, status as of ${r.today} (${r.ms.toFixed(1)} ms)`);
      } catch (e) {
        reportQueryError('search', e);
      } finally {
        await db.close();
      }
    });
}
