/** Commands beyond the core ones; each lives in its own file under src/cli/. */
import type { Command } from 'commander';
import { searchCommand } from './search.js';
import { doneCommand } from './done.js';
import { reopenCommand } from './reopen.js';
import { serveCommand } from './serve.js';
import { failuresCommand } from './failures.js';

export const extraCommands: (() => Command)[] = [searchCommand, doneCommand, reopenCommand, serveCommand, failuresCommand];
