/**
 * The commands, one file each under src/cli/. A command's file is imported only when that
 * command runs (or its help is asked for): `congvan --help` and `congvan search` do not load
 * the parsers, the batch engine or the web server. What `congvan --help` lists for a command
 * (its usage and description) is therefore written here too; test/cli/registry.test.ts
 * checks it against the command itself.
 */
import type { Command } from 'commander';

export interface CommandEntry {
  name: string;
  /** What follows the name in `congvan --help`: '[options]' when it has options, then its arguments. */
  usage: string;
  /** The command's description, as in its file. */
  description: string;
  /** The command's file, imported: its factory. */
  load: () => Promise<() => Command>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'ingest',
    usage: '[options] <paths...>',
    description: 'ingest files and folders (.txt, .md, .docx, .pdf) into the store and JSON records',
    load: async () => (await import('./ingest.js')).ingestCommand,
  },
  { name: 'show', usage: '[options] <id>', description: 'print one stored record as JSON', load: async () => (await import('./show.js')).showCommand },
  {
    name: 'export',
    usage: '[options]',
    description: 'export the stored records (json, ndjson) or obligations (csv, ics, edoc)',
    load: async () => (await import('./export.js')).exportCommand,
  },
  {
    name: 'eval',
    usage: '[options]',
    description: 'grade records against gold records (the rules of the record format)',
    load: async () => (await import('./eval.js')).evalCommand,
  },
  {
    name: 'search',
    usage: '[options] [words...]',
    description: 'search obligations (or documents with --documents); words match with or without diacritics',
    load: async () => (await import('./search.js')).searchCommand,
  },
  {
    name: 'done',
    usage: '[options] <task>',
    description: 'record an obligation as done (it stays done when its document is ingested again)',
    load: async () => (await import('./done.js')).doneCommand,
  },
  { name: 'reopen', usage: '[options] <task>', description: 'open a done obligation again', load: async () => (await import('./reopen.js')).reopenCommand },
  {
    name: 'serve',
    usage: '[options]',
    description: 'serve the web page and the JSON API (documented in /openapi.json)',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'user',
    usage: '',
    description: 'manage the accounts of congvan serve (add, list, remove, passwd, set)',
    load: async () => (await import('./user.js')).userCommand,
  },
  {
    name: 'audit',
    usage: '[options]',
    description: 'print or export the audit log: who marked done, reopened, uploaded or changed an account, and when',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'register',
    usage: '[options]',
    description: 'print or export the register of incoming documents (sổ đăng ký văn bản đến): arrival number and day of each',
    load: async () => (await import('./register.js')).registerCommand,
  },
  {
    name: 'failures',
    usage: '[options]',
    description: 'list the files the last ingest runs could not use, with the reason',
    load: async () => (await import('./failures.js')).failuresCommand,
  },
  {
    name: 'worker',
    usage: '[options]',
    description: "take ingest jobs from a PostgreSQL store's queue and ingest them, until stopped",
    load: async () => (await import('./worker.js')).workerCommand,
  },
  {
    name: 'migrate',
    usage: '[options]',
    description: 'create the store or bring it to this version of congvan (SQLite or PostgreSQL)',
    load: async () => (await import('./worker.js')).migrateCommand,
  },
];
