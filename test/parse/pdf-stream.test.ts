/**
 * The poppler engine reads pdftohtml's and pdftotext's output page by page as it streams
 * (issue 14, memory of long PDFs): the readers take the output in pieces cut after a
 * `</page>`, hand each page on once it is complete and keep nothing of it, and give the
 * same pages as the output read whole.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { XmlReader, parsePdfXml, type HtmlPage } from '../../src/parse/pdf-poppler.js';
import { BboxReader, parseBbox, type PopplerWord } from '../../src/parse/pdf-widgets.js';
import { ROOT, hasCommand } from '../helpers.js';

const hasPoppler = hasCommand('pdftotext', '-v') && hasCommand('pdftohtml', '-v');
// the 23-page sample plan and a signed letter with stamped annotations
const files = [path.join(ROOT, 'corpus', 'pdf', '002_a0abdb387e5f238a.pdf'), path.join(ROOT, 'corpus', 'real', 'pdf', 'rd002.pdf')];
const env = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
const xmlOf = (f: string) => execFileSync('pdftohtml', ['-q', '-xml', '-i', '-hidden', '-noroundcoord', '-zoom', '1', '-fontfullname', '-stdout', f], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
const bboxOf = (f: string) => execFileSync('pdftotext', ['-q', '-bbox', f, '-'], { encoding: 'utf8', env, maxBuffer: 1 << 28 });

/** The output cut as streamPages cuts it: after every `</page>`. */
function pieces(s: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (let k = s.indexOf('</page>'); k >= 0; k = s.indexOf('</page>', k + 1)) {
    out.push(s.slice(at, k + 7));
    at = k + 7;
  }
  out.push(s.slice(at));
  return out;
}

describe('poppler output read page by page', () => {
  it.skipIf(!hasPoppler)('pdftohtml: the same pages, runs and fonts in pieces as whole, each page handed on before the output ends (needs poppler-utils)', () => {
    for (const f of files) {
      const xml = xmlOf(f);
      const whole = parsePdfXml(xml);
      expect(whole.pages.length, f).toBeGreaterThan(0);
      const r = new XmlReader();
      const got: HtmlPage[] = [];
      const handedAt: number[] = [];
      const ps = pieces(xml);
      ps.forEach((p, k) => r.feed(p, (pg) => (got.push(pg), handedAt.push(k))));
      r.end((pg) => (got.push(pg), handedAt.push(ps.length)));
      expect(got, f).toEqual(whole.pages);
      expect(r.fonts, f).toEqual(whole.fonts);
      expect(r.count).toBe(whole.pages.length);
      // page k is handed on with the piece that starts page k + 1, not at the end
      if (whole.pages.length > 1) expect(handedAt[0]).toBe(1);
    }
  });

  it.skipIf(!hasPoppler)('pdftotext -bbox: the same words of every page in pieces as whole, each page handed on before the output ends (needs poppler-utils)', () => {
    for (const f of files) {
      const out = bboxOf(f);
      const whole = parseBbox(out, 1);
      const r = new BboxReader(1);
      const got = new Map<number, PopplerWord[]>();
      const handedAt: number[] = [];
      const ps = pieces(out);
      ps.forEach((p, k) => r.feed(p, (n, w) => (got.set(n, w), handedAt.push(k))));
      r.end((n, w) => (got.set(n, w), handedAt.push(ps.length)));
      expect(got, f).toEqual(whole);
      if (whole.size > 1) expect(handedAt[0]).toBe(1);
    }
  });
});
