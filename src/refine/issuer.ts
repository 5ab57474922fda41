/**
 * What the header of a document leaves out, inferred from the rest of it: the issuing body
 * of a document printed without its header block, and the place (địa danh) from a
 * provincial issuer.
 */
import type { Span, TextModel } from '../model/types.js';
import { fixPlace, canonicalProvince } from '../extract/header.js';
import type { Signer } from '../extract/signer.js';

const LEVEL = /(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN)\s+(tỉnh|thành phố|huyện|xã|phường|quận|thị xã)(?:\s+([\p{Lu}][\p{L}]*(?:\s+[\p{Lu}][\p{L}]*){0,3}))?/u;

/**
 * The issuing body of a document printed without its header block, from what the text says:
 * "Ủy ban nhân dân tỉnh X ban hành Kế hoạch ...", the signature "TM. ỦY BAN NHÂN DÂN" or
 * "KT. CHỦ TỊCH" with "Chủ tịch UBND tỉnh" in the body, and the place of the date line.
 */
export function inferIssuer(model: TextModel, place: string | null, signer: Signer | null): { issuer: string; rule: string; span: Span } | null {
  const text = model.text;
  const issues = /((?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)\s+(?:tỉnh|thành phố|huyện|xã|phường|quận|thị xã)(?:\s+[\p{Lu}][\p{L}]*){0,3})\s+ban hành\s+(?:Kế hoạch|Quyết định|Chỉ thị|Chương trình|Đề án|Quy chế|Quy định|Hướng dẫn|Phương án)/u.exec(text);
  if (issues) {
    const name = fixPlace(issues[1]!.replace(/^UBND/u, 'Ủy ban nhân dân').replace(/^HĐND/u, 'Hội đồng nhân dân').replace(/^Uỷ/u, 'Ủy'));
    return { issuer: name, rule: 'header.issuerFromBody', span: { start: issues.index, end: issues.index + issues[1]!.length } };
  }
  const level = LEVEL.exec(text);
  const who = signer?.position ?? '';
  if (level && (/Chủ tịch/u.test(who) || /(?:TM|KT)\.\s*(?:ỦY BAN NHÂN DÂN|CHỦ TỊCH)/u.test(text))) {
    const where = place ?? level[2] ?? null;
    if (!where) return null;
    return { issuer: fixPlace(`Ủy ban nhân dân ${level[1]} ${where}`), rule: 'header.issuerInferred', span: { start: level.index, end: level.index + level[0].length } };
  }
  return null;
}

/**
 * Nghị định 30/2020/NĐ-CP, Phụ lục I: the địa danh of a provincial body's document is the
 * province's name ("Ủy ban nhân dân tỉnh Tuyên Quang" -> "Tuyên Quang").
 */
export function placeFromIssuer(issuer: string): string | null {
  const prov = /(?:tỉnh|thành phố)\s+(.+)$/u.exec(issuer);
  return prov ? canonicalProvince(prov[1]!) || null : null;
}
