import { Command, Option } from 'commander';
import {
  readRecords, score, formatReport, flatten, breakdown, groupJson, allFigures, lookupFigure, formatBreakdown,
  GROUP_BYS, type Group, type GroupBy,
} from '../eval/score.js';

type By = GroupBy | 'none';

export function evalCommand(): Command {
  return new Command('eval')
    .description('grade records against gold records (the rules of the record format)')
    .requiredOption('--gold <dir>', 'folder of gold records')
    .option('--pred <path>', 'folder of records, a JSON array or an NDJSON file', 'output/json')
    .option('--verbose', 'list every miss')
    .option('--json', 'print the figures as JSON: summary, detail, and byFormat and byType (each group\'s ids, summary and counters)')
    .addOption(
      new Option('--by <what...>', 'format and/or type: after the overall report, the full report of each format or gold type; none: the overall report alone (default: both breakdowns as compact tables)')
        .choices(['format', 'type', 'none']),
    )
    .option('--min <key=value...>', 'exit 1 when a figure is below (e.g. obligations.f1=0.9, format.pdf.number=0.95)')
    .addHelpText('after', `
Figures (for --min and the summary of --json):
  documents.found                  share of gold documents that have a record
  document.<field>                 accuracy of a document field: type, number, symbol, issuer, place,
                                   date, subject, signer.name, signer.position, signer.authority;
                                   document.mean is their mean. "document." may be left out (number).
  <list>.p, <list>.r, <list>.f1    recipients, references, tasks, lead, support, obligations
  deadline.acc, path.acc           on the matched tasks
  format.<format>.<figure>         the same figure over the documents of one format: txt, md, docx,
                                   doc, pdf (text layer), scan (a PDF read by OCR); the format is the
                                   record's source.format, else its file's extension
  type.<type>.<figure>             ... over the documents of one gold type (CV, KH, QĐ, TTr, ...);
                                   a group name matches without case or diacritics (type.QD = type.QĐ)
A --min on a format or type that no gold document has is an error (exit 2), never a pass.

The overall report is the reference scorer's (../shared/eval/score.mjs), line for line; the
breakdowns follow it.

Examples:
  congvan eval --gold corpus/gold --pred output/json
  congvan eval --gold corpus/real/gold --pred output/json --by format
  congvan eval --gold corpus/real/gold --pred output/json --min format.pdf.number=0.95 --min type.CV.obligations.f1=0.8
  congvan eval --gold corpus/gold --json > figures.json`)
    .action((opts: { gold: string; pred: string; verbose?: boolean; json?: boolean; by?: By[]; min?: string[] }) => {
      const gold = readRecords(opts.gold);
      const pred = readRecords(opts.pred);
      const result = score(gold, pred);
      const groups: Record<GroupBy, Group[]> = { format: breakdown(gold, pred, 'format'), type: breakdown(gold, pred, 'type') };
      if (opts.json) {
        console.log(JSON.stringify({ summary: flatten(result), detail: result, byFormat: groupJson(groups.format), byType: groupJson(groups.type) }, null, 2));
      } else {
        const out = [formatReport(result, opts.verbose)];
        const by = opts.by ?? [];
        if (by.length === 0) {
          for (const b of GROUP_BYS) out.push('', formatBreakdown(b, groups[b]));
        } else if (!by.includes('none')) {
          for (const b of GROUP_BYS.filter((x) => by.includes(x))) {
            for (const g of groups[b]) {
              out.push('', `== ${b} ${g.key}: ${g.ids.length} document${g.ids.length === 1 ? '' : 's'}`, formatReport(g.result, false));
            }
          }
        }
        console.log(out.join('\n'));
      }
      const figures = allFigures(result, groups);
      for (const m of opts.min ?? []) {
        const eq = m.indexOf('=');
        const name = eq < 0 ? m : m.slice(0, eq);
        const min = eq < 0 ? NaN : Number(m.slice(eq + 1));
        if (!Number.isFinite(min)) {
          console.error(`--min ${m}: expected KEY=VALUE with a number (e.g. obligations.f1=0.9)`);
          process.exitCode = 2;
          return;
        }
        const f = lookupFigure(figures, name);
        if (!f.ok) {
          console.error(f.reason);
          process.exitCode = 2;
          return;
        }
        if (f.value < min) {
          console.error(`${f.key} = ${Math.round(f.value * 1000) / 1000} is below ${min}`);
          process.exitCode = 1;
        }
      }
    });
}
