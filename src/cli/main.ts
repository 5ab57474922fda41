/**
 * cli: one file per command (registry.ts lists them; program.ts makes the program). Exit
 * status: 0 all went well, 1 some input failed (the rest was done), 2 a usage error.
 */
import { Command, CommanderError } from 'commander';
import { commandOf, makeProgram } from './program.js';

let running: Command | null = null;

// The reader of our output went away (`congvan export ... | head`): stop quietly, as other
// command-line tools do, instead of an unhandled EPIPE error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function run(load: string[], missed: { name: string | null }): Promise<void> {
  const program = await makeProgram(load, missed);
  program.hook('preAction', (_root, command) => {
    running = command;
  });
  await program.parseAsync(process.argv);
}

try {
  const wanted = commandOf(process.argv.slice(2));
  const missed = { name: null as string | null };
  await run(wanted ? [wanted] : [], missed);
  // a command not foreseen by commandOf ran as its stand-in, which did nothing: now for real
  if (missed.name) await run([missed.name], { name: null });
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
