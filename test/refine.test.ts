/**
 * refine as a stage of its own (src/refine, run by pipelines/document.ts after extract):
 * extract gives what the text prints; refine infers the issuer and place the header leaves
 * out, and gives every task's agencies their registry names, which the record carries.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { extract } from '../src/extract/index.js';
import { refine } from '../src/refine/index.js';
import { processFile, STAGES } from '../pipelines/document.js';
import { model, CORPUS, STEMS } from './helpers.js';

const NO_HEADER = `KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2022

Ủy ban nhân dân tỉnh Tuyên Quang ban hành Kế hoạch triển khai công tác chuyển đổi số năm 2022 như sau:
1. Sở TT&TT chủ trì, phối hợp với VP UBND tỉnh xây dựng kế hoạch, hoàn thành trước ngày 30/6/2022.
`;

describe('refine', () => {
  it('is a stage of the one-document pipeline, after extract and before validate', () => {
    expect(STAGES).toEqual(['read', 'parse', 'normalise', 'extract', 'refine', 'validate']);
  });

  it('infers the issuer and the place a document without its header block leaves out; extract alone does not', () => {
    const m = model(NO_HEADER);
    const ex = extract(m);
    expect(ex.fields.issuer).toBeNull();
    expect(ex.fields.place).toBeNull();
    const r = refine(m, ex);
    expect(r.fields.issuer).toBe('Ủy ban nhân dân tỉnh Tuyên Quang');
    expect(r.spans.issuer?.ruleId).toBe('header.issuerFromBody');
    expect(r.fields.place).toBe('Tuyên Quang');
    expect(r.spans.place?.ruleId).toBe('header.placeFromIssuer');
    // what extract gave is not changed in place
    expect(ex.fields.issuer).toBeNull();
  });

  it("gives each task's agencies their registry names, lead first, and the record carries them", async () => {
    const m = model(NO_HEADER);
    const r = refine(m, extract(m));
    expect(r.agencies[0]!.map((a) => [a.name, a.canonical, a.role])).toEqual([
      ['Sở TT&TT', 'Sở Thông tin và Truyền thông', 'lead'],
      ['VP UBND tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh', 'support'],
    ]);
    const o = await processFile(path.join(CORPUS, `${STEMS[1]}.txt`));
    if (!o.ok) throw new Error(o.reason);
    const withAgencies = o.record.tasks.filter((t) => t.agencies?.length);
    expect(withAgencies.length).toBeGreaterThan(0);
    for (const t of withAgencies) expect(t.agencies!.map((a) => a.name)).toEqual([...t.lead, ...t.support]);
  });
});
