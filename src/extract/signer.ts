/**
 * The signature block (Nghị định 30/2020/NĐ-CP, Điều 8): authority line ("TM. ỦY BAN NHÂN DÂN",
 * "KT. CHỦ TỊCH", "TL. CHỦ TỊCH", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC"; stacked forms take the last),
 * the signer's position ("PHÓ CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), and the name; "Nơi nhận:" and its list.
 */
import type { TextModel } from '../model/types.js';
import { allLines, finding, isUpper, type Finding } from './finding.js';

export interface Signer {
  name: string | null;
  position: string | null;
  authority: 'TM' | 'KT' | 'TL' | 'TUQ' | 'Q' | null;
}

const AUTH = /^(TM|KT|TL|TUQ|Q|T\/M|K\/T|T\/L|T\.M|K\.T|T\.L)\s*[.:]?\s+(.+)$/u;
const AUTH_CANON: Record<string, Signer['authority']> = { 'T/M': 'TM', 'K/T': 'KT', 'T/L': 'TL', 'T.M': 'TM', 'K.T': 'KT', 'T.L': 'TL' };
const POSITION = /^(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|PHÓ CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|THỨ TRƯỞNG|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|TRƯỞNG PHÒNG|CHÁNH THANH TRA|VIỆN TRƯỞNG|TỔNG GIÁM ĐỐC|CỤC TRƯỞNG|CHI CỤC TRƯỞNG|HIỆU TRƯỞNG|THỦ TRƯỞNG|BÍ THƯ|PHÓ BÍ THƯ|TRƯỞNG|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|KT\.?\s*CHỦ TỊCH)(?![\p{L}]).*$/u;
const NAME = /^(?:\p{Lu}[\p{Ll}]*)(?:\s+\p{Lu}[\p{Ll}]*){1,4}$/u;

export function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi').trim();
  // "chánh văn phòng" -> "Chánh Văn phòng"; "phó chủ tịch" -> "Phó Chủ tịch"
  return lower
    .replace(/^(phó\s+)?(\p{L})/u, (_m, p: string | undefined, c: string) => (p ? `Phó ${c.toLocaleUpperCase('vi')}` : c.toLocaleUpperCase('vi')))
    .replace(/^(Chánh|Phó Chánh)\s+văn/u, '$1 Văn');
}

export function extractSigner(model: TextModel): { signer: Finding<Signer> | null; distribution: Finding<string>[] } {
  const lines = allLines(model);
  const distribution: Finding<string>[] = [];
  // Nơi nhận list
  const ni = lines.findIndex((l) => /^Nơi nhận\s*:?/iu.test(l.text));
  if (ni >= 0) {
    for (let k = ni + 1; k < lines.length; k++) {
      const l = lines[k]!;
      if (!/^[-–+•]/.test(l.text)) break;
      const t = l.text.replace(/^[-–+•]\s*/, '').replace(/[;.,]\s*$/, '');
      distribution.push(finding(model, t, l.start, l.end, 'signer.distribution'));
    }
  }
  // authority lines from the end of the document (before any appendix)
  let idx = -1;
  let authority: Signer['authority'] = null;
  for (let k = lines.length - 1; k >= 0; k--) {
    const m = AUTH.exec(lines[k]!.text.trim());
    if (m && isUpper(m[2]!)) {
      idx = k;
      authority = AUTH_CANON[m[1]!] ?? (m[1] as Signer['authority']);
      // stacked: "TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH": the lower one is the signer's
      const next = lines[k + 1] && AUTH.exec(lines[k + 1]!.text.trim());
      if (next) {
        idx = k + 1;
        authority = AUTH_CANON[next[1]!] ?? (next[1] as Signer['authority']);
      }
      break;
    }
  }
  let posIdx = -1;
  if (idx >= 0) {
    const authText = AUTH.exec(lines[idx]!.text.trim())![2]!;
    const next = lines[idx + 1];
    if (next && isUpper(next.text) && POSITION.test(next.text.trim())) posIdx = idx + 1;
    else if (authority === 'TM') posIdx = -1;
    else posIdx = idx; // "KT. CHỦ TỊCH" alone: position from the line itself
    if (posIdx === idx && authority !== 'TM') void authText;
  } else {
    for (let k = lines.length - 1; k >= Math.max(0, lines.length - 40); k--) {
      const t = lines[k]!.text.trim();
      if (isUpper(t) && POSITION.test(t) && t.length < 40) {
        posIdx = k;
        break;
      }
    }
  }
  if (idx < 0 && posIdx < 0) return { signer: null, distribution };
  const anchor = Math.max(idx, posIdx);
  let position: string | null = null;
  if (posIdx >= 0) {
    const t = lines[posIdx]!.text.trim();
    position = sentenceCase(posIdx === idx ? AUTH.exec(t)![2]! : t);
  }
  // the name: the first personal-name line after the position, skipping the Nơi nhận list
  let name: string | null = null;
  let nameLine = lines[anchor]!;
  for (let k = anchor + 1; k < lines.length; k++) {
    const t = lines[k]!.text.trim();
    if (/^Nơi nhận/iu.test(t) || /^[-–+•]/.test(t)) continue;
    if (NAME.test(t) && !isUpper(t) && t.split(/\s+/).length >= 2) {
      name = t;
      nameLine = lines[k]!;
      break;
    }
    if (isUpper(t) && NAME.test(titleWords(t))) {
      name = titleWords(t);
      nameLine = lines[k]!;
      break;
    }
  }
  const start = lines[idx >= 0 ? idx : posIdx]!.start;
  return { signer: finding(model, { name, position, authority }, start, nameLine.end, 'signer.block'), distribution };
}

function titleWords(s: string): string {
  return s.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_m, sp: string, c: string) => sp + c.toLocaleUpperCase('vi'));
}
