/** Writes schemas/record.schema.json from the zod schema (npm run schemas). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordJsonSchema } from '../schemas/json.js';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'record.schema.json');
fs.writeFileSync(out, recordJsonSchema());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
