import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT } from '../helpers.js';

describe('output to a reader that goes away', () => {
  it('stops quietly (exit 0, no EPIPE trace) when the reader closes, as `congvan help ingest | head -1`', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'congvan.js'), 'help', 'ingest'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the command writes
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(err).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
