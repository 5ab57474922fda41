/** Commands beyond the core ones; each lives in its own file under src/cli/. */
import type { Command } from 'commander';

export const extraCommands: (() => Command)[] = [];
