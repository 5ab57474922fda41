import { it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { recordJsonSchema } from '../schemas/json.js';
import { ROOT } from './helpers.js';

it('schemas/record.schema.json is what `npm run schemas` writes from the zod schema', () => {
  const onDisk = fs.readFileSync(path.join(ROOT, 'schemas', 'record.schema.json'), 'utf8');
  expect(onDisk, 'stale: run `npm run schemas`').toBe(recordJsonSchema());
});
