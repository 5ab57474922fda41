import fs from 'node:fs';
import { Command, Option } from 'commander';
import { openAnyStore, dbSpec, DB_OPTION } from '../backend/store.js';
import { officeOf } from '../backend/office.js';
import { registerCells, registerCsv, REGISTER_COLUMNS } from '../office/register.js';
import { printable } from '../engine/printable.js';

export function registerCommand(): Command {
  return new Command('register')
    .description('print or export the register of incoming documents (sổ đăng ký văn bản đến): arrival number and day of each')
    .option('--year <year>', 'the register of this year (default: the current year; "all": every year)')
    .addOption(new Option('--format <format>', 'text, csv (UTF-8 with BOM, for Excel) or json').choices(['text', 'csv', 'json']).default('text'))
    .option('--out <path>', 'output file (default: standard output)')
    .option(...DB_OPTION)
    .addHelpText('after', `
Every document ingest stores is registered as it arrives (congvan ingest --no-register for
documents that are not incoming mail): số đến counted from 1 in each year, ngày đến the day
it was stored (or --arrived DATE). A document stored again keeps its number.
Columns (Nghị định 30/2020/NĐ-CP, Phụ lục IV): ${REGISTER_COLUMNS.join(' | ')}

Examples:
  congvan register
  congvan register --year 2026 --format csv --out so-den-2026.csv`)
    .action(async (o: { year?: string; format: string; out?: string; db?: string }) => {
      if (o.year !== undefined && o.year !== 'all' && !/^\d{4}$/.test(o.year)) {
        console.error(`congvan register: --year ${JSON.stringify(o.year)} is not a year`);
        process.exitCode = 2;
        return;
      }
      const year = o.year === 'all' ? null : Number(o.year ?? new Date().getFullYear());
      const store = await openAnyStore(dbSpec(o.db), { readonly: true });
      try {
        const lines = await officeOf(store).registerLines(year);
        const text =
          o.format === 'csv'
            ? [...registerCsv(lines)].join('')
            : o.format === 'json'
              ? `${JSON.stringify(lines, null, 2)}\n`
              : lines.map((l) => `${printable(registerCells(l).slice(0, 6).join('  ').trim())}\n`).join('') || `no documents registered${year ? ` in ${year}` : ''}\n`;
        if (o.out) fs.writeFileSync(o.out, text);
        else process.stdout.write(text);
      } finally {
        await store.close();
      }
    });
}
