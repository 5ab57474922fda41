import { describe, it, expect, beforeAll, vi } from 'vitest';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { ingest } from '../../pipelines/ingest.js';
import { searchCommand } from '../../src/cli/search.js';
import { doneCommand } from '../../src/cli/done.js';
import { reopenCommand } from '../../src/cli/reopen.js';
import { CORPUS, ROOT, STEMS, tmpDir } from '../helpers.js';

const dir = tmpDir('congvan-cli-');
const db = path.join(dir, 'store.db');
const COMMANDS: Record<string, () => Command> = { search: searchCommand, done: doneCommand, reopen: reopenCommand };

/** Run a command in this process and return what it printed (stdout; stderr when it failed). */
async function cli(name: string, ...args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = process.exitCode;
  try {
    await COMMANDS[name]!().exitOverride().parseAsync([...args, '--db', db], { from: 'user' });
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
  const failed = process.exitCode !== code && process.exitCode;
  process.exitCode = code;
  if (failed) throw new Error(`exit ${failed}: ${err.join('\n')}`);
  return out.join('\n') + '\n';
}

beforeAll(async () => {
  await ingest(STEMS.map((s) => path.join(CORPUS, `${s}.txt`)), { db });
});

describe('congvan search / done / reopen', () => {
  it('search --agency "so noi vu" --due-before 2021-12-31 --today 2021-11-20 prints the tasks with document, lead, deadline, status', async () => {
    const out = await cli('search', '--agency', 'so noi vu', '--due-before', '2021-12-31', '--today', '2021-11-20');
    expect(out).toContain(`${STEMS[0]}#9`);
    expect(out).toMatch(/CV UBND-NC\s+2021-11\s+item 2\.4/);
    expect(out).toMatch(/lead: Sở Nội vụ/);
    expect(out).toMatch(/KH 116\/KH-UBND/);
    expect(out).toMatch(/quá hạn \(97 days late\)/);
    expect(out).toMatch(/obligations, status as of 2021-11-20/);
  });

  it('search WORDS marks the match; --json gives the result object; FTS syntax is harmless', async () => {
    const out = await cli('search', 'dau', 'tu', '--limit', '3');
    expect(out).toMatch(/\[đầu tư\]/);
    const r = JSON.parse(await cli('search', 'uy ban', '--json', '--limit', '5'));
    expect(r.items.length).toBe(5);
    expect(r.items[0]).toHaveProperty('snippet.marks');
    await expect(cli('search', '"(dau OR tu*', '-', 'NEAR(')).resolves.toMatch(/obligations/);
    const docs = await cli('search', '--documents', 'cai cach hanh chinh');
    expect(docs).toMatch(/4918\/UBND-NC/);
  });

  it('through bin/congvan.js, a bad date is a usage error (exit 2)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/congvan.js'), 'search', '--due-before', '31/12/2021', '--db', db], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a date/);
  });

  it('done TASK --on DATE and reopen TASK', async () => {
    expect(await cli('done', `${STEMS[0]}#3`, '--on', '2021-11-24')).toMatch(/done 000_\w+#3 on 2021-11-24: đúng hạn \(deadline 2021-11-25\)/);
    expect(await cli('search', '--status', 'done', '--today', '2021-12-01')).toMatch(/done 2021-11-24, đúng hạn/);
    expect(await cli('done', `${STEMS[0]}#3`, '--on', '2021-11-26')).toMatch(/quá hạn/);
    expect(await cli('reopen', `${STEMS[0]}#3`)).toMatch(/reopened/);
    expect(await cli('search', '--status', 'done')).toMatch(/^0 of 0 obligations/m);
    await expect(cli('done', 'nope#1')).rejects.toThrow(/exit 1: .*no task "nope#1"/);
  });
});
