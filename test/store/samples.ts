/** The samples as the store contract tests write them: every .txt and .docx of the corpus, as store rows. */
import fs from 'node:fs';
import path from 'node:path';
import { processFile } from '../../pipelines/document.js';
import { toStoreRow, type StoreRow } from '../../src/store/rows.js';
import { CORPUS } from '../helpers.js';

export const FILES = [
  ...fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).map((f) => path.join(CORPUS, f)),
  ...fs.readdirSync(path.join(CORPUS, 'docx')).map((f) => path.join(CORPUS, 'docx', f)),
].sort();

export async function sampleRows(): Promise<{ file: string; row: StoreRow }[]> {
  const rows: { file: string; row: StoreRow }[] = [];
  for (const f of FILES) {
    const o = await processFile(f);
    if (!o.ok) throw new Error(`${f}: ${o.reason}`);
    rows.push({ file: f, row: toStoreRow(o.record, o.model.text) });
  }
  return rows;
}
