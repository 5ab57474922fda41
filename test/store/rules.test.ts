import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { READERS, fingerprint } from '../../src/store/rules.js';
import { ROOT } from '../../src/root.js';

// A copy of the sources that read documents, in a temporary folder: the fingerprint must change
// when any of them changes (a stored record made by other rules is read again) and must not
// change for a file that reads nothing (docs, tests).
function copyReaders(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congvan-rules-'));
  for (const r of READERS) fs.cpSync(path.join(ROOT, r), path.join(dir, r), { recursive: true });
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'notes.md'), 'notes\n');
  return dir;
}

describe('the rules fingerprint', () => {
  it('changes with the extractors, the pipeline and the record schemas, not with other files', () => {
    const dir = copyReaders();
    try {
      const before = fingerprint(dir);
      expect(before).toMatch(/^[0-9a-f]{16}$/u);
      expect(fingerprint(dir)).toBe(before);
      fs.appendFileSync(path.join(dir, 'docs', 'notes.md'), 'more\n');
      expect(fingerprint(dir)).toBe(before);
      const changed = new Set<string>([before]);
      for (const f of ['src/extract/tasks.ts', 'pipelines/document.ts', 'schemas/record.ts']) {
        fs.appendFileSync(path.join(dir, f), '\n// changed\n');
        const now = fingerprint(dir);
        expect(changed.has(now), f).toBe(false);
        changed.add(now);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
