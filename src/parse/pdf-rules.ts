/**
 * Ruled tables: the lines a word processor draws around table cells, as axis-parallel
 * segments in page space (y down from the top, pdfjs's viewport at scale 1).
 *
 * Two sources give the same paths: pdfjs's operator list (pdf-pdfjs.ts, the fallback engine)
 * and the page's content stream read directly (`contentRules`, for the poppler engine: no
 * pdfjs, no image decoded). Coordinates are rounded to 32-bit floats as pdfjs stores them,
 * so both give the same segments.
 */
import type { Segment } from './pdf-model.js';
import { Lexer, type PdfDict, type PdfFile, type PdfPage, type PdfValue } from './pdf-objects.js';

export type Matrix = [number, number, number, number, number, number];
export const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Path drawing operators in a path buffer (pdfjs's DrawOPS). */
export const enum Draw {
  moveTo = 0,
  lineTo = 1,
  curveTo = 2,
  quadraticCurveTo = 3,
  closePath = 4,
}

/**
 * The segments of one painted path (a path buffer as pdfjs builds it), under `ctm`: each
 * straight piece of a stroked path, and each thin filled rectangle.
 */
export function pathSegments(buf: ArrayLike<number>, fill: boolean, ctm: Matrix, segs: Segment[]): void {
  // Sub-paths as point lists.
  const paths: Array<Array<[number, number]>> = [];
  let cur: Array<[number, number]> = [];
  for (let k = 0; k < buf.length; ) {
    const op = buf[k++];
    if (op === Draw.moveTo) {
      if (cur.length) paths.push(cur);
      cur = [apply(ctm, buf[k]!, buf[k + 1]!)];
      k += 2;
    } else if (op === Draw.lineTo) {
      cur.push(apply(ctm, buf[k]!, buf[k + 1]!));
      k += 2;
    } else if (op === Draw.curveTo) {
      cur.push(apply(ctm, buf[k + 4]!, buf[k + 5]!));
      k += 6;
    } else if (op === Draw.quadraticCurveTo) {
      cur.push(apply(ctm, buf[k + 2]!, buf[k + 3]!));
      k += 4;
    } else if (op === Draw.closePath) {
      if (cur.length) cur.push(cur[0]!);
    } else break;
  }
  if (cur.length) paths.push(cur);
  for (const pts of paths) {
    if (fill) {
      // A thin filled rectangle is a line.
      const xs = pts.map((q) => q[0]);
      const ys = pts.map((q) => q[1]);
      const w = Math.max(...xs) - Math.min(...xs);
      const h = Math.max(...ys) - Math.min(...ys);
      if (h <= 2.5 && w > 4) segs.push({ dir: 'h', at: (Math.max(...ys) + Math.min(...ys)) / 2, from: Math.min(...xs), to: Math.max(...xs) });
      else if (w <= 2.5 && h > 4) segs.push({ dir: 'v', at: (Math.max(...xs) + Math.min(...xs)) / 2, from: Math.min(...ys), to: Math.max(...ys) });
      continue;
    }
    for (let k = 1; k < pts.length; k++) {
      const [ax, ay] = pts[k - 1]!;
      const [bx, by] = pts[k]!;
      if (Math.abs(ay - by) <= 0.8 && Math.abs(ax - bx) > 4) segs.push({ dir: 'h', at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
      else if (Math.abs(ax - bx) <= 0.8 && Math.abs(ay - by) > 4) segs.push({ dir: 'v', at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
    }
  }
}

/** The box pdfjs shows a page in (crop box within the media box) and its rotation. */
function pageView(page: PdfPage): { view: number[]; rotate: number } {
  const norm = (b: number[] | undefined) => {
    if (!b) return undefined;
    const r = [Math.min(b[0]!, b[2]!), Math.min(b[1]!, b[3]!), Math.max(b[0]!, b[2]!), Math.max(b[1]!, b[3]!)];
    return r[2]! - r[0]! > 0 && r[3]! - r[1]! > 0 ? r : undefined;
  };
  const media = norm(page.mediaBox) ?? [0, 0, 612, 792];
  const crop = norm(page.cropBox);
  let view = media;
  if (crop && crop.some((v, i) => v !== media[i])) {
    const box = [Math.max(crop[0]!, media[0]!), Math.max(crop[1]!, media[1]!), Math.min(crop[2]!, media[2]!), Math.min(crop[3]!, media[3]!)];
    if (box[2]! - box[0]! > 0 && box[3]! - box[1]! > 0) view = box;
  }
  let rotate = page.rotate % 90 !== 0 ? 0 : page.rotate % 360;
  if (rotate < 0) rotate += 360;
  return { view, rotate };
}

/** pdfjs's viewport transform at scale 1 (PageViewport). */
export function viewportTransform(page: PdfPage): Matrix {
  const { view, rotate } = pageView(page);
  const cx = (view[2]! + view[0]!) / 2;
  const cy = (view[3]! + view[1]!) / 2;
  const [a, b, c, d] = rotate === 180 ? [-1, 0, 0, 1] : rotate === 90 ? [0, 1, 1, 0] : rotate === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const [ox, oy] = a === 0 ? [Math.abs(cy - view[1]!), Math.abs(cx - view[0]!)] : [Math.abs(cx - view[0]!), Math.abs(cy - view[1]!)];
  return [a, b, c, d, ox - a * cx - c * cy, oy - b * cx - d * cy];
}

const PAINT: Record<string, { fill: boolean; close: boolean } | null> = {
  S: { fill: false, close: false },
  s: { fill: false, close: true },
  B: { fill: false, close: false },
  'B*': { fill: false, close: false },
  b: { fill: false, close: true },
  'b*': { fill: false, close: true },
  f: { fill: true, close: false },
  F: { fill: true, close: false },
  'f*': { fill: true, close: false },
  n: null,
};

/** The rules drawn by a page's content (form XObjects included), as pdfjs would give them. */
export function contentRules(file: PdfFile, page: PdfPage): Segment[] {
  const segs: Segment[] = [];
  run(file, file.contents(page), page.resources, viewportTransform(page), segs, 0, new Set());
  return segs;
}

function run(file: PdfFile, content: string, resources: PdfDict | undefined, start: Matrix, segs: Segment[], depth: number, forms: Set<number>): void {
  const lx = new Lexer(content);
  const s = content;
  let ctm = start;
  const stack: Matrix[] = [];
  const nums: number[] = [];
  let operand: PdfValue | undefined;
  let path: number[] = [];
  let px = 0;
  let py = 0;
  const f = Math.fround;
  for (;;) {
    const t = lx.token();
    if (t === null) break;
    const c = t.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
      nums.push(Number(t));
      continue;
    }
    if (t === '(') {
      lx.literal();
      continue;
    }
    if (t === '<') {
      lx.hex();
      continue;
    }
    if (t === '[' || t === '<<') {
      lx.value(t);
      continue;
    }
    if (c === 47 /* / */) {
      operand = t;
      continue;
    }
    switch (t) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? start;
        break;
      case 'cm':
        if (nums.length >= 6) ctm = mul(ctm, nums.slice(-6) as Matrix);
        break;
      case 'm':
        if (nums.length >= 2) {
          [px, py] = nums.slice(-2) as [number, number];
          path.push(Draw.moveTo, f(px), f(py));
        }
        break;
      case 'l':
        if (nums.length >= 2) {
          [px, py] = nums.slice(-2) as [number, number];
          path.push(Draw.lineTo, f(px), f(py));
        }
        break;
      case 'c':
        if (nums.length >= 6) {
          const [x1, y1, x2, y2, x, y] = nums.slice(-6) as number[];
          path.push(Draw.curveTo, f(x1!), f(y1!), f(x2!), f(y2!), f(x!), f(y!));
          [px, py] = [x!, y!];
        }
        break;
      case 'v':
        if (nums.length >= 4) {
          const [x1, y1, x, y] = nums.slice(-4) as number[];
          path.push(Draw.curveTo, f(px), f(py), f(x1!), f(y1!), f(x!), f(y!));
          [px, py] = [x!, y!];
        }
        break;
      case 'y':
        if (nums.length >= 4) {
          const [x1, y1, x, y] = nums.slice(-4) as number[];
          path.push(Draw.curveTo, f(x1!), f(y1!), f(x!), f(y!), f(x!), f(y!));
          [px, py] = [x!, y!];
        }
        break;
      case 'h':
        path.push(Draw.closePath);
        break;
      case 're':
        if (nums.length >= 4) {
          const [x, y, w, h] = nums.slice(-4) as [number, number, number, number];
          [px, py] = [x, y];
          const xw = x + w;
          const yh = y + h;
          if (w === 0 || h === 0) path.push(Draw.moveTo, f(x), f(y), Draw.lineTo, f(xw), f(yh), Draw.closePath);
          else path.push(Draw.moveTo, f(x), f(y), Draw.lineTo, f(xw), f(y), Draw.lineTo, f(xw), f(yh), Draw.lineTo, f(x), f(yh), Draw.closePath);
        }
        break;
      case 'BI': {
        // an inline image: its data runs from ID to EI
        const id = s.indexOf('ID', lx.pos);
        const ei = id < 0 ? -1 : s.slice(id + 3).search(/\sEI(?=[\s]|$)/);
        lx.pos = ei < 0 ? s.length : id + 3 + ei + 3;
        break;
      }
      case 'Do': {
        if (typeof operand !== 'string' || depth > 12) break;
        const xobjects = file.dict(resources?.['/XObject']);
        const ref = xobjects?.[operand];
        const st = file.streamOf(ref);
        if (!st || st.dict['/Subtype'] !== '/Form' || forms.has(st.num)) break;
        const m = file.get(st.dict['/Matrix']);
        const matrix = Array.isArray(m) && m.length === 6 ? (m.map((v) => file.num(v) ?? 0) as Matrix) : undefined;
        const inner = file.dict(st.dict['/Resources']) ?? resources;
        forms.add(st.num);
        try {
          run(file, file.streamData(st.num).toString('latin1'), inner, matrix ? mul(ctm, matrix) : ctm, segs, depth + 1, forms);
        } catch {
          /* an unreadable form draws no rules */
        } finally {
          forms.delete(st.num);
        }
        break;
      }
      default: {
        if (t in PAINT) {
          const p = PAINT[t];
          if (p) {
            if (p.close) path.push(Draw.closePath);
            if (path.length) pathSegments(path, p.fill, ctm, segs);
          }
          path = [];
        }
      }
    }
    nums.length = 0;
    operand = undefined;
  }
}
