/**
 * A small reader of a PDF's objects, for what the poppler engine needs besides poppler's text:
 * the pages (boxes, rotation, resources, content), their annotations' rectangles, and the
 * content streams themselves (the rules of ruled tables, pdf-rules.ts). It replaces a qpdf
 * JSON dump and pdfjs's operator list, which cost a process or ~0.75 CPU s and 50 MB a worker.
 *
 * Objects are found by scanning the file (`N G obj`, streams skipped by their length), those in
 * object streams by their stream's header; a later definition replaces an earlier one, as an
 * incremental update (a signature) does. Only FlateDecode streams without predictors are
 * decoded. Encrypted files and anything it cannot read throw: the caller then uses pdfjs.
 */
import { inflateSync } from 'node:zlib';

export interface Ref {
  ref: number;
  gen: number;
}
export interface Str {
  str: string;
}
export type PdfValue = number | boolean | null | string | Str | Ref | PdfValue[] | PdfDict;
/** A dictionary; keys and name values keep their slash ("/Type": "/Page"). */
export interface PdfDict {
  [key: string]: PdfValue;
}

export class PdfReadError extends Error {}

const WS = new Set([0, 9, 10, 12, 13, 32]);
const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const isWs = (c: number) => WS.has(c);

/** Reads PDF values from latin1 text. */
export class Lexer {
  pos: number;
  constructor(
    readonly s: string,
    pos = 0,
  ) {
    this.pos = pos;
  }

  skipWs(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (isWs(c)) this.pos++;
      else if (c === 37 /* % */) {
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
      } else return;
    }
  }

  /** The next token: a number, name, keyword or delimiter, or null at the end. */
  token(): string | null {
    this.skipWs();
    const s = this.s;
    if (this.pos >= s.length) return null;
    const c = s[this.pos]!;
    if (c === '<' && s[this.pos + 1] === '<') return (this.pos += 2), '<<';
    if (c === '>' && s[this.pos + 1] === '>') return (this.pos += 2), '>>';
    if (c === '[' || c === ']' || c === '{' || c === '}' || c === '(' || c === '<' || c === ')' || c === '>') return this.pos++, c;
    const start = this.pos;
    this.pos++;
    while (this.pos < s.length && !isWs(s.charCodeAt(this.pos)) && !DELIM.has(s[this.pos]!)) this.pos++;
    return s.slice(start, this.pos);
  }

  /** A literal string's bytes, after its opening parenthesis. */
  literal(): string {
    const s = this.s;
    let depth = 1;
    let out = '';
    while (this.pos < s.length) {
      const c = s[this.pos++]!;
      if (c === '\\') {
        const n = s[this.pos++]!;
        const esc: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
        if (n in esc) out += esc[n];
        else if (/[0-7]/.test(n)) {
          let oct = n;
          while (oct.length < 3 && /[0-7]/.test(s[this.pos] ?? '')) oct += s[this.pos++];
          out += String.fromCharCode(parseInt(oct, 8) & 255);
        } else if (n === '\r') {
          if (s[this.pos] === '\n') this.pos++;
        } else if (n !== '\n') out += n;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (--depth === 0) return out;
        out += c;
      } else out += c;
    }
    return out;
  }

  hex(): string {
    const end = this.s.indexOf('>', this.pos);
    if (end < 0) throw new PdfReadError('unterminated hex string');
    const h = this.s.slice(this.pos, end).replace(/[^0-9a-fA-F]/g, '');
    this.pos = end + 1;
    let out = '';
    for (let i = 0; i < h.length; i += 2) out += String.fromCharCode(parseInt((h[i]! + (h[i + 1] ?? '0')), 16));
    return out;
  }

  /** One value (a reference `N G R` included); `tok` is its first token when already read. */
  value(tok: string | null = this.token(), depth = 0): PdfValue {
    if (tok === null) throw new PdfReadError('unexpected end');
    if (depth > 100) throw new PdfReadError('nested too deep');
    if (tok === '<<') {
      const d: PdfDict = {};
      for (;;) {
        const k = this.token();
        if (k === '>>' || k === null) return d;
        if (k[0] !== '/') continue;
        d[k] = this.value(this.token(), depth + 1);
      }
    }
    if (tok === '[') {
      const a: PdfValue[] = [];
      for (;;) {
        const t = this.token();
        if (t === ']' || t === null) return a;
        a.push(this.value(t, depth + 1));
      }
    }
    if (tok === '(') return { str: this.literal() };
    if (tok === '<') return { str: this.hex() };
    if (tok[0] === '/') return tok;
    if (tok === 'true') return true;
    if (tok === 'false') return false;
    if (tok === 'null') return null;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok)) {
      const n = Number(tok);
      // N G R
      if (/^\d+$/.test(tok)) {
        const save = this.pos;
        const g = this.token();
        if (g !== null && /^\d+$/.test(g)) {
          const r = this.token();
          if (r === 'R') return { ref: n, gen: +g };
        }
        this.pos = save;
      }
      return n;
    }
    // a keyword where a value should be (damaged file): null
    return null;
  }
}

interface Located {
  /** Offset in the file of an object (the start of its value), or its place in an object stream. */
  at: number;
  gen: number;
  inStream?: { stream: number; index: number };
}

export const isRef = (v: PdfValue | undefined): v is Ref => !!v && typeof v === 'object' && 'ref' in v;
export const isDict = (v: PdfValue | undefined): v is PdfDict => !!v && typeof v === 'object' && !Array.isArray(v) && !('ref' in v) && !('str' in v);

export interface PdfPage {
  /** 1-based. */
  number: number;
  ref: Ref;
  dict: PdfDict;
  mediaBox: number[] | undefined;
  cropBox: number[] | undefined;
  rotate: number;
  resources: PdfDict | undefined;
}

export class PdfFile {
  readonly text: string;
  private readonly where = new Map<number, Located>();
  private readonly cache = new Map<number, { value: PdfValue; stream?: { start: number; end: number } }>();
  private readonly objStreams = new Map<number, { data: string; first: number; offsets: number[] }>();
  readonly root: Ref;
  /** The offset the last `startxref` gives (for an incremental update). */
  readonly lastXref: number;
  readonly maxObject: number;

  constructor(readonly buf: Buffer) {
    this.text = buf.toString('latin1');
    const s = this.text;
    // (not starting inside a run of digits: a signature's zero padding would make it quadratic)
    const re = /(?<!\d)(\d{1,10})\s+(\d{1,5})\s+obj\b/g;
    const streams: number[] = [];
    let max = 0;
    for (let m: RegExpExecArray | null; (m = re.exec(s)); ) {
      const num = +m[1]!;
      const at = m.index + m[0].length;
      this.where.set(num, { at, gen: +m[2]! });
      this.cache.delete(num);
      max = Math.max(max, num);
      // skip a stream's data, so nothing in it is taken for an object
      const lx = new Lexer(s, at);
      let v: PdfValue;
      try {
        v = lx.value();
      } catch {
        continue;
      }
      const after = lx.token();
      if (after === 'stream') {
        const st = this.streamStart(lx.pos);
        const len = isDict(v) && typeof v['/Length'] === 'number' ? v['/Length'] : -1;
        let end = len >= 0 && s.startsWith('endstream', this.skipWsAt(st + len)) ? st + len : s.indexOf('endstream', st);
        if (end < 0) end = s.length;
        this.cache.set(num, { value: v, stream: { start: st, end } });
        if (isDict(v) && v['/Type'] === '/ObjStm') streams.push(num);
        re.lastIndex = end;
      } else this.cache.set(num, { value: v });
    }
    if (/\/Encrypt\s*(?:\d+\s+\d+\s+R|<<)/.test(s)) throw new PdfReadError('encrypted');
    // objects in object streams, at the place of their stream in the file
    const inStreams = streams.map((n) => ({ n, at: this.where.get(n)!.at })).sort((a, b) => a.at - b.at);
    for (const { n } of inStreams) {
      const d = this.cache.get(n)!.value as PdfDict;
      const data = this.streamData(n).toString('latin1');
      const count = Number(d['/N']);
      const first = Number(d['/First']);
      const lx = new Lexer(data);
      const offsets: number[] = [];
      for (let i = 0; i < count; i++) {
        const num = Number(lx.token());
        const off = Number(lx.token());
        if (!Number.isFinite(num) || !Number.isFinite(off)) break;
        offsets.push(off);
        const prior = this.where.get(num);
        // an object written directly after the stream is newer than the stream's copy
        if (prior && !prior.inStream && prior.at > this.where.get(n)!.at) continue;
        this.where.set(num, { at: 0, gen: 0, inStream: { stream: n, index: i } });
        this.cache.delete(num);
        max = Math.max(max, num);
      }
      this.objStreams.set(n, { data, first, offsets });
    }
    const sizes = [...s.matchAll(/\/Size\s+(\d+)/g)].map((m) => +m[1]! - 1);
    this.maxObject = Math.max(max, ...sizes);
    const roots = [...s.matchAll(/\/Root\s+(\d+)\s+(\d+)\s+R/g)];
    const last = roots[roots.length - 1];
    if (!last) throw new PdfReadError('no /Root');
    this.root = { ref: +last[1]!, gen: +last[2]! };
    const sx = [...s.matchAll(/startxref\s+(\d+)/g)];
    this.lastXref = sx.length ? +sx[sx.length - 1]![1]! : 0;
  }

  private skipWsAt(p: number): number {
    while (p < this.text.length && isWs(this.text.charCodeAt(p))) p++;
    return p;
  }

  private streamStart(p: number): number {
    if (this.text[p] === '\r') p++;
    if (this.text[p] === '\n') p++;
    return p;
  }

  private load(num: number): { value: PdfValue; stream?: { start: number; end: number } } | undefined {
    const c = this.cache.get(num);
    if (c) return c;
    const w = this.where.get(num);
    if (!w) return undefined;
    let out: { value: PdfValue };
    if (w.inStream) {
      const os = this.objStreams.get(w.inStream.stream);
      if (!os) return undefined;
      out = { value: new Lexer(os.data, os.first + os.offsets[w.inStream.index]!).value() };
    } else out = { value: new Lexer(this.text, w.at).value() };
    this.cache.set(num, out);
    return out;
  }

  /** A value with its reference followed (once). */
  get(v: PdfValue | undefined): PdfValue | undefined {
    for (let k = 0; k < 8 && isRef(v); k++) v = this.load(v.ref)?.value;
    return v;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const d = this.get(v);
    return isDict(d) ? d : undefined;
  }

  num(v: PdfValue | undefined): number | undefined {
    const n = this.get(v);
    return typeof n === 'number' ? n : undefined;
  }

  /** The decoded data of a stream object. */
  streamData(num: number): Buffer {
    const o = this.load(num);
    if (!o?.stream) throw new PdfReadError(`object ${num} is not a stream`);
    const d = o.value as PdfDict;
    const raw = this.buf.subarray(o.stream.start, o.stream.end);
    let filters = this.get(d['/Filter']);
    if (filters === undefined || filters === null) return raw;
    if (!Array.isArray(filters)) filters = [filters];
    const parms = this.get(d['/DecodeParms']);
    let data: Buffer = raw;
    for (let i = 0; i < filters.length; i++) {
      const f = this.get(filters[i]);
      const p = this.dict(Array.isArray(parms) ? parms[i] : parms);
      if (f !== '/FlateDecode' && f !== '/Fl') throw new PdfReadError(`filter ${String(f)}`);
      if (p && (this.num(p['/Predictor']) ?? 1) > 1) throw new PdfReadError('predictor');
      data = inflateSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH: keep what a truncated stream gives */ });
    }
    return data;
  }

  /** The page objects in order, with what they inherit from the page tree. */
  pages(): PdfPage[] {
    const out: PdfPage[] = [];
    const root = this.dict(this.root);
    const seen = new Set<number>();
    const walk = (ref: PdfValue | undefined, inh: { mediaBox?: PdfValue; cropBox?: PdfValue; rotate?: PdfValue; resources?: PdfValue }, depth: number) => {
      if (!isRef(ref) || seen.has(ref.ref) || depth > 64) return;
      seen.add(ref.ref);
      const d = this.dict(ref);
      if (!d) return;
      const here = {
        mediaBox: d['/MediaBox'] ?? inh.mediaBox,
        cropBox: d['/CropBox'] ?? inh.cropBox,
        rotate: d['/Rotate'] ?? inh.rotate,
        resources: d['/Resources'] ?? inh.resources,
      };
      const kids = this.get(d['/Kids']);
      if (d['/Type'] === '/Pages' || (Array.isArray(kids) && d['/Type'] !== '/Page')) {
        if (Array.isArray(kids)) for (const k of kids) walk(k, here, depth + 1);
        return;
      }
      const box = (v: PdfValue | undefined) => {
        const a = this.get(v);
        if (!Array.isArray(a) || a.length !== 4) return undefined;
        const n = a.map((x) => this.num(x));
        return n.every((x) => x !== undefined) ? (n as number[]) : undefined;
      };
      out.push({ number: out.length + 1, ref, dict: d, mediaBox: box(here.mediaBox), cropBox: box(here.cropBox), rotate: this.num(here.rotate) ?? 0, resources: this.dict(here.resources) });
    };
    walk(root?.['/Pages'], {}, 0);
    if (!out.length) throw new PdfReadError('no pages');
    return out;
  }

  /** A page's content: its streams decoded and joined. */
  contents(page: PdfPage): string {
    const c = this.get(page.dict['/Contents']);
    const refs = Array.isArray(c) ? c : [page.dict['/Contents']];
    const parts: string[] = [];
    for (const r of refs) if (isRef(r)) parts.push(this.streamData(r.ref).toString('latin1'));
    return parts.join('\n');
  }

  /** The stream object a value refers to: its dictionary and number. */
  streamOf(v: PdfValue | undefined): { num: number; dict: PdfDict } | undefined {
    if (!isRef(v)) return undefined;
    const o = this.load(v.ref);
    return o?.stream && isDict(o.value) ? { num: v.ref, dict: o.value } : undefined;
  }
}

/** A value written back as PDF syntax. */
export function writeValue(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return `[${v.map(writeValue).join(' ')}]`;
  if (isRef(v)) return `${v.ref} ${v.gen} R`;
  if ('str' in v) return `<${Buffer.from((v as Str).str, 'latin1').toString('hex')}>`;
  return `<<${Object.entries(v as PdfDict).map(([k, x]) => `${k} ${writeValue(x)}`).join(' ')}>>`;
}

/**
 * The file with the given page objects replaced (an incremental update appended at its end,
 * as a signature is): e.g. pages without their annotations.
 */
export function withPages(file: PdfFile, pages: Array<{ ref: Ref; dict: PdfDict }>): Buffer {
  const parts: string[] = ['\n'];
  let at = file.buf.length + 1;
  const offsets: Array<{ num: number; gen: number; at: number }> = [];
  for (const p of pages) {
    const obj = `${p.ref.ref} ${p.ref.gen} obj\n${writeValue(p.dict)}\nendobj\n`;
    offsets.push({ num: p.ref.ref, gen: p.ref.gen, at });
    parts.push(obj);
    at += Buffer.byteLength(obj, 'latin1');
  }
  const xref = ['xref', '0 1', '0000000000 65535 f\r'];
  for (const o of offsets.sort((a, b) => a.num - b.num)) xref.push(`${o.num} 1`, `${String(o.at).padStart(10, '0')} ${String(o.gen).padStart(5, '0')} n\r`);
  parts.push(`${xref.join('\n')}\ntrailer\n<</Size ${file.maxObject + 1} /Root ${file.root.ref} ${file.root.gen} R /Prev ${file.lastXref}>>\nstartxref\n${at}\n%%EOF\n`);
  return Buffer.concat([file.buf, Buffer.from(parts.join(''), 'latin1')]);
}
