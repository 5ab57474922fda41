import { z } from 'zod';
import { RecordSchema } from './record.js';

/** The JSON Schema (draft 2020-12) of the record, as text. */
export function recordJsonSchema(): string {
  const schema = z.toJSONSchema(RecordSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return JSON.stringify({ $id: 'https://congvan.local/schemas/record.schema.json', title: 'congvan extraction record v1', ...schema }, null, 2) + '\n';
}
