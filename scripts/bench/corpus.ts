/**
 * The benchmark's synthetic corpus: N letters and plans made by recombining the structure
 * of the sample documents (header table, "Kính gửi", context paragraphs, numbered sections
 * and items with lead/supporting agencies and deadlines, "Nơi nhận", signature) with varied
 * numbers, agencies, places, dates and lengths. Sentences and task texts are taken from the
 * sample letters in corpus/, so the extractors meet real phrasing.
 *
 * Every document is written as:
 *   txt/   the markdown-ish plain text of the samples 001 and 003
 *   docx/  a Word document written by LibreOffice from a flat ODT with the fixtures' styles
 *          (scripts/bench/fodt-head.xml, taken from corpus/tools/make_fixtures.py)
 *   pdf/   an A4 PDF with a text layer, converted by LibreOffice from the DOCX, as the
 *          fixtures are
 * Deterministic for a given (n, seed). Made once and cached (a `manifest.json` marks a
 * finished corpus); LibreOffice runs in batches, two instances at a time.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
export const GENERATOR_VERSION = 1;

// ---------------------------------------------------------------- random
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    some: <T>(xs: readonly T[], k: number): T[] => {
      const c = [...xs];
      const out: T[] = [];
      while (out.length < k && c.length) out.push(c.splice(Math.floor(next() * c.length), 1)[0]!);
      return out;
    },
  };
}
type Rng = ReturnType<typeof rng>;

// ---------------------------------------------------------------- word lists
const PROVINCES: [string, string][] = [
  ['TỈNH TUYÊN QUANG', 'Tuyên Quang'], ['TỈNH HÀ GIANG', 'Hà Giang'], ['TỈNH YÊN BÁI', 'Yên Bái'], ['TỈNH LÀO CAI', 'Lào Cai'],
  ['TỈNH THÁI NGUYÊN', 'Thái Nguyên'], ['TỈNH PHÚ THỌ', 'Việt Trì'], ['TỈNH BẮC KẠN', 'Bắc Kạn'], ['TỈNH CAO BẰNG', 'Cao Bằng'],
  ['TỈNH LẠNG SƠN', 'Lạng Sơn'], ['TỈNH NGHỆ AN', 'Nghệ An'], ['TỈNH QUẢNG NAM', 'Quảng Nam'], ['THÀNH PHỐ ĐÀ NẴNG', 'Đà Nẵng'],
  ['THÀNH PHỐ CẦN THƠ', 'Cần Thơ'], ['THÀNH PHỐ HẢI PHÒNG', 'Hải Phòng'], ['TỈNH BÌNH ĐỊNH', 'Bình Định'], ['TỈNH ĐẮK LẮK', 'Đắk Lắk'],
  ['TỈNH LÂM ĐỒNG', 'Lâm Đồng'], ['TỈNH KIÊN GIANG', 'Kiên Giang'], ['TỈNH SÓC TRĂNG', 'Sóc Trăng'], ['TỈNH ĐIỆN BIÊN', 'Điện Biên'],
];
const UNITS = ['NC', 'THCBKS', 'KT', 'VX', 'TH', 'NLN', 'KGVX', 'TCD', 'XD', 'NV'];
const AGENCIES = [
  'Sở Nội vụ', 'Sở Tài chính', 'Sở Kế hoạch và Đầu tư', 'Sở Thông tin và Truyền thông', 'Sở Tư pháp', 'Sở Y tế',
  'Sở Giáo dục và Đào tạo', 'Sở Tài nguyên và Môi trường', 'Sở Xây dựng', 'Sở Giao thông vận tải',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Khoa học và Công nghệ', 'Sở Công Thương', 'Công an tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh', 'Thanh tra tỉnh',
  'Bảo hiểm xã hội tỉnh', 'Ủy ban nhân dân các huyện, thành phố', 'Đài Phát thanh và Truyền hình tỉnh', 'Ban Dân tộc tỉnh',
  'Cục Thuế tỉnh', 'Kho bạc Nhà nước tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh', 'Bưu điện tỉnh',
];
const SUBJECTS = [
  'triển khai thực hiện công tác cải cách hành chính năm {y}', 'tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn',
  'đẩy mạnh chuyển đổi số, xây dựng chính quyền số giai đoạn {y}-{y2}', 'rà soát, đơn giản hóa thủ tục hành chính nội bộ',
  'thực hiện Đề án 06 của Chính phủ trên địa bàn tỉnh', 'nâng cao Chỉ số cải cách hành chính và Chỉ số hài lòng năm {y}',
  'chấn chỉnh, khắc phục tồn tại, hạn chế sau kiểm tra công vụ', 'triển khai Báo cáo số {n}/BC-VPCP của Văn phòng Chính phủ',
  'tổ chức thực hiện dự toán ngân sách nhà nước năm {y}', 'tăng cường kỷ luật, kỷ cương hành chính trong cơ quan nhà nước',
  'thực hiện công tác số hóa hồ sơ, kết quả giải quyết thủ tục hành chính', 'đảm bảo an toàn thông tin mạng trong cơ quan nhà nước',
  'triển khai chương trình mục tiêu quốc gia xây dựng nông thôn mới năm {y}', 'tăng cường công tác quản lý đất đai, khoáng sản',
];
const CITED = [
  ['Nghị quyết', 'NQ-CP', 'Chính phủ'], ['Chỉ thị', 'CT-TTg', 'Thủ tướng Chính phủ'], ['Quyết định', 'QĐ-UBND', 'Ủy ban nhân dân tỉnh'],
  ['Kế hoạch', 'KH-UBND', 'Ủy ban nhân dân tỉnh'], ['Công văn', 'BNV-CCHC', 'Bộ Nội vụ'], ['Thông tư', 'TT-BTC', 'Bộ Tài chính'],
  ['Báo cáo', 'BC-SNV', 'Sở Nội vụ'], ['Văn bản', 'VPCP-KSTT', 'Văn phòng Chính phủ'],
] as const;
const NAMES = ['Nguyễn Văn Sơn', 'Tạ Văn Dũng', 'Lê Thị Hồng', 'Phạm Minh Tuấn', 'Hoàng Văn Nam', 'Trần Thị Mai', 'Vũ Đức Hải', 'Đỗ Thị Thu Hà', 'Bùi Quang Vinh', 'Đặng Văn Long'];
const LEAD_INS = ['có trách nhiệm', 'chủ trì, phối hợp với {a2} và các cơ quan, đơn vị liên quan', 'chủ trì, phối hợp với {a2}', 'phối hợp với {a2}'];
const RECIPIENT_SETS = [
  ['- Các sở, ban, ngành thuộc tỉnh;', '- Ủy ban nhân dân huyện, thành phố.'],
  ['- Sở, Ban, ngành thuộc UBND tỉnh;', '- Ủy ban nhân dân các huyện, thành phố;', '- Các doanh nghiệp nhà nước trên địa bàn tỉnh.'],
  ['- {a1};', '- {a2};', '- Ủy ban nhân dân các huyện, thành phố.'],
];

// ---------------------------------------------------------------- sentences from the samples
interface Pools {
  tasks: string[];
  context: string[];
}

function stripMd(s: string) {
  return s.replace(/\*+/g, '').replace(/\s+/g, ' ').trim();
}

export function samplePools(corpusDir = path.join(ROOT, 'corpus')): Pools {
  const tasks = new Set<string>();
  const context = new Set<string>();
  for (const f of fs.readdirSync(corpusDir).filter((x) => /^00[123]_.*\.txt$/.test(x)).sort()) {
    const text = fs.readFileSync(path.join(corpusDir, f), 'utf8').normalize('NFC');
    for (const raw of text.split(/\n/)) {
      const l = stripMd(raw.replace(/^\t+/, '').replace(/\[bookmark: [^\]]+\]/g, ''));
      const m = /^(?:\d+\.\d+\.\s+|[-+]\s+)(.*)$/.exec(l);
      if (m && m[1]!.length > 60 && !/^(Như trên|Lưu|Chủ tịch|Các PCT|CVP|Phòng)/.test(m[1]!)) tasks.add(m[1]!.replace(/[.;:]\s*$/, ''));
      else if (!m && l.length > 200 && !/^\d/.test(l) && !l.includes('\t')) context.add(l);
    }
  }
  return { tasks: [...tasks], context: [...context] };
}

// ---------------------------------------------------------------- one document
type Fmt = '' | 'b' | 'i' | 'bi';
interface Run {
  t: string;
  f: Fmt;
}
interface Para {
  style: 'body' | 'heading' | 'title';
  runs: Run[];
}
export interface SynthDoc {
  kind: 'CV' | 'KH';
  org: string[];
  so: string;
  subject: string[];
  date: string;
  recipients: string[];
  body: Para[];
  noiNhan: string[];
  signTitle: string[];
  signer: string;
}

const dd = (n: number) => String(n).padStart(2, '0');
function dateIn(r: Rng, year: number) {
  return { d: r.int(1, 28), m: r.int(1, 12), y: year };
}
function lowerFirst(s: string) {
  return s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

function deadline(r: Rng, year: number): string {
  const t = dateIn(r, year + (r.chance(0.3) ? 1 : 0));
  switch (r.int(0, 7)) {
    case 0:
    case 1:
      return `; hoàn thành trước ngày ${dd(t.d)}/${dd(t.m)}/${t.y}`;
    case 2:
      return `, báo cáo kết quả về Ủy ban nhân dân tỉnh (qua ${r.pick(['Sở Nội vụ', 'Văn phòng Ủy ban nhân dân tỉnh', 'Sở Kế hoạch và Đầu tư'])}) trước ngày ${t.d}/${t.m}/${t.y}`;
    case 3:
      return `; thời gian hoàn thành: trong tháng ${t.m}/${t.y}`;
    case 4:
      return `; báo cáo định kỳ hằng tháng trước ngày ${r.int(15, 25)} hằng tháng`;
    case 5:
      return `; thời gian thực hiện: quý ${r.pick(['I', 'II', 'III', 'IV'])}/${t.y}`;
    case 6:
      return '; thực hiện thường xuyên';
    default:
      return '';
  }
}

export function makeDoc(r: Rng, pools: Pools, i: number): SynthDoc {
  const [provUpper, place] = r.pick(PROVINCES);
  const year = r.int(2019, 2025);
  const kind: SynthDoc['kind'] = r.chance(0.25) ? 'KH' : 'CV';
  const number = r.int(1, 9999);
  const unit = r.pick(UNITS);
  const symbol = kind === 'KH' ? 'KH-UBND' : `UBND-${unit}`;
  const date = dateIn(r, year);
  const fill = (s: string) =>
    s.replace(/\{y\}/g, String(year)).replace(/\{y2\}/g, String(year + 5)).replace(/\{n\}/g, String(r.int(100, 9999)))
      .replace(/\{a1\}/g, r.pick(AGENCIES)).replace(/\{a2\}/g, r.pick(AGENCIES));
  const subjectText = fill(r.pick(SUBJECTS));
  const cite = () => {
    const [k, sym, who] = r.pick(CITED);
    const c = dateIn(r, year - r.int(0, 2));
    return `${k} số ${r.int(1, 999)}/${sym} ngày ${c.d}/${c.m}/${c.y} của ${who}`;
  };
  // the subject line as a header cell holds it: short lines
  const subj = `${kind === 'CV' ? 'V/v ' : ''}${subjectText}`;
  const subject: string[] = [];
  for (const w of subj.split(' ')) {
    const last = subject[subject.length - 1];
    if (last !== undefined && (last + ' ' + w).length <= 36) subject[subject.length - 1] = last + ' ' + w;
    else subject.push(w);
  }
  const body: Para[] = [];
  const P = (t: string, f: Fmt = '', style: Para['style'] = 'body') => body.push({ style, runs: [{ t, f }] });
  if (kind === 'KH') {
    P('KẾ HOẠCH', 'b', 'title');
    P(subjectText.charAt(0).toLocaleUpperCase('vi') + subjectText.slice(1), 'b', 'title');
    P(`Căn cứ ${cite()}; ${cite()};`);
  } else {
    P(`Thực hiện ${cite()} về ${fill(r.pick(SUBJECTS))},`);
  }
  // length varies: most documents are letters of 1-3 pages, a few are long plans
  const long = r.chance(0.06);
  for (let k = r.int(0, long ? 4 : 2); k > 0; k--) P(r.pick(pools.context));
  P(kind === 'KH' ? `Ủy ban nhân dân ${provUpper.toLocaleLowerCase('vi').replace(/^(tỉnh|thành phố) /, '$1 ')} ban hành Kế hoạch triển khai như sau:` : 'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:', kind === 'CV' ? 'b' : '');
  const sections = long ? r.int(5, 9) : r.int(1, 4);
  for (let s = 1; s <= sections; s++) {
    const lead = r.pick(AGENCIES);
    const items = long ? r.int(4, 10) : r.int(1, 5);
    const style = r.int(0, 2);
    if (style === 0) {
      // "## 2. Sở Thông tin và Truyền thông" then 2.1., 2.2.
      P(`${s}. ${lead}`, '', 'heading');
      for (let k = 1; k <= items; k++) P(`${s}.${k}. ${r.pick(pools.tasks)}${deadline(r, year)}.`);
    } else if (style === 1) {
      // "1. Sở Nội vụ có trách nhiệm:" then items
      const lead2 = r.pick(AGENCIES);
      P(`${s}. ${lead} ${fill(r.pick(LEAD_INS)).replace(/\{a2\}/g, lead2)}:`, 'b');
      for (let k = 1; k <= items; k++) P(`${s}.${k}. ${r.pick(pools.tasks)}${deadline(r, year)}.`);
    } else {
      // one sentence per item: "3. Giao Sở Tài chính chủ trì ... ; hoàn thành trước ngày ..."
      const lead2 = r.pick(AGENCIES);
      P(`${s}. Giao ${lead} chủ trì, phối hợp với ${lead2} ${lowerFirst(r.pick(pools.tasks))}${deadline(r, year)}.`);
    }
  }
  P('Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.');
  const authority = r.pick([['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], ['CHỦ TỊCH'], ['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG']]);
  return {
    kind,
    org: ['ỦY BAN NHÂN DÂN', provUpper],
    so: `Số: ${number}/${symbol}`,
    subject: kind === 'CV' ? subject : [],
    date: `${place}, ngày ${date.d} tháng ${date.m} năm ${year}`,
    recipients: kind === 'CV' ? r.pick(RECIPIENT_SETS).map(fill) : [],
    body,
    noiNhan: ['- Như trên;', '- Chủ tịch, các PCT UBND tỉnh;', `- ${r.pick(AGENCIES)};`, '- Lưu: VT, ' + unit + '.'],
    signTitle: authority,
    signer: r.pick(NAMES),
  };
}

// ---------------------------------------------------------------- renderings
const md = (runs: Run[]) => runs.map((x) => (x.f === 'b' ? `**${x.t}**` : x.f === 'i' ? `*${x.t}*` : x.f === 'bi' ? `***${x.t}***` : x.t)).join('');

/** The plain text, as the samples 001 and 003 are written (blank line between blocks). */
export function toText(d: SynthDoc): string {
  const out: string[] = [];
  out.push(`**${d.org.join('\n')}**`, '**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**');
  out.push([d.so, ...d.subject].join('\n'));
  out.push(d.date);
  if (d.recipients.length) out.push('Kính gửi:', d.recipients.join('\n'));
  for (const p of d.body) out.push(p.style === 'heading' ? `## ${md(p.runs)}` : p.style === 'title' ? `**${p.runs.map((x) => x.t).join('')}**` : md(p.runs));
  out.push(`**${d.signTitle.join('\n')}**`, '***Nơi nhận:***', d.noiNhan.join('\n'), `**${d.signer}**`);
  return '\n' + out.join('\n\n') + '\n';
}

function esc(s: string) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
const FMT_STYLE: Record<Fmt, string> = { '': '', b: 'T_b', i: 'T_i', bi: 'T_bi' };
function runsXml(runs: Run[]) {
  return runs.map((x) => (x.f ? `<text:span text:style-name="${FMT_STYLE[x.f]}">${esc(x.t)}</text:span>` : esc(x.t))).join('');
}
function linesXml(lines: string[], f: Fmt = '') {
  return lines.map((l, k) => (k ? '<text:line-break/>' : '') + runsXml([{ t: l, f }])).join('');
}
const p = (style: string, inner: string) => `<text:p text:style-name="${style}">${inner}</text:p>`;
function twoCol(name: string, left: string, right: string) {
  return `<table:table table:name="${name}" table:style-name="${name}"><table:table-column table:style-name="${name}.A"/><table:table-column table:style-name="${name}.B"/><table:table-row><table:table-cell table:style-name="C_none" office:value-type="string">${left || '<text:p/>'}</table:table-cell><table:table-cell table:style-name="C_none" office:value-type="string">${right || '<text:p/>'}</table:table-cell></table:table-row></table:table>`;
}

let HEAD: string | null = null;
/** A flat ODT with the fixtures' styles (header and signature as borderless two-column tables). */
export function toFodt(d: SynthDoc): string {
  HEAD ??= fs.readFileSync(path.join(HERE, 'fodt-head.xml'), 'utf8');
  const x: string[] = [HEAD];
  const left = p('VB_HeaderCell', linesXml(d.org, 'b')) + p('VB_HeaderRule', '') + p('VB_HeaderCell', esc(d.so)) + (d.subject.length ? p('VB_Trichyeu', linesXml(d.subject)) : '');
  const right = p('VB_HeaderCell', linesXml(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'], 'b')) + p('VB_HeaderRule', '') + p('VB_Date', linesXml([d.date], 'i'));
  x.push(twoCol('Tbl_Header', left, right), '\n');
  if (d.recipients.length) {
    x.push(p('VB_KinhGui', 'Kính gửi:'));
    for (const r of d.recipients) x.push(p('VB_KinhGuiItem', esc(r)));
  }
  for (const para of d.body) {
    if (para.style === 'heading') x.push(`<text:h text:style-name="Heading_20_2" text:outline-level="2">${runsXml(para.runs)}</text:h>`);
    else if (para.style === 'title') x.push(p('VB_AppTitle', runsXml(para.runs.map((r) => ({ ...r, f: 'b' as Fmt })))));
    else x.push(p('VB_Body', runsXml(para.runs)));
    x.push('\n');
  }
  const nn = p('VB_NoiNhanTitle', runsXml([{ t: 'Nơi nhận:', f: 'bi' }])) + d.noiNhan.map((l) => p('VB_NoiNhan', esc(l))).join('');
  const sign = p('VB_Sign', linesXml(d.signTitle, 'b')) + p('VB_Sign', '').repeat(4) + p('VB_Sign', runsXml([{ t: d.signer, f: 'b' }]));
  x.push(twoCol('Tbl_Sign', nn, sign), '\n');
  x.push('</office:text></office:body></office:document>\n');
  return x.join('');
}

// ---------------------------------------------------------------- building and caching
export interface CorpusOptions {
  n: number;
  seed?: number;
  /** Which renditions to make (txt is always made). */
  formats?: ('txt' | 'docx' | 'pdf')[];
  /** Parent folder (default output/bench). */
  root?: string;
  log?: (s: string) => void;
}

export interface Corpus {
  dir: string;
  n: number;
  files: Record<'txt' | 'docx' | 'pdf', string>;
  bytes: Partial<Record<'txt' | 'docx' | 'pdf', number>>;
}

const stem = (i: number) => `bench_${String(i).padStart(6, '0')}`;

export async function buildCorpus(o: CorpusOptions): Promise<Corpus> {
  const seed = o.seed ?? 20240601;
  const log = o.log ?? (() => {});
  const dir = path.join(o.root ?? path.join(ROOT, 'output', 'bench'), `corpus-n${o.n}-s${seed}-v${GENERATOR_VERSION}`);
  const files = { txt: path.join(dir, 'txt'), docx: path.join(dir, 'docx'), pdf: path.join(dir, 'pdf') };
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest: { formats: string[]; bytes: Corpus['bytes'] } = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, 'utf8')) : { formats: [], bytes: {} };
  const want = ['txt', ...(o.formats ?? []).filter((f) => f !== 'txt')] as ('txt' | 'docx' | 'pdf')[];
  const save = () => fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

  if (!manifest.formats.includes('txt')) {
    log(`making ${o.n} synthetic documents in ${path.relative(ROOT, dir)}/`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(files.txt, { recursive: true });
    const fodtDir = path.join(dir, 'fodt');
    fs.mkdirSync(fodtDir, { recursive: true });
    const pools = samplePools();
    const r = rng(seed);
    for (let i = 1; i <= o.n; i++) {
      const d = makeDoc(r, pools, i);
      fs.writeFileSync(path.join(files.txt, `${stem(i)}.txt`), toText(d));
      fs.writeFileSync(path.join(fodtDir, `${stem(i)}.fodt`), toFodt(d));
    }
    manifest.formats = ['txt'];
    manifest.bytes.txt = dirBytes(files.txt);
    save();
  }
  for (const fmt of ['docx', 'pdf'] as const) {
    if (!want.includes(fmt) || manifest.formats.includes(fmt)) continue;
    const from = fmt === 'docx' ? path.join(dir, 'fodt') : files.docx;
    const ext = fmt === 'docx' ? '.fodt' : '.docx';
    if (fmt === 'pdf' && !manifest.formats.includes('docx')) throw new Error('the PDFs are made from the DOCX files: make docx first');
    fs.rmSync(files[fmt], { recursive: true, force: true });
    fs.mkdirSync(files[fmt], { recursive: true });
    const inputs = fs.readdirSync(from).filter((f) => f.endsWith(ext)).sort().map((f) => path.join(from, f));
    const t0 = performance.now();
    log(`LibreOffice: ${inputs.length} ${ext.slice(1)} -> ${fmt} (once; cached in ${path.relative(ROOT, files[fmt])}/)`);
    await soffice(inputs, fmt, files[fmt], path.join(dir, 'lo'), log);
    const made = fs.readdirSync(files[fmt]).filter((f) => f.endsWith('.' + fmt)).length;
    if (made !== inputs.length) throw new Error(`LibreOffice made ${made} of ${inputs.length} ${fmt} files`);
    log(`  ${made} ${fmt} files in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    manifest.formats.push(fmt);
    manifest.bytes[fmt] = dirBytes(files[fmt]);
    save();
  }
  return { dir, n: o.n, files, bytes: manifest.bytes };
}

function dirBytes(d: string): number {
  return fs.readdirSync(d).reduce((s, f) => s + fs.statSync(path.join(d, f)).size, 0);
}

/** Convert in batches of 200 files, two LibreOffice instances at a time, each with its own profile. */
async function soffice(inputs: string[], fmt: 'docx' | 'pdf', outDir: string, profileRoot: string, log: (s: string) => void) {
  const filter = fmt === 'docx' ? 'docx:MS Word 2007 XML' : 'pdf:writer_pdf_Export';
  const chunks: string[][] = [];
  for (let i = 0; i < inputs.length; i += 200) chunks.push(inputs.slice(i, i + 200));
  let next = 0;
  let done = 0;
  const lanes = Math.min(2, os.availableParallelism());
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        const profile = 'file://' + path.join(profileRoot, `p${lane}`);
        await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...chunk]);
        done += chunk.length;
        log(`  ${done}/${inputs.length}`);
      }
    }),
  );
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (b) => (err += b));
    c.on('error', (e) => reject(new Error(`${cmd}: ${e.message} (install LibreOffice: bash scripts/setup.sh libreoffice)`)));
    c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.slice(0, 500)}`))));
  });
}

// `tsx scripts/bench/corpus.ts 50` writes a small corpus and prints one document
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const n = Number(process.argv[2] ?? 20);
  const c = await buildCorpus({ n, formats: (process.argv[3]?.split(',') as ('docx' | 'pdf')[]) ?? [], log: console.log });
  console.log(c);
}
