/** Failures with a type and a code (src/model/errors.ts). */
import { describe, it, expect } from 'vitest';
import { CongvanError, InputError, LimitError, ReadError, ToolError, StageError, failureCode } from '../src/model/errors.js';
import { checkDocx, checkPdf } from '../src/parse/guards.js';
import { decodeText } from '../src/parse/decode.js';
import { parseFile } from '../src/parse/index.js';

describe('failure types and codes', () => {
  it('each kind is a CongvanError with its code; a plain error counts as its stage failing', () => {
    expect(new LimitError('limit.size', 'x')).toBeInstanceOf(InputError);
    for (const e of [new ReadError('read.empty', 'x'), new InputError('input.not-pdf', 'x'), new ToolError('tool.missing', 'x'), new StageError('normalise', 'normalise.no-text', 'x')]) expect(e).toBeInstanceOf(CongvanError);
    expect(new LimitError('limit.size', 'x').kind).toBe('limit');
    expect(failureCode(new InputError('input.not-pdf', 'x'), 'parse')).toBe('input.not-pdf');
    expect(failureCode(new Error('pdfjs: bad XRef'), 'parse')).toBe('parse.failed');
    expect(failureCode('a string', 'extract')).toBe('extract.failed');
  });

  it('the guards and parsers throw typed, coded failures', async () => {
    const code = async (f: () => unknown) => {
      try {
        await f();
        return null;
      } catch (e) {
        return [(e as Error).name, (e as CongvanError).code];
      }
    };
    expect(await code(() => checkPdf(Buffer.from('hello')))).toEqual(['InputError', 'input.not-pdf']);
    expect(await code(() => checkPdf(Buffer.from('%PDF-1.4 cut')))).toEqual(['InputError', 'input.pdf-incomplete']);
    expect(await code(() => checkDocx(Buffer.from('not a zip')))).toEqual(['InputError', 'input.not-docx']);
    expect(await code(() => decodeText(Buffer.alloc(100)))).toEqual(['InputError', 'input.unknown-encoding']);
    expect(await code(() => parseFile(Buffer.from('x'), 'a.xyz'))).toEqual(['InputError', 'input.unsupported-type']);
  });
});
