/**
 * The agency registry: one canonical spelling per body, abbreviations expanded
 * ("VP UBND tỉnh" -> "Văn phòng Ủy ban nhân dân tỉnh", "Sở TT&TT" -> "Sở Thông tin và
 * Truyền thông"), old tone placement made new ("Uỷ" -> "Ủy"). The text as written is kept
 * beside it in the record.
 */
import { canonTone } from '../normalise/unicode.js';

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

export function canonicalAgency(name: string): string {
  let s = canonTone(name.normalize('NFC')).replace(/\s+/g, ' ').trim();
  for (const [re, full] of ABBR) s = s.replace(re, full);
  s = s.replace(/^(?:các|Các)\s+/u, 'các ');
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}
