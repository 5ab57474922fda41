/**
 * cli: one file per command; this file lists them. Exit status: 0 all went well,
 * 1 some input failed (the rest was done), 2 a usage error.
 */
import { Command, CommanderError } from 'commander';
import { ingestCommand } from './ingest.js';
import { showCommand } from './show.js';
import { exportCommand } from './export.js';
import { evalCommand } from './eval.js';
import { extraCommands } from './registry.js';

const program = new Command('congvan')
  .description('Turns Vietnamese official documents (công văn, kế hoạch) into tracked obligations.')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError()
  .addHelpText('after', `
Examples:
  congvan ingest corpus/                     ingest a folder into output/congvan.db and output/json/
  congvan search "so noi vu" --due-before 2021-12-31
  congvan show 000_7a7f3f59d8dfdfb4          print one stored record
  congvan export --format ndjson --out all.ndjson
  congvan eval --gold corpus/gold --pred output/json`);

for (const make of [ingestCommand, showCommand, exportCommand, evalCommand, ...extraCommands]) {
  program.addCommand(make().exitOverride());
}
let running: Command | null = null;
program.hook('preAction', (_root, command) => {
  running = command;
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (/^SQLITE_(CORRUPT|NOTADB)/.test((e as { code?: string }).code ?? '')) {
    // damage found past openStore, on the first read of a damaged page
    const db = ((running as Command | null)?.opts().db as string | undefined) ?? 'the store';
    console.error(`congvan: ${db}: the database file is corrupted (${(e as Error).message}); congvan stopped. Keep a copy, move it aside and ingest again (sqlite3's .recover can save what is readable)`);
    process.exitCode = 2;
  } else {
    console.error(`congvan: ${(e as Error).message}`);
    process.exitCode = process.exitCode || 2;
  }
}
