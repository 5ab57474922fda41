import type { RawDoc } from '../model/types.js';
/** DOCX through mammoth. */
export async function parseDocx(_buf: Buffer, _file: string): Promise<RawDoc> {
  throw new Error('DOCX input is not supported yet');
}
