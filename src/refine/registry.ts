/**
 * The agency registry: one canonical spelling per body, abbreviations expanded
 * ("VP UBND tỉnh" -> "Văn phòng Ủy ban nhân dân tỉnh", "Sở TT&TT" -> "Sở Thông tin và
 * Truyền thông"), old tone placement made new ("Uỷ" -> "Ủy"). The text as written is kept
 * beside it in the record.
 */
import { createRequire } from 'node:module';
import { canonTone, fold } from '../normalise/unicode.js';
import { PROVINCIAL_BODIES, CENTRAL_BODIES } from './bodies.js';

// natural's index pulls in ~80 MB and reads .env; its distance module alone has no side effects.
const require = createRequire(import.meta.url);
const jaroWinkler = require('natural/lib/natural/distance/jaro-winkler_distance.js') as (a: string, b: string) => number;

const ABBR: [RegExp, string][] = [
  [/\bUBND\b/gu, 'Ủy ban nhân dân'],
  [/\bHĐND\b/gu, 'Hội đồng nhân dân'],
  [/\bMTTQ(?:VN)?\b/gu, 'Mặt trận Tổ quốc'],
  [/\bTT&TT\b|\bTTTT\b/gu, 'Thông tin và Truyền thông'],
  [/\bKH&ĐT\b|\bKHĐT\b/gu, 'Kế hoạch và Đầu tư'],
  [/\bKH&CN\b|\bKHCN\b/gu, 'Khoa học và Công nghệ'],
  [/\bTN&MT\b|\bTNMT\b/gu, 'Tài nguyên và Môi trường'],
  [/\bGD&ĐT\b|\bGDĐT\b/gu, 'Giáo dục và Đào tạo'],
  [/\bLĐ-TB&XH\b|\bLĐTBXH\b/gu, 'Lao động - Thương binh và Xã hội'],
  [/\bVH,?\s?TT&DL\b|\bVHTTDL\b/gu, 'Văn hóa, Thể thao và Du lịch'],
  [/\bNN&PTNT\b|\bNNPTNT\b/gu, 'Nông nghiệp và Phát triển nông thôn'],
  [/\bGTVT\b/gu, 'Giao thông vận tải'],
  [/\bBHXH\b/gu, 'Bảo hiểm xã hội'],
  [/\bTTPVHCC\b/gu, 'Trung tâm Phục vụ hành chính công'],
  [/^VP\b/gu, 'Văn phòng'],
  [/\bPCT\b/gu, 'Phó Chủ tịch'],
  [/\bCT\b(?=\s+Ủy ban|\s+UBND)/gu, 'Chủ tịch'],
];

const KNOWN = [...new Set([...PROVINCIAL_BODIES, ...CENTRAL_BODIES])].map((name) => ({ name, key: fold(name) }));
const cache = new Map<string, string>();

/**
 * The registry name of a body: abbreviations expanded, one tone placement, and a near
 * spelling of a known body snapped to it ("Bru điện tỉnh" -> "Bưu điện tỉnh"; Jaro-Winkler
 * on the folded names, only for small differences of length).
 */
export function canonicalAgency(name: string): string {
  const hit = cache.get(name);
  if (hit) return hit;
  let s = canonTone(name.normalize('NFC')).replace(/\s+/g, ' ').trim();
  for (const [re, full] of ABBR) s = s.replace(re, full);
  s = s.replace(/^(?:các|Các)\s+/u, 'các ');
  s = s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
  const key = fold(s);
  let best: { name: string; score: number } | null = null;
  for (const k of KNOWN) {
    if (k.key === key) {
      best = { name: k.name, score: 1 };
      break;
    }
    if (Math.abs(k.key.length - key.length) > 2) continue;
    const score = jaroWinkler(k.key, key);
    if (score >= 0.95 && (!best || score > best.score)) best = { name: k.name, score };
  }
  const out = best ? best.name : s;
  if (cache.size < 10000) cache.set(name, out);
  return out;
}
