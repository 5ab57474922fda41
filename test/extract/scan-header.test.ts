/**
 * Printed header fields of scans (corpus/real/scan): the symbol after a handwritten number, a
 * symbol's letters tesseract takes for others, and the signature block as OCR reads it under a
 * seal and a signature. Must-match and must-not-match cases for each rule, written the way the
 * real scans print them (Nghị định 30/2020/NĐ-CP: symbol = type + issuer (+ unit); signer block =
 * authority / position / signature / full name) and the way tesseract misreads them.
 */
import { describe, expect, it } from 'vitest';
import { model } from '../helpers.js';
import type { TextModel } from '../../src/model/types.js';
import { extractHeader, repairScannedSymbol } from '../../src/extract/header.js';
import { extractSigner, scannedName, spellTitle } from '../../src/extract/signer.js';
import { extract } from '../../src/extract/index.js';
import { isNoiNhanLabel, startsNoiNhan } from '../../src/extract/words/noinhan.js';

const asScan = (m: TextModel): TextModel => ({ ...m, format: 'scan' });
const scanHeader = (text: string) => extractHeader(asScan(model(text)));
const BODY = '\n\nV/v tham gia ý kiến\n\nKính gửi: UBND các tỉnh\n\nĐề nghị các cơ quan triển khai thực hiện./.\n\n';

describe('the symbol after a number written by hand (scans)', () => {
  it('reads the printed symbol after the marks the number left, its slash misread or lost; the number stays null, said in a diagnostic', () => {
    for (const [line, symbol] of [
      ['Số: 34M0 BCA-C04', 'BCA-C04'],
      ['Số: 4 Ý 1 }BCA-C04', 'BCA-C04'],
      ['Só:#5⁄CAT-PA05', 'CAT-PA05'],
      ['Số: s¿€Ê /TTr-CAT-PC04', 'TTr-CAT-PC04'],
    ] as const) {
      const h = scanHeader(`BỘ CÔNG AN\n\n${line}${BODY}`);
      expect(h.symbol?.value, line).toBe(symbol);
      expect(h.number?.value ?? null, line).toBeNull();
      expect(h.diagnostics?.some((d) => d.ruleId === 'header.scannedSymbol'), line).toBe(true);
    }
    // the whole record: the diagnostic reaches it
    const x = extract(asScan(model(`BỘ CÔNG AN\n\nSố: 34M0 BCA-C04${BODY}`)));
    expect(x.fields.symbol).toBe('BCA-C04');
    expect(x.diagnostics.some((d) => d.ruleId === 'header.scannedSymbol' && /could not be read/.test(d.message))).toBe(true);
  });
  it('takes digits alone before the symbol for the number, its slash lost to the symbol\'s first letter ("/B" read as "Đ")', () => {
    // the handwriting reader (src/parse/digits.ts) wrote the number it read from the ink in the slot
    const h = scanHeader(`BỘ CÔNG AN\n\nSố: 4409 ĐCA-C04${BODY}`);
    expect([h.number?.value, h.symbol?.value]).toEqual(['4409', 'BCA-C04']);
    expect(h.diagnostics?.some((d) => d.ruleId === 'header.scannedSymbol')).toBe(false);
    // marks that are not all digits stay unread
    expect(scanHeader(`BỘ CÔNG AN\n\nSố: 44O9 ĐCA-C04${BODY}`).number?.value ?? null).toBeNull();
  });
  it('must not: take a word for a symbol (no hyphened abbreviations), or read a text layer this way', () => {
    for (const line of ['Số: 15 người tham dự', 'Số: Ý kiến của các sở', 'Số lượng: 02 đồng chí']) {
      expect(scanHeader(`BỘ CÔNG AN\n\n${line}${BODY}`).symbol, line).toBeNull();
    }
    // a text layer has no handwritten number: its number line is read as printed, or not at all
    expect(extractHeader(model(`BỘ CÔNG AN\n\nSố: 34M0 BCA-C04${BODY}`)).symbol).toBeNull();
  });
  it('a number read as 0 is no number (documents are numbered from 1): null, with a diagnostic', () => {
    const h = scanHeader(`CÔNG AN TỈNH LÂM ĐỒNG\n\nSố: 0 /BCĐX-CAT(PC04)${BODY}`);
    expect(h.number?.value ?? null).toBeNull();
    expect(h.symbol?.value).toBe('BCĐX-CAT(PC04)');
    expect(h.diagnostics?.some((d) => /numbered 0/.test(d.message))).toBe(true);
    expect(scanHeader(`CÔNG AN TỈNH LÂM ĐỒNG\n\nSố: 03/BCĐX-CAT(PC04)${BODY}`).number?.value).toBe('03');
  });
});

describe('a symbol\'s letters read as their look-alikes (scans)', () => {
  it('a letter doubled in the type\'s abbreviation: QĐĐ is QĐ', () => {
    expect(repairScannedSymbol('QĐĐ-UBND', ['ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG'])).toBe('QĐ-UBND');
    const h = scanHeader(`ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 4⁄6 /QĐĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc thành lập Hội đồng${BODY}`);
    expect(h.symbol?.value).toBe('QĐ-UBND');
    expect(h.diagnostics?.some((d) => d.ruleId === 'header.symbolRepair')).toBe(true);
  });
  it('one letter of the issuer\'s initials read as its look-alike, where the header names the issuer', () => {
    expect(repairScannedSymbol('ĐCA-C04', ['BỘ CÔNG AN'])).toBe('BCA-C04');
    expect(repairScannedSymbol('C0NG-UBND', ['ỦY BAN NHÂN DÂN'])).toBe('C0NG-UBND');
    expect(repairScannedSymbol('UBNĐ-VP', ['ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG'])).toBe('UBND-VP');
    expect(repairScannedSymbol('TTr-CAT-PC04', ['BỘ CÔNG AN', 'CÔNG AN TỈNH LÂM ĐỒNG'])).toBe('TTr-CAT-PC04');
    expect(scanHeader(`BỘ CÔNG AN\n\nSố: 34M0 ĐCA-C04${BODY}`).symbol?.value).toBe('BCA-C04');
  });
  it('must not: change a symbol that is what it should be, differs by a letter that is no look-alike, or has no name to follow', () => {
    expect(repairScannedSymbol('TTr-SNV', ['SỞ NỘI VỤ'])).toBe('TTr-SNV');
    expect(repairScannedSymbol('TTg-KGVX', [])).toBe('TTg-KGVX');
    expect(repairScannedSymbol('BCĐX-CAT(PC04)', ['BỘ CÔNG AN', 'CÔNG AN TỈNH LÂM ĐỒNG'])).toBe('BCĐX-CAT(PC04)');
    expect(repairScannedSymbol('BCT-C04', ['BỘ CÔNG AN'])).toBe('BCT-C04');
    expect(repairScannedSymbol('ĐCA-C04', ['SỞ NỘI VỤ'])).toBe('ĐCA-C04');
    expect(repairScannedSymbol('VNPT-LĐG-NSTH', ['TẬP ĐOÀN BƯU CHÍNH VIỄN THÔNG VIỆT NAM', 'VIỄN THÔNG LÂM ĐỒNG'])).toBe('VNPT-LĐG-NSTH');
    // a text layer's symbol is never repaired
    expect(extractHeader(model(`BỘ CÔNG AN\n\nSố: 12/ĐCA-C04${BODY}`)).symbol?.value).toBe('ĐCA-C04');
  });
});

describe('the signature block as a scan reads it', () => {
  const NOI_NHAN = 'Nơi nhận:\n- Như kính gửi;\n- Lưu: VT, PC04 (Đ1).\n\n';
  const signer = (tail: string, scan = true) => {
    const m = model(`CÔNG AN TỈNH LÂM ĐỒNG\n\nSố: 12/TTr-CAT-PC04${BODY}${tail}`);
    return extractSigner(scan ? asScan(m) : m).signer?.value ?? null;
  };
  it('title words with their tone marks misread, or a letter read twice, are the title (spelled right)', () => {
    expect(signer(`${NOI_NHAN}GIÁM ĐÓC\n\nThiếu tướng Trương Minh Đương`)).toEqual({ name: 'Trương Minh Đương', position: 'Giám đốc', authority: null });
    expect(signer(`${NOI_NHAN}KT.GIÁM ĐÓC\nPRÓ GIÁM ĐÓỎÓC\n\nThượng tá Phạm Thanh Hùng`)).toEqual({ name: 'Phạm Thanh Hùng', position: 'Phó Giám đốc', authority: 'KT' });
    expect(signer(`${NOI_NHAN}KT. CHỦ TỊCH\nPHÓ CHU TỊCH\n\nNguyễn Ngọc Phúc`)).toEqual({ name: 'Nguyễn Ngọc Phúc', position: 'Phó Chủ tịch', authority: 'KT' });
    expect(spellTitle('PHO GIÁM ĐỌC SƠ NỌI VỤ')).toBe('PHÓ GIÁM ĐỐC SƠ NỌI VỤ');
    expect(spellTitle('GIÁM ĐÓỎÓC')).toBe('GIÁM ĐỐC');
  });
  it('must not: respell a title printed right, or take a name in capitals for a title', () => {
    expect(spellTitle('THỨ TRƯỞNG')).toBe('THỨ TRƯỞNG');
    expect(spellTitle('THỦ TRƯỞNG')).toBe('THỦ TRƯỞNG');
    expect(spellTitle('PHÓ CHỦ TỊCH UBND TỈNH')).toBe('PHÓ CHỦ TỊCH UBND TỈNH');
    expect(signer(`${NOI_NHAN}KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nTRƯƠNG MINH ĐƯƠNG`)).toEqual({ name: 'Trương Minh Đương', position: 'Thứ trưởng', authority: 'KT' });
  });
  it('a rank whose grade the scan misread is still a rank, not part of the name', () => {
    expect(scannedName('Thiêu tướng Trương Minh Đương')).toBe('Trương Minh Đương');
    expect(scannedName('Thuợng tá Phạm Thanh Hùng')).toBe('Phạm Thanh Hùng');
    expect(scannedName('Đại tá Nguyễn Văn Cường')).toBe('Nguyễn Văn Cường');
    // must not: a given name is never in small letters, so no name loses its first word
    expect(scannedName('Lê Tá Hùng')).toBe('Lê Tá Hùng');
  });
  it('marks a stroke or the seal left before the name are not part of it; a list\'s dash is not such a mark', () => {
    expect(scannedName('` 8ï Nguyễn Văn Cường')).toBe('Nguyễn Văn Cường');
    expect(scannedName('-_ Thượng tá Phạm Thanh Hùng')).toBe('Phạm Thanh Hùng');
    expect(scannedName('——Ñ Tặng tá Phạm Thanh Hùng')).toBe('Phạm Thanh Hùng');
    expect(scannedName('- Nguyễn Văn An')).toBeNull();
    expect(scannedName('- Đ/c Nguyễn Văn An;')).toBeNull();
    expect(signer(`${NOI_NHAN}KT.CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n\n\` 8ï Nguyễn Văn Cường`)).toEqual({ name: 'Nguyễn Văn Cường', position: 'Phó Cục trưởng', authority: 'KT' });
    // a text layer prints no such marks: a line with them is no name there
    expect(signer(`${NOI_NHAN}KT.CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n\n\` 8ï Nguyễn Văn Cường`, false)?.name ?? null).toBeNull();
  });
  it('the Nơi nhận list goes on past the title read into its column', () => {
    const d = extractSigner(asScan(model(`CÔNG AN TỈNH LÂM ĐỒNG\n\nSố: 12/TTr-CAT-PC04${BODY}Nơi nhận:\n. GIÁM ĐÓC\n- Như kính gửi;\n- Lưu: VT, PC06 (Đ1).\n\nThiếu tướng Trương Minh Đương`))).distribution.map((x) => x.value);
    expect(d).toEqual(['Như kính gửi', 'Lưu: VT, PC06 (Đ1)']);
    // the other column's title and the marks a stroke left, read onto the entries' ends, and the signer's name under the list
    const g = extractSigner(asScan(model(`CÔNG AN TỈNH LÂM ĐỒNG\n\nSố: 12/CAT-PA05${BODY}Nơi nhận: - KT.GIÁM ĐÓC\n- Như trên (để phối hợp): „nu PHÓ GIÁM ĐỌC\n- D/c GĐCAT (đề báo cáo); S<\n- C04, V01, H01 (để thực hiện), _\n- Lưu VT, PA05(Đ1,Đ2). =\n-_ Thượng tá Phạm Thanh Hùng`)));
    expect(g.distribution.map((x) => x.value)).toEqual(['Như trên (để phối hợp):', 'D/c GĐCAT (đề báo cáo)', 'C04, V01, H01 (để thực hiện)', 'Lưu VT, PA05(Đ1,Đ2)']);
    expect(g.signer?.value).toEqual({ name: 'Phạm Thanh Hùng', position: 'Phó Giám đốc', authority: 'KT' });
    // must not: cut an entry's own words or codes after its punctuation, or a text layer's entry
    const k = extractSigner(asScan(model(`${BODY}Nơi nhận:\n- Lưu: VT, V01(P3).\n- CA các tỉnh, TP trực thuộc TW (đê t/hiện);\n- Đ/c Đại tá Nguyễn Tường Vũ - PGĐCA tỉnh;\n\nGIÁM ĐỐC\n\nLê Văn An`))).distribution.map((x) => x.value);
    expect(k).toEqual(['Lưu: VT, V01(P3)', 'CA các tỉnh, TP trực thuộc TW (đê t/hiện)', 'Đ/c Đại tá Nguyễn Tường Vũ - PGĐCA tỉnh']);
    expect(extractSigner(model(`${BODY}Nơi nhận:\n- D/c GĐCAT (đề báo cáo); S<\n- Lưu: VT.`)).distribution.map((x) => x.value)).toEqual(['D/c GĐCAT (đề báo cáo); S<', 'Lưu: VT']);
    // must not: a line of the body after the list is not part of it
    const e = extractSigner(model(`${BODY}Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCông văn này thay thế công văn trước.`)).distribution.map((x) => x.value);
    expect(e).toEqual(['Như trên', 'Lưu: VT']);
  });
});

describe('the Nơi nhận list as a scan\'s OCR reads it (src/extract/words/noinhan.ts)', () => {
  it('knows the label within two letters of "Nơi nhận", and the list by its first entry "- Như trên;"', () => {
    for (const t of ['Nơi nhận:', '*Nơi nhận:*', 'MNWi nhận:', 'Nơi nhậm', 'Nơi nhật - Như trên;', 'ơi nhận:', 'Nơi nhân:', 'Nơinhận:']) expect(isNoiNhanLabel(t), t).toBe(true);
    for (const t of ['- Như trên;', '- Như Điều 3;', '- Như khoản 2 Điều 1;', '- Như trên (để thực hiện);']) expect(startsNoiNhan(t), t).toBe(true);
  });
  it('must not: a form\'s "Người nhận:", a sentence that starts "Mới nhận ...", or an item that compares ("- Như trên địa bàn ... đã triển khai ...")', () => {
    for (const t of ['Người nhận: Nguyễn Văn A', 'Mới nhận được văn bản', 'Nội dung: như sau', 'Nơi ở hiện nay:']) expect(startsNoiNhan(t), t).toBe(false);
    expect(startsNoiNhan('- Như trên địa bàn tỉnh đã triển khai nhiều mô hình hiệu quả, các xã tiếp tục nhân rộng.')).toBe(false);
  });
  it('ends the tasks at a list whose label the OCR misread: its entries are no tasks', () => {
    const letter = (label: string) => `SỞ TƯ PHÁP\n\nSố: 604/STP-BTTP\n\nV/v góp ý hồ sơ\n\nKính gửi: Hội công chứng viên tỉnh\n\nSở Tư pháp đề nghị như sau:\n\n1. Hội công chứng viên hoàn thiện hồ sơ trước ngày 30/9/2025.\n\n${label}\n\n- Như trên;\n\n- Giám đốc;\n\n- Lưu: VT, BTTP.\n\nKT. GIÁM ĐỐC\n\nPHÓ GIÁM ĐỐC\n\nTrần Văn An\n`;
    for (const label of ['MNWi nhận:', 'Nơi nhậm', 'Ta']) {
      const x = extract(asScan(model(letter(label))));
      expect(x.tasks.map((t) => t.text.slice(0, 30)), label).toEqual(['Hội công chứng viên hoàn thiện']);
    }
  });
});

describe('issuer lines whose tones a scan changed', () => {
  it('writes a ministry\'s or a department\'s name as it is written when its letters without tones are that name, and reads "UBND TĨNH" as "UBND TỈNH"', () => {
    for (const [lines, issuer] of [
      ['UBND TĨNH LÂM ĐÔNG\nSƠ NỌI VỤ', 'Sở Nội vụ tỉnh Lâm Đồng'],
      ['..UBND TÍNH LÂM ĐÔNG\nSƠ NÔNG NGHIỆP VÀ MÔI TRƯỜNG', 'Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng'],
      ['UBND TỈNH LÂM ĐÒNG__\nSỞ NỘI VỤ', 'Sở Nội vụ tỉnh Lâm Đồng'],
      ['BỌ NỘI VỤ', 'Bộ Nội vụ'],
    ] as const) {
      expect(scanHeader(`${lines}\n\nSố: 12/SNV-VP${BODY}`).issuer?.value, lines).toBe(issuer);
    }
  });
  it('reads "ỦY BAN NHÂNDÂN" run together as "ỦY BAN NHÂN DÂN", and the type "TIr" of a symbol as "TTr" (Word letters printed and scanned)', () => {
    expect(scanHeader(`ỦY BAN NHÂNDÂN\nTỈNH LÂM ĐỒNG${BODY}`).issuer?.value).toBe('Ủy ban nhân dân tỉnh Lâm Đồng');
    expect(scanHeader(`SỞ NỘI VỤ\n\nSố: 166/TIr-SNV${BODY}`).symbol?.value).toBe('TTr-SNV');
    // (a text layer is read as printed)
    expect(extractHeader(model(`SỞ NỘI VỤ\n\nSố: 166/TIr-SNV${BODY}`)).symbol?.value).toBe('TIr-SNV');
  });
  it('must not: a body whose name only starts like a known one keeps its own words ("SỞ NỘI VỤ" is not made of "HỘI ĐỒNG ...")', () => {
    expect(scanHeader(`UBND TỈNH LÂM ĐỒNG\nHỘI ĐỒNG THẨM ĐỊNH\n\nSố: 95/TTr-HĐTĐ${BODY}`).issuer?.value).toBe('Hội đồng thẩm định tỉnh Lâm Đồng');
  });
});

describe('an alias a scan misread ("gọi tất là" for "gọi tắt là")', () => {
  it('still names the bodies the lead-in gave it', () => {
    const text = (alias: string) => `BỘ NỘI VỤ\n\nSố: 120/BNV-CCHC\n\nV/v hướng dẫn\n\nKính gửi:\n\n- Các bộ, cơ quan ngang bộ;\n\n- Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương.\n\nBộ Nội vụ hướng dẫn các bộ, cơ quan ngang bộ (${alias} bộ) và Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương (${alias} tỉnh) thực hiện một số nội dung như sau:\n\n1. Các bộ, tỉnh rà soát và gửi kết quả tự đánh giá về Bộ Nội vụ trước ngày 20/12/2025.\n\nNơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n`;
    for (const alias of ['gọi tắt là', 'gọi tất là', 'gọi tặt là', 'gọi tât là']) {
      expect(extract(asScan(model(text(alias)))).tasks.map((t) => t.lead.map((l) => l.name)), alias).toEqual([['các bộ, cơ quan ngang bộ', 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']]);
    }
  });
  it('a short name whose tones the scan changed still stands for the full name ("viết tắt là Đội ứng cứu sự cổ")', () => {
    const text = 'ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 1793/QĐ-UBND\n\nLâm Đồng, ngày 25 tháng 9 năm 2025\n\nQUYẾT ĐỊNH\n\nVề việc kiện toàn Đội ứng cứu sự cố\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Đổi tên Đội ứng cứu sự cố mạng, máy tính tỉnh Lâm Đồng thành Đội ứng cứu sự cố an toàn thông tin mạng tỉnh Lâm Đồng.\n\nĐiều 2. Kiện toàn Đội ứng cứu sự cố an toàn thông tin mạng tỉnh Lâm Đồng (sau đây viết tắt là Đội ứng cứu sự cổ) gồm 17 thành viên.\n\nĐiều 3. Nhiệm vụ của Đội ứng cứu sự cố:\n\n1. Là đầu mối của tỉnh, phối hợp với các bộ phận ứng cứu sự cố của các cơ quan.\n\n2. Đề xuất các giải pháp nâng cao hiệu quả công tác ứng cứu sự cố.\n\nNơi nhận:\n\n- Như Điều 3;\n\n- Lưu: VT.\n';
    const leads = extract(asScan(model(text))).tasks.map((t) => t.lead.map((l) => l.name));
    expect(leads).toEqual([['Đội ứng cứu sự cố an toàn thông tin mạng tỉnh Lâm Đồng'], ['Đội ứng cứu sự cố an toàn thông tin mạng tỉnh Lâm Đồng']]);
  });
});

describe('two Kính gửi bullets a portal ran into one line (heldout57)', () => {
  it('are two recipients, and the letter\'s request to "Quý cơ quan" names the bodies of both', () => {
    const text = 'BỘ KHOA HỌC VÀ CÔNG NGHỆ\n\nSố: 2655/BKHCN-TCCB\n\nV/v báo cáo tình hình thực hiện Nghị định\n\nHà Nội, ngày 29 tháng 08 năm 2013\n\nKính gửi:\n\n- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ; - Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương;\n- Các Tập đoàn kinh tế.\n\nBộ Khoa học và Công nghệ đề nghị Quý cơ quan báo cáo tình hình thực hiện Nghị định trước ngày 15/9/2013.\n\nNơi nhận:\n- Như trên;\n- Lưu VT.\n';
    const x = extract(model(text));
    expect(x.fields.recipients).toEqual(['Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ', 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', 'Các Tập đoàn kinh tế']);
  });
  it('must not: a semicolon inside one entry that no bullet follows', () => {
    const text = 'BỘ NỘI VỤ\n\nSố: 12/BNV-VP\n\nV/v báo cáo\n\nKính gửi:\n\n- Các Bộ, cơ quan ngang Bộ; cơ quan thuộc Chính phủ;\n- Ủy ban nhân dân các tỉnh.\n\nĐề nghị Quý cơ quan báo cáo trước ngày 15/9/2013.\n\nNơi nhận:\n- Như trên;\n- Lưu VT.\n';
    expect(extract(model(text)).fields.recipients).toEqual(['Các Bộ, cơ quan ngang Bộ; cơ quan thuộc Chính phủ', 'Ủy ban nhân dân các tỉnh']);
  });
});
