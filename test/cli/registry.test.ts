/**
 * The commands are imported only when they run (src/cli/registry.ts, program.ts): what
 * `congvan --help` lists must still be what the commands themselves say.
 */
import { describe, it, expect } from 'vitest';
import { Help } from 'commander';
import { COMMANDS } from '../../src/cli/registry.js';
import { commandOf, makeProgram } from '../../src/cli/program.js';

describe('the command registry', () => {
  it('lists each command with the usage and description of the command itself', async () => {
    const help = new Help();
    for (const c of COMMANDS) {
      const cmd = (await c.load())();
      expect(cmd.name()).toBe(c.name);
      expect(`${c.name} ${c.usage}`.trim(), c.name).toBe(help.subcommandTerm(cmd));
      expect(c.description, c.name).toBe(cmd.description());
    }
  });

  it('gives the same `congvan --help` with the commands as stand-ins as with all of them loaded', async () => {
    const lazy = (await makeProgram([])).helpInformation();
    const all = (await makeProgram('all')).helpInformation();
    expect(lazy).toBe(all);
    for (const c of COMMANDS) expect(lazy).toContain(`${c.name} ${c.usage}`);
  });

  it('finds the command an argument list runs', () => {
    expect(commandOf(['search', 'so', 'noi', 'vu', '--db', 'x.db'])).toBe('search');
    expect(commandOf(['--help'])).toBeNull();
    expect(commandOf([])).toBeNull();
    expect(commandOf(['help', 'ingest'])).toBe('ingest');
    expect(commandOf(['help'])).toBeNull();
    expect(commandOf(['-h', 'show', '1'])).toBe('show');
  });

  it('a stand-in that runs only says which command was meant', async () => {
    const missed = { name: null as string | null };
    const program = await makeProgram([], missed);
    await program.parseAsync(['node', 'congvan', 'search', '--db', 'nowhere.db', 'so', 'noi', 'vu']);
    expect(missed.name).toBe('search');
  });
});
