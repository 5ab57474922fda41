import { Command } from 'commander';
import { readRecords, score, formatReport, flatten } from '../eval/score.js';

export function evalCommand(): Command {
  return new Command('eval')
    .description('grade records against gold records (the rules of the record format)')
    .requiredOption('--gold <dir>', 'folder of gold records')
    .option('--pred <path>', 'folder of records, a JSON array or an NDJSON file', 'output/json')
    .option('--verbose', 'list every miss')
    .option('--json', 'print the figures as JSON')
    .option('--min <key=value...>', 'exit 1 when a figure is below (e.g. obligations.f1=0.9)')
    .action((opts: { gold: string; pred: string; verbose?: boolean; json?: boolean; min?: string[] }) => {
      const result = score(readRecords(opts.gold), readRecords(opts.pred));
      const flat = flatten(result);
      if (opts.json) console.log(JSON.stringify({ summary: flat, detail: result }, null, 2));
      else console.log(formatReport(result, opts.verbose));
      for (const m of opts.min ?? []) {
        const [k, v] = m.split('=');
        if (!(k! in flat)) {
          console.error(`unknown figure: ${k} (known: ${Object.keys(flat).join(', ')})`);
          process.exitCode = 2;
          return;
        }
        if (flat[k!]! < Number(v)) {
          console.error(`${k} = ${Math.round(flat[k!]! * 1000) / 1000} is below ${v}`);
          process.exitCode = 1;
        }
      }
    });
}
