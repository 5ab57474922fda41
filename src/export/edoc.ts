/**
 * edoc: documents for e-office systems (hệ thống quản lý văn bản và điều hành), with the
 * field names of the document metadata of Nghị định 30/2020/NĐ-CP, Phụ lục VI, as the edXML
 * header (QCVN 102) spells them: CodeNumber (số), CodeNotation (ký hiệu), IssuedDate (ngày
 * ban hành), OrganName (cơ quan ban hành), Subject (trích yếu), SignerInfo (người ký),
 * DueDate (hạn xử lý) ... One JSON document: { "Format", "GeneratedAt", "Documents": [...] },
 * each document with its obligations under "Tasks".
 */
import type { ExtractionRecord } from '../../schemas/record.js';
import { exportTasks, TYPE_NAMES, type ExportOptions, type DoneSource } from './tasks.js';

const COMPETENCE: Record<string, string> = { TM: 'TM.', KT: 'KT.', TL: 'TL.', TUQ: 'TUQ.', Q: 'Q.' };

export function edocDocument(r: ExtractionRecord, db: DoneSource | null, opts: ExportOptions = {}) {
  const d = r.document;
  const tasks = exportTasks(r, db, opts);
  const open = tasks.filter((t) => !t.status.done && t.status.due).map((t) => t.status.due!).sort();
  return {
    DocumentId: r.id,
    OrganName: d.issuer,
    ParentOrganName: d.parentBody ?? null,
    CodeNumber: d.number,
    CodeNotation: d.symbol,
    IssuedDate: d.date,
    Place: d.place,
    DocumentType: d.type,
    TypeName: TYPE_NAMES[d.type] ?? null,
    Subject: d.subject,
    SignerInfo: d.signer ? { Competence: d.signer.authority ? COMPETENCE[d.signer.authority] ?? d.signer.authority : null, Position: d.signer.position, FullName: d.signer.name } : null,
    ToPlaces: d.recipients,
    Distribution: d.distribution ?? [],
    ResponseFor: (d.citations ?? d.references.map((ref) => ({ ref, kind: null, date: null, issuer: null }))).map((c) => ({ Code: c.ref, TypeName: c.kind, PromulgationDate: c.date, OrganName: c.issuer })),
    Priority: d.urgency ?? null,
    Secrecy: d.secrecy ?? null,
    DueDate: open[0] ?? null,
    SourceFile: r.source.file,
    Tasks: tasks.map((t) => ({
      TaskId: t.ref,
      Label: t.task.label,
      Path: t.task.path,
      Content: t.task.text,
      Lead: t.task.lead,
      Support: t.task.support,
      DueDate: t.status.due ?? t.task.deadline?.date ?? null,
      DeadlineKind: t.task.deadline?.kind ?? null,
      DeadlineText: t.task.deadline?.text ?? null,
      Recurrence: t.task.deadline?.rule ?? null,
      Status: t.status.status,
      StatusName: t.status.label,
      CompletedDate: t.doneOn,
    })),
  };
}

export function* edoc(records: Iterable<ExtractionRecord>, db: DoneSource | null, opts: ExportOptions = {}): Iterable<string> {
  yield `{"Format":"congvan-edoc/1 (Nghị định 30/2020/NĐ-CP, Phụ lục VI)","GeneratedAt":${JSON.stringify((opts.now ?? new Date()).toISOString())},"Documents":[`;
  let first = true;
  for (const r of records) {
    const doc = edocDocument(r, db, opts);
    if (opts.tasks && !doc.Tasks.length) continue;
    yield (first ? '\n' : ',\n') + JSON.stringify(doc);
    first = false;
  }
  yield '\n]}\n';
}
