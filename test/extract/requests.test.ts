/**
 * How a letter without numbered items asks (issue 11, points 9-10), written the way Nghị định
 * 30/2020/NĐ-CP lays letters out and portals copy them: a công điện's "<SENDER> điện:", the
 * paragraph that asks kept whole, a letter that only tells of another letter's request, a lead-in
 * that ends with the bodies it charges, the paragraphs after "... yêu cầu:", the closing "yêu cầu
 * ... khẩn trương tổ chức thực hiện", a paragraph that goes on with the request before it, and a
 * decision's closing clause wrapped onto a line of its own.
 */
import { describe, it, expect } from 'vitest';
import { model } from '../helpers.js';
import { extract } from '../../src/extract/index.js';
import { isClosing } from '../../src/extract/tasks.js';
import { leadOf, supportOf } from '../../src/extract/agencies.js';

const run = (text: string) => extract(model(text));
const tasks = (text: string) => run(text).tasks.map((t) => ({ text: t.text, lead: t.lead.map((l) => l.name), deadline: t.deadline && [t.deadline.kind, t.deadline.date] }));

const TOP = 'ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nSố: 812/UBND-NC\nV/v phòng, chống bão số 3\nNinh Bình, ngày 05 tháng 9 năm 2024\n';
const END = '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Minh\n';

describe('a công điện whose sender and "điện:" share a line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:")', () => {
  const cd = (sender: string, body: string) => `ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 05/CĐ-UBND\nNinh Bình, ngày 05 tháng 9 năm 2024\nCÔNG ĐIỆN\n${sender}\n- Giám đốc Sở Nông nghiệp và Phát triển nông thôn;\n- Chủ tịch Ủy ban nhân dân các huyện, thành phố.\n${body}${END}`;
  const body = 'Bão số 3 đang đi vào vùng biển phía Bắc, gió mạnh cấp 12.\n\nTôi đề nghị Giám đốc Sở Nông nghiệp và Phát triển nông thôn và Chủ tịch Ủy ban nhân dân các huyện, thành phố tổ chức kiểm tra đê điều, sơ tán dân ở vùng trũng trước 17 giờ ngày 06/9/2024.\n';
  it('reads the lines after it as recipients and the paragraph that asks as a task', () => {
    for (const sender of ['CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:', 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐIỆN:']) {
      const r = run(cd(sender, body));
      expect(r.fields.recipients).toEqual(['Giám đốc Sở Nông nghiệp và Phát triển nông thôn', 'Chủ tịch Ủy ban nhân dân các huyện, thành phố']);
      expect(r.tasks.map((t) => [t.text.slice(0, 20), t.deadline?.date])).toEqual([['Tôi đề nghị Giám đốc', '2024-09-06']]);
    }
  });
  it('takes no recipients from a capitalised line that only ends in a word like "điện" without its colon', () => {
    expect(run(cd('CÔNG TY ĐIỆN LỰC NINH BÌNH VÀ CÁC ĐƠN VỊ NGÀNH ĐIỆN', body)).fields.recipients).toEqual([]);
  });
});

describe('a letter\'s paragraph that asks after background sentences', () => {
  const letter = (para: string) => `${TOP}Kính gửi:\n- Sở Tài chính;\n- Sở Nội vụ.\n\n${para}${END}`;
  it('is one task, the whole paragraph, its doers and time read from where it asks', () => {
    const para = 'Thực hiện Kế hoạch số 21/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân tỉnh, các cơ quan đã tổ chức rà soát biên chế năm 2024. Để tổng hợp báo cáo Bộ Nội vụ, Ủy ban nhân dân tỉnh đề nghị Sở Tài chính, Sở Nội vụ báo cáo kết quả rà soát trước ngày 20/9/2024.';
    expect(tasks(letter(para))).toEqual([{ text: para, lead: ['Sở Tài chính', 'Sở Nội vụ'], deadline: ['by', '2024-09-20'] }]);
  });
  it('starts the task at a sentence that opens with the ask ("Đề nghị quý cơ quan ...") after the background', () => {
    const ask = 'Đề nghị quý cơ quan nghiên cứu, có ý kiến về dự thảo Quyết định trước ngày 20/9/2024.';
    expect(tasks(letter(`Căn cứ Luật Ban hành văn bản quy phạm pháp luật, Sở Tư pháp đã hoàn thiện dự thảo Quyết định (hồ sơ gửi kèm). ${ask}`)))
      .toEqual([{ text: ask, lead: ['Sở Tài chính', 'Sở Nội vụ'], deadline: ['by', '2024-09-20'] }]);
  });
  it('takes no task from a paragraph that tells of another body\'s letter and its request', () => {
    const told = 'Bộ Nội vụ có Công văn số 4512/BNV-TCBC ngày 02 tháng 9 năm 2024 gửi Ủy ban nhân dân tỉnh đề nghị báo cáo số lượng biên chế công chức năm 2024.';
    const own = 'Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ tổng hợp số liệu trước ngày 15/9/2024.';
    expect(tasks(letter(`${told}\n\n${own}`)).map((t) => t.text)).toEqual([own]);
    // the same words as this letter's own request are still a task
    expect(tasks(letter('Ủy ban nhân dân tỉnh đề nghị Sở Nội vụ báo cáo số lượng biên chế công chức năm 2024 trước ngày 15/9/2024.')).length).toBe(1);
  });
  it('gives a paragraph that names no doer the doers of the request before it', () => {
    const r = tasks(letter('Ủy ban nhân dân tỉnh đề nghị Sở Tài chính xây dựng báo cáo đánh giá kết quả thực hiện chính sách tinh giản biên chế.\n\n(Đề cương báo cáo kèm theo)\n\nBáo cáo gửi về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 30/9/2024 để tổng hợp.'));
    expect(r.map((t) => [t.lead, t.deadline])).toEqual([[['Sở Tài chính'], null], [['Sở Tài chính'], ['by', '2024-09-30']]]);
  });
});

describe('a lead-in that ends with the bodies it charges ("... giao Sở X:")', () => {
  const letter = (leadIn: string) => `${TOP}Kính gửi:\n- Sở Xây dựng;\n- Công an tỉnh;\n- Ủy ban nhân dân các huyện.\n\n${leadIn}\n\n- Chủ trì, phối hợp với Công an tỉnh kiểm tra an toàn các công trình nhà cao tầng.\n\n- Theo dõi, đôn đốc và gửi kết quả kiểm tra về Ủy ban nhân dân tỉnh.${END}`;
  it('gives every item under it to those bodies', () => {
    for (const verb of ['giao', 'đề nghị', 'yêu cầu']) {
      expect(tasks(letter(`Thực hiện chỉ đạo của Bộ Xây dựng tại Công văn số 1203/BXD-GĐ ngày 20/8/2024, Ủy ban nhân dân tỉnh ${verb} Sở Xây dựng:`)).map((t) => t.lead)).toEqual([['Sở Xây dựng'], ['Sở Xây dựng']]);
    }
  });
  it('does not take a topic after the verb for a body', () => {
    expect(tasks(letter('Ủy ban nhân dân tỉnh yêu cầu thực hiện các nội dung sau:')).map((t) => t.lead)).not.toContainEqual(['thực hiện các nội dung sau']);
  });
});

describe('the paragraphs after a lead-in that asks ("... yêu cầu:") and the closing request', () => {
  const letter = (paras: string[]) => `${TOP}Kính gửi: Ủy ban nhân dân các huyện, thành phố.\n\nĐể bảo đảm an toàn cho người dân trong mùa mưa bão năm 2024, Ủy ban nhân dân tỉnh yêu cầu:\n\n${paras.join('\n\n')}${END}`;
  it('takes a paragraph whose subject is a body as a task; the closing "đề nghị ... kịp thời triển khai thực hiện" as none', () => {
    const asked = 'Ủy ban nhân dân các huyện, thành phố kiểm tra, gia cố nhà ở của hộ nghèo, hoàn thành trước ngày 30/9/2024.';
    expect(tasks(letter([asked, 'Ủy ban nhân dân tỉnh đề nghị các địa phương kịp thời triển khai thực hiện./.'])))
      .toEqual([{ text: asked, lead: ['Ủy ban nhân dân các huyện, thành phố'], deadline: ['by', '2024-09-30'] }]);
  });
  it('takes no task from a paragraph of facts after it', () => {
    expect(tasks(letter(['Năm 2023, mưa lũ đã làm hư hỏng 1.200 ngôi nhà trên địa bàn tỉnh.']))).toEqual([]);
  });
  it('keeps a closing-like request that goes on to say what to do', () => {
    const asked = 'Ủy ban nhân dân tỉnh yêu cầu Ủy ban nhân dân các huyện, thành phố khẩn trương thực hiện việc sơ tán dân ở vùng trũng trước ngày 10/9/2024.';
    expect(tasks(letter([asked])).map((t) => t.text)).toEqual([asked]);
  });
});

describe('a decision\'s closing clause wrapped onto a line of its own (text copied without blank lines)', () => {
  it('ends the article it belongs to: no task from the thi hành article', () => {
    const text = 'ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 15/QĐ-UBND\nNinh Bình, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc của Tổ công tác\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế làm việc\ncủa Tổ công tác.\nĐiều 2. Giao Sở Nội vụ hướng dẫn, kiểm tra việc thực hiện Quyết định này.\nĐiều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc\ncác Sở, ban, ngành; Chủ tịch Ủy ban nhân dân các huyện và các\ncơ quan, đơn vị có liên quan căn cứ Quyết định thi hành.\nQuyết định này có hiệu lực kể từ ngày\nký ban hành./.\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nCHỦ TỊCH\nTrần Văn Minh\n';
    expect(tasks(text).map((t) => [t.text, t.lead])).toEqual([['Giao Sở Nội vụ hướng dẫn, kiểm tra việc thực hiện Quyết định này.', ['Sở Nội vụ']]]);
  });
});

describe('an agency heading over lettered items that name no doer ("2. Đối với Ủy ban nhân dân các huyện:", or unnumbered)', () => {
  const letter = (h1: string, h2: string) => `${TOP}Kính gửi:\n- Các sở, ban, ngành;\n- Ủy ban nhân dân các huyện.\n\nĐể chủ động ứng phó với bão số 3 và mưa lớn sau bão, bảo đảm an toàn tính mạng và tài sản của người dân, Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị thực hiện các nội dung sau:\n${h1}\na) Kiểm tra hệ thống đê điều, hồ đập, nhất là các hồ chứa xung yếu, có phương án bảo vệ an toàn công trình.\nb) Hướng dẫn người dân thu hoạch lúa mùa đã chín theo phương châm xanh nhà hơn già đồng.\n${h2}\na) Tổ chức sơ tán dân ở vùng trũng thấp, ven sông, vùng có nguy cơ sạt lở đất đến nơi an toàn.\nb) Bố trí lực lượng ứng trực 24/24 giờ, sẵn sàng phương tiện cứu hộ, cứu nạn khi có tình huống.${END}`;
  const leads = (h1: string, h2: string) => tasks(letter(h1, h2)).map((t) => t.lead);
  const want = [['Sở Nông nghiệp và Môi trường'], ['Sở Nông nghiệp và Môi trường'], ['Ủy ban nhân dân các huyện'], ['Ủy ban nhân dân các huyện']];
  it('gives the items under it to the bodies it names', () => {
    expect(leads('1. Đối với Sở Nông nghiệp và Môi trường:', '2. Đối với Ủy ban nhân dân các huyện:')).toEqual(want);
    expect(leads('Đối với Sở Nông nghiệp và Môi trường:', 'Đối với Ủy ban nhân dân các huyện:')).toEqual(want);
    expect(leads('Sở Nông nghiệp và Môi trường:', 'Ủy ban nhân dân các huyện:')).toEqual(want);
  });
  it('leaves an unnumbered line that is no agency heading as it was', () => {
    const r = leads('Về công tác phòng, chống thiên tai:', 'Về công tác cứu hộ, cứu nạn:');
    expect(r.every((l) => !l.includes('Sở Nông nghiệp và Môi trường'))).toBe(true);
  });
});

describe('who is asked after a frame, with a collective listed after a colon', () => {
  const lead = (t: string) => leadOf(t)?.lead.map((b) => b.text);
  it('reads the bodies asked after "Nhằm ..., X đề nghị các Bộ: A, B và ..."', () => {
    expect(lead('Nhằm hoàn thiện hồ sơ dự án, Bộ Tư pháp đề nghị các Bộ: Công Thương, Xây dựng và các đơn vị trực thuộc Bộ Tư pháp cho ý kiến về dự thảo Nghị định.'))
      .toEqual(['các Bộ: Công Thương, Xây dựng', 'các đơn vị trực thuộc Bộ Tư pháp']);
  });
  it('leaves a frame before a topic and a colon alone', () => {
    expect(lead('Trong năm 2025, nội dung trọng tâm: tổ chức kiểm tra việc thực hiện.')).toBeUndefined();
  });
});

describe('an abbreviation the document defines in brackets, in a lead', () => {
  const text = (defined: string) => `BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 3120/BVHTTDL-DSVH\nV/v kiểm kê di tích năm 2025\nHà Nội, ngày 12 tháng 8 năm 2025\nKính gửi: Các Sở Văn hóa, Thể thao và Du lịch\n\nĐể cập nhật cơ sở dữ liệu di tích quốc gia, ${defined} đề nghị các Sở VHTTDL triển khai những việc sau:\n\n1. Rà soát danh mục di tích đã xếp hạng trên địa bàn.\n\n2. Cập nhật hồ sơ di tích lên hệ thống cơ sở dữ liệu.\n${END}`;
  it('is written in the words it stands for ("Bộ Văn hóa, Thể thao và Du lịch (VHTTDL)" -> "các Sở Văn hóa, Thể thao và Du lịch")', () => {
    expect(tasks(text('Bộ Văn hóa, Thể thao và Du lịch (VHTTDL)')).map((t) => t.lead)).toEqual([['các Sở Văn hóa, Thể thao và Du lịch'], ['các Sở Văn hóa, Thể thao và Du lịch']]);
  });
  it('stays as printed when the document does not define it, or its letters are not the words\' initials', () => {
    expect(tasks(text('Bộ Văn hóa, Thể thao và Du lịch')).map((t) => t.lead)).toEqual([['các Sở VHTTDL'], ['các Sở VHTTDL']]);
    expect(tasks(text('Bộ Văn hóa, Thể thao và Du lịch (Bộ VHTTDL)')).map((t) => t.lead)).toEqual([['các Sở VHTTDL'], ['các Sở VHTTDL']]);
  });
});

describe('two offices that share the body and scope named after the second', () => {
  const letter = (asked: string) => `${TOP}Kính gửi: Các huyện, thành phố\n\nTôi đề nghị ${asked} chỉ đạo quyết liệt việc khắc phục hậu quả bão, hoàn thành trước ngày 30/9/2024.${END}`;
  const leads = (asked: string) => tasks(letter(asked)).map((t) => t.lead);
  it('are two doers, each with what they share', () => {
    expect(leads('đồng chí Chủ tịch và Phó Chủ tịch Ủy ban nhân dân các huyện, thành phố')).toEqual([['Chủ tịch Ủy ban nhân dân các huyện, thành phố', 'Phó Chủ tịch Ủy ban nhân dân các huyện, thành phố']]);
    expect(leads('đồng chí Bí thư và Chủ tịch Ủy ban nhân dân các huyện, thành phố')).toEqual([['Bí thư các huyện, thành phố', 'Chủ tịch Ủy ban nhân dân các huyện, thành phố']]);
  });
  it('leaves one office of a body named with "và" in it whole', () => {
    expect(leads('Giám đốc Sở Kế hoạch và Đầu tư')).toEqual([['Giám đốc Sở Kế hoạch và Đầu tư']]);
  });
});

describe('items made of fields with no doer field, under a lead-in that names who is asked', () => {
  const letter = (leadIn: string) => `${TOP}Kính gửi: Các sở, ban, ngành tỉnh\n\n${leadIn}\n\n1. Rà soát danh mục vị trí việc làm của cơ quan, đơn vị.\nThời gian hoàn thành: trước ngày 30/9/2024.\n\n2. Hoàn thiện đề án vị trí việc làm trình cấp có thẩm quyền.\nThời gian hoàn thành: Quý IV/2024.${END}`;
  it('take the doers of the lead-in, and their time from the field', () => {
    expect(tasks(letter('Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành thực hiện một số nội dung sau:')).map((t) => [t.lead, t.deadline]))
      .toEqual([[['các sở, ban, ngành'], ['by', '2024-09-30']], [['các sở, ban, ngành'], ['within', '2024-12-31']]]);
  });
  it('take the collective a lead-in ends with ("... đề nghị các cơ quan, đơn vị:")', () => {
    expect(tasks(letter('Để chuẩn bị kỳ đánh giá năm 2024, Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị:')).map((t) => t.lead)).toEqual([['các cơ quan, đơn vị'], ['các cơ quan, đơn vị']]);
  });
});

describe('a cited document\'s request told before this letter\'s own ("Tại Công văn số ..., Bộ X đề nghị ...")', () => {
  const letter = (paras: string[]) => `${TOP}Kính gửi:\n- Sở Nội vụ;\n- Sở Tài chính.\n\n${paras.join('\n\n')}${END}`;
  const own = 'Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tổng hợp số liệu, báo cáo trước ngày 15/9/2024.';
  it('is no task when another body asks in it', () => {
    for (const frame of ['Tại', 'Theo']) {
      expect(tasks(letter([`${frame} Công văn số 4512/BNV-TCBC ngày 02/9/2024, Bộ Nội vụ đề nghị Ủy ban nhân dân các tỉnh báo cáo số lượng biên chế năm 2024.`, own])).map((t) => t.text)).toEqual([own]);
    }
  });
  it('is a task when the issuer or its head asks in it', () => {
    for (const asker of ['Ủy ban nhân dân tỉnh đề nghị', 'Chủ tịch Ủy ban nhân dân tỉnh yêu cầu']) {
      const t = tasks(letter([`Theo Công văn số 4512/BNV-TCBC ngày 02/9/2024 của Bộ Nội vụ, ${asker} Sở Nội vụ tổng hợp, báo cáo trước ngày 15/9/2024.`]));
      expect(t.map((x) => [x.lead, x.deadline])).toEqual([[['Sở Nội vụ'], ['by', '2024-09-15']]]);
    }
  });
});

describe('support after "phối hợp hoạt động với", "phối hợp công tác với"', () => {
  const sup = (t: string) => supportOf(t).map((b) => b.text);
  it('reads the bodies after "với"', () => {
    expect(sup('Là đầu mối, phối hợp hoạt động với các bộ, ngành Trung ương và Ủy ban nhân dân các tỉnh bảo đảm an toàn.')).toEqual(['các bộ, ngành Trung ương', 'Ủy ban nhân dân các tỉnh']);
    expect(sup('Chủ động phối hợp công tác với Công an tỉnh bảo đảm an ninh.')).toEqual(['Công an tỉnh']);
  });
  it('reads none from "phối hợp thực hiện" with no body', () => {
    expect(sup('Các đơn vị phối hợp thực hiện tốt nhiệm vụ được giao.')).toEqual([]);
  });
});

describe('a conclusion\'s appraisal of what was done', () => {
  const notice = (item1: string) => `ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 215/TB-UBND\nNinh Bình, ngày 05 tháng 9 năm 2024\n\nTHÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về phòng, chống bão\n\nNgày 04/9/2024, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp. Sau khi nghe báo cáo, Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:\n\n1. ${item1}\n\n2. Giao Sở Nông nghiệp và Môi trường chủ trì kiểm tra an toàn hồ đập, hoàn thành trước ngày 07/9/2024.${END}`;
  it('is no task ("Ghi nhận, đánh giá cao ...", "Biểu dương ...")', () => {
    for (const a of ['Ghi nhận, đánh giá cao sự chủ động của các sở, ngành trong công tác chuẩn bị ứng phó với bão.', 'Biểu dương lực lượng công an, quân đội đã kịp thời hỗ trợ người dân.']) {
      expect(tasks(notice(a)).map((t) => t.lead)).toEqual([['Sở Nông nghiệp và Môi trường']]);
    }
  });
  it('is a task when it goes on to ask', () => {
    expect(tasks(notice('Đánh giá cao sự chủ động của các sở, ngành; đề nghị các sở, ngành tiếp tục theo dõi sát diễn biến của bão.')).length).toBe(2);
  });
});

describe('what follows a letter\'s numbered requests (kept-aside set 7, odd half)', () => {
  const LETTER = `${TOP}Kính gửi: Ủy ban nhân dân các huyện, thành phố\nThực hiện chỉ đạo của Bộ, Ủy ban nhân dân tỉnh đề nghị Ủy ban nhân dân các huyện, thành phố:\n`;
  it('does not count the ask to carry out "các nội dung nêu trên" as a task of its own', () => {
    const t = tasks(`${LETTER}1. Rà soát đàn gia súc trên địa bàn;\n2. Tuyên truyền để người dân sử dụng thực phẩm an toàn.\nĐề nghị Chủ tịch UBND các huyện, thành phố quan tâm chỉ đạo kịp thời thực hiện các nội dung nêu trên và thông báo về Sở Nông nghiệp các vấn đề phát sinh để phối hợp, xử lý./.${END}`);
    expect(t.map((x) => x.text.slice(0, 12))).toEqual(['Rà soát đàn ', 'Tuyên truyền']);
  });
  it('still takes such an ask when it sets its own time', () => {
    const t = tasks(`${LETTER}1. Rà soát đàn gia súc trên địa bàn;\n2. Tuyên truyền để người dân sử dụng thực phẩm an toàn.\nĐề nghị Ủy ban nhân dân các huyện, thành phố thực hiện các nội dung nêu trên, báo cáo kết quả về Sở Nông nghiệp trước ngày 30/9/2024./.${END}`);
    expect(t).toHaveLength(3);
    expect(t[2]!.deadline).toEqual(['by', '2024-09-30']);
  });
  it('does not take the thanks after the last item into it', () => {
    const t = tasks(`${LETTER}1. Rà soát đàn gia súc trên địa bàn;\n2. Về mốc thời gian: báo cáo số liệu từ ngày 15/12/2023 đến ngày 14/9/2024.\nTrân trọng cảm ơn sự quan tâm, phối hợp của các đồng chí./.${END}`);
    expect(t.at(-1)!.text).not.toMatch(/cảm ơn/u);
  });
  it('keeps the address an item ends with ("... theo địa chỉ:") in that item, not as a task of the body it names', () => {
    const t = tasks(`${LETTER}1. Bám sát yêu cầu về nội dung để xây dựng báo cáo;\n2. Khẩn trương gửi báo cáo về Sở trước ngày 15 tháng 10 năm 2024 để tổng hợp theo địa chỉ:\nPhòng Văn hóa cơ sở - số 51, Ngô Quyền, Ninh Bình\nFax: (0229) 3944.8344 Email: vhcs@ninhbinh.gov.vn.${END}`);
    expect(t).toHaveLength(2);
    expect(t[1]!.text).toMatch(/^Khẩn trương gửi báo cáo .* Email: vhcs@ninhbinh\.gov\.vn\.$/u);
    expect(t[1]!.lead).toEqual(['Ủy ban nhân dân các huyện, thành phố']);
    expect(t[1]!.deadline).toEqual(['by', '2024-10-15']);
  });
});

describe('who is asked, as letters name them (kept-aside set 7, odd half)', () => {
  it('reads the offices after "Các đồng chí" as the doers', () => {
    expect(leadOf('Các đồng chí Bộ trưởng, Chủ tịch Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương tập trung chỉ đạo việc tham gia ý kiến')?.lead.map((b) => b.text)).toEqual(['Bộ trưởng', 'Chủ tịch Uỷ ban nhân dân các tỉnh, thành phố trực thuộc Trung ương']);
  });
  it('keeps a collective of schools, businesses and people, and where they are, whole', () => {
    expect(leadOf('Các cơ quan, đơn vị, trường học, doanh nghiệp, các cơ sở sản xuất kinh doanh và nhân dân trong thị xã treo cờ Tổ quốc')?.lead.map((b) => b.text)).toEqual(['Các cơ quan, đơn vị, trường học, doanh nghiệp, các cơ sở sản xuất kinh doanh và nhân dân trong thị xã']);
    expect(leadOf('Các cơ quan, đơn vị và nhân dân trên địa bàn tỉnh Lâm Đồng treo cờ Tổ quốc')?.lead.map((b) => b.text)).toEqual(['Các cơ quan, đơn vị và nhân dân trên địa bàn tỉnh Lâm Đồng']);
  });
});

describe('letters of a ministry to its own units (kept-aside set 7, even half)', () => {
  it('reads the members of a body as the ones asked, and "tham gia" as what they are asked', () => {
    expect(leadOf('Đề nghị thành viên Ban Chỉ đạo Chăm sóc sức khỏe nhân dân huyện tham gia chỉ đạo')?.lead.map((b) => b.text)).toEqual(['thành viên Ban Chỉ đạo Chăm sóc sức khỏe nhân dân huyện']);
  });
  it('ends "trực thuộc Bộ" before the verb, and keeps a full name after "trực thuộc"', () => {
    expect(leadOf('Các cơ quan, đơn vị trực thuộc Bộ lựa chọn và giới thiệu 01 công trình sáng tạo')?.lead.map((b) => b.text)).toEqual(['Các cơ quan, đơn vị trực thuộc Bộ']);
    expect(leadOf('Các trường trực thuộc Sở Giáo dục và Đào tạo thực hiện kiểm tra')?.lead.map((b) => b.text)).toEqual(['Các trường trực thuộc Sở Giáo dục và Đào tạo']);
  });
  it('does not take "X đề nghị ... quan tâm thực hiện để ... đạt kết quả tốt" as a task', () => {
    const t = tasks(`${TOP}Kính gửi: Các đơn vị trực thuộc\nCác cơ quan, đơn vị trực thuộc Sở lựa chọn và giới thiệu 01 công trình sáng tạo, gửi về Sở trước ngày 20/9/2024.\nSở Nội vụ đề nghị các cơ quan, đơn vị trực thuộc Sở quan tâm thực hiện để việc tuyển chọn đạt kết quả tốt./.${END}`);
    expect(t.map((x) => x.text.slice(0, 20))).toEqual(['Các cơ quan, đơn vị ']);
  });
});

describe('ministry letters copied from portals (kept-aside sets 9 and 10, odd halves)', () => {
  const MINISTRY = 'BỘ NÔNG NGHIỆP\nVÀ PHÁT TRIỂN NÔNG THÔN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\nSố: 4244/BNN-KL\nV/v báo cáo số liệu hiện trạng rừng năm 2009.\nHà Nội, ngày 23 tháng 12 năm 2009\nKính gửi: Sở Nông nghiệp và Phát triển nông thôn các tỉnh, thành phố trực thuộc Trung ương\n';
  const SIGN = '\nNơi nhận:\n- Như trên;\n- Lưu VT, KL.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nHứa Đức Nhị\n';
  it('takes a whole request before the numbered points as a task, its points go on with its doers, a "Thời hạn ..." point times them', () => {
    const t = tasks(`${MINISTRY}Để tổng hợp số liệu hiện trạng rừng báo cáo Chính phủ, đềnghị các Sở Nông nghiệp và Phát triển nông thôn chỉ đạo Chi cục Kiểm lâm báocáo về Bộ số liệu về hiện trạng rừng năm 2009 theo biểu mẫu đính kèm.\n1. Báo cáo gửi về Bộ phải có xác nhận của Uỷ ban nhân dân tỉnh.\n2. Thời hạn gửi báo cáo trước ngày 28/02/2010.\nĐề nghị Sở Nông nghiệp và Phát triển nông thôn tổ chức thựchiện ngay và gửi báo cáo đúng thời hạn./.${SIGN}`);
    expect(t.map((x) => x.text.slice(0, 20))).toEqual(['Để tổng hợp số liệu ', 'Báo cáo gửi về Bộ ph']);
    for (const x of t) {
      expect(x.lead).toEqual(['các Sở Nông nghiệp và Phát triển nông thôn']);
      expect(x.deadline).toEqual(['by', '2010-02-28']);
    }
  });
  it('reads asks glued to their words ("yêu cầucác Sở", "đềnghị")', () => {
    expect(leadOf('Để tổng hợp công tác năm học, Bộ Giáo dục và Đào tạo yêu cầucác Sở Giáo dục và Đào tạo thanh tra, kiểm tra việc tuyển sinh')?.lead.map((b) => b.text)).toEqual(['các Sở Giáo dục và Đào tạo']);
  });
  it('reads the doer before "lấy ý kiến", not a body asked later in the sentence', () => {
    expect(leadOf('Bộ Tài chính lấy ý kiến của các Bộ, ngành, địa phương để tổng hợp, trình Chính phủ dự thảo; phối hợp với Bộ Tư pháp trình Chính phủ đề nghị Ủy ban Thường vụ Quốc hội bổ sung dự thảo')?.lead.map((b) => b.text)).toEqual(['Bộ Tài chính']);
  });
  it('gives "đề nghị các Bộ, cơ quan ..." in a letter to ministries to those it is sent to', () => {
    const t = tasks('VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7352/VPCP-CN\nV/v dự án đường cao tốc\nHà Nội, ngày 11 tháng 10 năm 2021\nKính gửi:\n- Các Bộ: Kế hoạch và Đầu tư, Giao thông vận tải, Tài chính;\n- Ủy ban nhân dân tỉnh Tuyên Quang.\nXét đề nghị của Bộ Giao thông vận tải về dự án, Phó Thủ tướng giao các Bộ, cơ quan nêu trên có ý kiến.\nCăn cứ Quy chế làm việc của Chính phủ ban hành kèm theo Nghị định số 138/2016/NĐ-CP ngày 01 tháng 10 năm 2016 của Chính phủ, đề nghị các Bộ, cơ quan gửi ý kiến bằng văn bản về Văn phòng Chính phủ trước ngày 14 tháng 10 năm 2021 để tổng hợp, trình Thủ tướng Chính phủ./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Văn A\n');
    expect(t.at(-1)!.lead).toEqual(['Các Bộ: Kế hoạch và Đầu tư, Giao thông vận tải, Tài chính', 'Ủy ban nhân dân tỉnh Tuyên Quang']);
  });
  it('does not count "X truyền đạt ý kiến chỉ đạo ... để các cơ quan ... thực hiện" as a task', () => {
    expect(isClosing('Văn phòng Ủy ban nhân dân thành phố truyền đạt ý kiến chỉ đạo của Phó Chủ tịch Ủy ban nhân dân thành phố để các cơ quan, đơn vị liên quan tổ chức thực hiện./.')).toBe(true);
  });
});

describe('who is asked, from the even halves of heldout9 and heldout10 (read after they were measured)', () => {
  it('reads the body an approval lets act as its doer ("Đồng ý Bộ X tổ chức ...")', () => {
    expect(leadOf('Đồng ý Bộ Lao động - Thương binh và Xã hội tổ chức Hội nghị Bộ trưởng lao động')?.lead.map((b) => b.text)).toEqual(['Bộ Lao động - Thương binh và Xã hội']);
  });
  it('does not cut a name at the "trình" of "Chương trình"', () => {
    expect(leadOf('Giao Công ty Liên doanh Phú Mỹ Hưng và Ban Tổ chức Chương trình đi bộ có trách nhiệm phối hợp')?.lead.map((b) => b.text)).toEqual(['Công ty Liên doanh Phú Mỹ Hưng', 'Ban Tổ chức Chương trình đi bộ']);
  });
  it('gives "đề nghị đơn vị ..." in a letter to one body to that body', () => {
    const t = tasks(`${TOP}Kính gửi: Chi cục Dân số - Kế hoạch hóa gia đình\nSở Y tế đề nghị đơn vị chuẩn bị nội dung báo cáo chi tiết về thực trạng tài chính, gửi về Sở trước ngày 28/10/2024.${END}`);
    expect(t.map((x) => x.lead)).toEqual([['Chi cục Dân số - Kế hoạch hóa gia đình']]);
  });
});

describe('what a letter allows is not what it asks (kept-aside sets 13 and 14, read after they were measured)', () => {
  const VPCP = 'VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 999/TTg-NN\nV/v chuyển mục đích sử dụng đất\nHà Nội, ngày 12 tháng 7 năm 2017\nKính gửi: Ủy ban nhân dân tỉnh Lào Cai\nXét đề nghị của Ủy ban nhân dân tỉnh Lào Cai, Thủ tướng Chính phủ có ý kiến như sau:\n';
  const SIGN = '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrịnh Đình Dũng\n';
  it('takes no task from "Đồng ý <body> quyết định ..." or "Cho phép bổ sung ..."', () => {
    expect(tasks(`${VPCP}Đồng ý Ủy ban nhân dân tỉnh Lào Cai quyết định chuyển mục đích sử dụng 29,75 ha đất trồng lúa để thực hiện dự án.${SIGN}`)).toEqual([]);
  });
  it('still takes an approval that asks ("Đồng ý ... về việc giao X tổ chức ...")', () => {
    const t = tasks(`${VPCP}Đồng ý đề nghị của Bộ Xây dựng tại văn bản nêu trên về việc giao Ủy ban nhân dân tỉnh Lào Cai tổ chức lập quy hoạch chung.${SIGN}`);
    expect(t).toHaveLength(1);
  });
  it('ends who is charged before "thừa ủy quyền"', () => {
    expect(leadOf('Giao Bộ trưởng Bộ Giáo dục và Đào tạo thừa ủy quyền Thủ tướng Chính phủ, thay mặt Chính phủ ký Hiệp định')?.lead.map((b) => b.text)).toEqual(['Bộ trưởng Bộ Giáo dục và Đào tạo']);
  });
});

describe('documents that assign no work, and letters sent up (heldout15: corpus/real documents whose gold held no tasks)', () => {
  const DEPT = 'UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n';
  const SIGN = '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n';
  const items = '\n1. Kết quả thực hiện: đã tổ chức 12 hội nghị tập huấn.\n2. Đề xuất: giao Sở Tài chính bố trí kinh phí trước ngày 30/11/2025.\n';
  it('takes no task from a báo cáo, a tờ trình or a biên bản, and says why', () => {
    for (const [title, sym] of [['BÁO CÁO', 'BC-SNV'], ['TỜ TRÌNH', 'TTr-SNV'], ['BIÊN BẢN', 'BB-SNV']] as const) {
      const r = run(`${DEPT}Số: 12/${sym}\nLâm Đồng, ngày 05 tháng 11 năm 2025\n${title}\nVề công tác cải cách hành chính\nKính gửi: Ủy ban nhân dân tỉnh\n${items}${SIGN}`);
      expect(r.fields.type).toBe(sym.split('-')[0]);
      expect(r.tasks).toEqual([]);
      expect(r.diagnostics.some((d) => d.ruleId === 'tasks.kind')).toBe(true);
    }
  });
  it('still reads the tasks of a kế hoạch and a công văn with the same items', () => {
    expect(run(`${DEPT}Số: 12/KH-SNV\nLâm Đồng, ngày 05 tháng 11 năm 2025\nKẾ HOẠCH\nCông tác cải cách hành chính\n${items}${SIGN}`).tasks.length).toBeGreaterThan(0);
  });
  it('takes no task from a department\'s letter to the province\'s People\'s Committee that only asks it to decide', () => {
    const up = `${DEPT}Số: 3797/SNV-TCBC\nV/v thành lập Hội Ái hữu\nLâm Đồng, ngày 05 tháng 11 năm 2025\nKính gửi: Ủy ban nhân dân tỉnh Lâm Đồng\n1. Về điều kiện thành lập: hội có phạm vi hoạt động trong tỉnh.\n2. Về hội viên: hội có trên 50 hội viên.\nKính đề nghị UBND tỉnh xem xét, có văn bản trả lời công dân.${SIGN}`;
    expect(tasks(up)).toEqual([]);
    // the same letter sent down (to a district) or across keeps its points
    expect(tasks(up.replace('Kính gửi: Ủy ban nhân dân tỉnh Lâm Đồng', 'Kính gửi: Ủy ban nhân dân huyện Lạc Dương')).length).toBeGreaterThan(0);
  });
  it('keeps work a letter sent up names for another body', () => {
    const t = tasks(`${DEPT}Số: 3797/SNV-TCBC\nV/v thành lập Hội\nLâm Đồng, ngày 05 tháng 11 năm 2025\nKính gửi: Chủ tịch Ủy ban nhân dân tỉnh\nSở Nội vụ đề nghị Sở Tài chính bố trí kinh phí trước ngày 30/11/2025.${SIGN}`);
    expect(t.map((x) => x.lead)).toEqual([['Sở Tài chính']]);
  });
  it('reads "Đồng ý để X ..." and "Về cơ bản thống nhất ..." as consent, not work', () => {
    const reply = (p: string) => tasks(`${DEPT}Số: 2601/SVHTTDL\nV/v cho ý kiến\nLâm Đồng, ngày 02 tháng 12 năm 2025\nKính gửi: Sở Nội vụ\nSở Văn hóa, Thể thao và Du lịch có ý kiến như sau:\n1. ${p}\n${SIGN}`);
    expect(reply('Đồng ý để ông Lê Văn B - Phó Giám đốc Trung tâm tham gia Ban vận động.')).toEqual([]);
    expect(reply('Về cơ bản thống nhất tham mưu Chủ tịch UBND tỉnh công nhận Ban vận động thành lập Hiệp hội.')).toEqual([]);
  });
});

describe('names that hold a verb\'s word ("tổ chức tín dụng", "Ngân hàng")', () => {
  it('reads "tổ chức" followed by a kind of organisation as part of the name', () => {
    expect(leadOf('Thống đốc yêu cầu các đơn vị thuộc Ngân hàng Nhà nước Việt Nam và tổ chức tín dụng thực hiện các giải pháp sau')?.lead.map((b) => b.text)).toEqual(['các đơn vị thuộc Ngân hàng Nhà nước Việt Nam và tổ chức tín dụng']);
    expect(leadOf('Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các tổ chức, cá nhân phản ánh kịp thời về Bộ Tài chính để nghiên cứu')?.lead.map((b) => b.text)).toEqual(['các tổ chức, cá nhân']);
  });
  it('still ends a name at the verb "tổ chức"', () => {
    expect(leadOf('Giao Sở Văn hóa và Thể thao tổ chức hội nghị tổng kết')?.lead.map((b) => b.text)).toEqual(['Sở Văn hóa và Thể thao']);
    expect(leadOf('Giao các sở, ngành tổ chức triển khai')?.lead.map((b) => b.text)).toEqual(['các sở, ngành']);
  });
});

describe('the points of a letter that count what there is, resolutions, and names with a verb\'s word before a colon', () => {
  const BCA = 'BỘ CÔNG AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 4552/BCA-C04\nV/v rà soát cơ sở cai nghiện\nHà Nội, ngày 09 tháng 10 năm 2025\n';
  const SIGN = '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn Long\n';
  it('reads an item that asks, its counts under it ("hiện có 04 địa phương ...") its particulars, not tasks', () => {
    const t = tasks(`${BCA}Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương\nBộ Công an đề nghị Ủy ban nhân dân các tỉnh, thành phố thực hiện một số nội dung sau:\n1. Rà soát số cơ sở cai nghiện ma túy đề nghị hỗ trợ nâng cấp, cụ thể như sau:\n- Công suất tối thiểu đạt 250 người: hiện có 04 địa phương có cơ sở cai nghiện dưới 250 người.\n- Diện tích đất tối thiểu 3 ha: hiện có 04 địa phương có diện tích dưới 3 ha.\n2. Báo cáo kết quả về Bộ Công an trước ngày 15/10/2025.${SIGN}`);
    expect(t.map((x) => x.text.slice(0, 20))).toEqual(['Rà soát số cơ sở cai', 'Báo cáo kết quả về B']);
  });
  it('reads an assessment period ("kỳ đánh giá từ ngày ... đến ngày ...") as no time to act', () => {
    const t = tasks(`${BCA}Kính gửi: Ủy ban nhân dân các tỉnh\nBộ Công an đề nghị Ủy ban nhân dân các tỉnh thực hiện:\n1. Rà soát, đánh giá phân loại địa bàn theo tiêu chí; kỳ đánh giá từ ngày 15/12/2023 đến ngày 14/12/2024.\n2. Gửi kết quả trước ngày 15/10/2025.${SIGN}`);
    expect(t.map((x) => x.deadline)).toEqual([null, ['by', '2025-10-15']]);
  });
  it('takes no task from what a resolution records as agreed ("Thống nhất sáp nhập ...", "Biểu quyết thông qua ...")', () => {
    const nq = 'LIÊN ĐOÀN KARATE TỈNH ĐẮK NÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 01/NQ-LĐKRT\nĐắk Nông, ngày 10 tháng 5 năm 2025\nNGHỊ QUYẾT\nVề việc sáp nhập Liên đoàn\nBAN CHẤP HÀNH QUYẾT NGHỊ:\n1. Thống nhất sáp nhập Liên đoàn Karate tỉnh Đắk Nông vào Liên đoàn Karate tỉnh Lâm Đồng.\n2. Biểu quyết thông qua Nghị quyết Đại hội.\n3. Giao Thường trực Liên đoàn phối hợp với Ban Thường vụ chuẩn bị hồ sơ trình cấp có thẩm quyền.\n';
    expect(tasks(nq + SIGN).map((x) => x.text.slice(0, 10))).toEqual(['Giao Thườn']);
  });
  it('reads a body named before a colon even when a word of its name is a verb\'s ("Sở Xây dựng: 01 đồng chí")', () => {
    expect(leadOf('Sở Xây dựng: 01 đồng chí;')?.lead.map((b) => b.text)).toEqual(['Sở Xây dựng']);
    expect(leadOf('Ban Chỉ đạo tỉnh: tổng hợp kết quả')?.lead.map((b) => b.text)).toEqual(['Ban Chỉ đạo tỉnh']);
  });
});

describe('a letter to the province\'s People\'s Committee from a body that oversees it is no letter sent up', () => {
  it('keeps what the People\'s Council\'s standing board or a Party committee asks of it', () => {
    const t = tasks('HĐND TỈNH LÂM ĐỒNG\nBAN KINH TẾ - NGÂN SÁCH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 120/HĐND-VP\nV/v giải quyết kiến nghị cử tri\nLâm Đồng, ngày 05 tháng 11 năm 2025\nKính gửi: Ủy ban nhân dân tỉnh Lâm Đồng\nBan Kinh tế - Ngân sách Hội đồng nhân dân tỉnh đề nghị Ủy ban nhân dân tỉnh chỉ đạo giải quyết các kiến nghị của cử tri, báo cáo trước ngày 30/11/2025.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. BAN KINH TẾ - NGÂN SÁCH\nTRƯỞNG BAN\nNguyễn Văn A\n');
    expect(t.map((x) => x.lead)).toEqual([['Ủy ban nhân dân tỉnh']]);
  });
});

describe('a reply\'s statement that its issuer agrees', () => {
  const SNN = 'UBND TỈNH LÂM ĐỒNG\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 4186/SNNMT-CCQLĐĐ\nV/v ý kiến công nhận Ban vận động thành lập Hiệp hội\nLâm Đồng, ngày 09 tháng 4 năm 2026\nKính gửi: Sở Nội vụ\n';
  const END = '\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn A\n';
  it('is its opinion, not work ("..., Sở Nông nghiệp và Môi trường thống nhất về việc ...")', () => {
    expect(tasks(`${SNN}Sau khi rà soát các quy định và tài liệu kèm theo Công văn 1676/SNV-TCBC, Sở Nông nghiệp và Môi trường thống nhất về việc tham mưu Chủ tịch UBND tỉnh công nhận Ban vận động thành lập Hiệp hội, lập hồ sơ, thủ tục đề nghị cho phép thành lập Hiệp hội.${END}`)).toEqual([]);
  });
  it('still asks when it goes on to ask another body ("... thống nhất ...; đề nghị Sở Nội vụ tổng hợp ...")', () => {
    expect(tasks(`${SNN}Sở Nông nghiệp và Môi trường thống nhất với dự thảo; đề nghị Sở Nội vụ tổng hợp, trình Chủ tịch UBND tỉnh trước ngày 20/4/2026.${END}`).map((t) => t.lead)).toEqual([['Sở Nội vụ']]);
  });
});
