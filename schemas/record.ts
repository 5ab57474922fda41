/**
 * The extraction record (v1): the fields of ../shared/eval/FORMAT.md, plus source
 * spans, the rule behind each value, citations with their details and the
 * document's distribution list. This zod schema is the single definition: the
 * TypeScript types are inferred from it and `npm run schemas` writes
 * schemas/record.schema.json from it.
 */
import { z } from 'zod';

export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
});

export const DeadlineKindSchema = z.enum(['by', 'within', 'from', 'recurring', 'ongoing']);

export const RecurrenceSchema = z.object({
  freq: z.enum(['weekly', 'monthly', 'quarterly', 'half-yearly', 'yearly']),
  day: z.number().int().min(1).max(31).optional(),
  month: z.number().int().min(1).max(12).optional(),
});

export const DeadlineSchema = z.object({
  kind: DeadlineKindSchema,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  text: z.string(),
  rule: RecurrenceSchema.nullable().optional().describe('the periodic rule of a recurring deadline'),
  span: SpanSchema.optional(),
  ruleId: z.string().optional(),
});

export const AgencySchema = z.object({
  name: z.string(),
  canonical: z.string().describe('registry name: abbreviations expanded, one spelling'),
  role: z.enum(['lead', 'support']),
  span: SpanSchema.optional(),
  ruleId: z.string().optional(),
});

export const TaskSchema = z.object({
  id: z.string().optional(),
  label: z.string(),
  path: z.array(z.string()),
  text: z.string(),
  lead: z.array(z.string()),
  support: z.array(z.string()),
  deadline: DeadlineSchema.nullable(),
  agencies: z.array(AgencySchema).optional(),
  span: SpanSchema.optional(),
  source: z.enum(['item', 'table']).optional(),
  ruleId: z.string().optional(),
});

export const CitationSchema = z.object({
  ref: z.string(),
  kind: z.string().nullable(),
  date: z.string().nullable(),
  issuer: z.string().nullable(),
  span: SpanSchema.optional(),
  mentions: z.array(SpanSchema).optional().describe('later mentions of the same document'),
});

export const SignerSchema = z.object({
  name: z.string().nullable(),
  position: z.string().nullable(),
  authority: z.enum(['TM', 'KT', 'TL', 'TUQ', 'Q']).nullable(),
});

const DOC_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export const DocumentSchema = z.object({
  type: z.string(),
  number: z.string().nullable(),
  symbol: z.string().nullable(),
  issuer: z.string().nullable(),
  place: z.string().nullable(),
  date: z.string().regex(DOC_DATE).nullable(),
  subject: z.string().nullable(),
  recipients: z.array(z.string()),
  signer: SignerSchema.nullable(),
  references: z.array(z.string()),
  citations: z.array(CitationSchema).optional(),
  distribution: z.array(z.string()).optional(),
  parentBody: z.string().nullable().optional(),
  urgency: z.string().nullable().optional(),
  secrecy: z.string().nullable().optional(),
  spans: z.record(z.string(), SpanSchema.extend({ ruleId: z.string().optional() })).optional(),
});

export const DiagnosticSchema = z.object({
  severity: z.enum(['fatal', 'warning', 'info']),
  stage: z.string(),
  message: z.string(),
  ruleId: z.string().optional(),
});

export const RecordSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  source: z.object({
    file: z.string(),
    path: z.string().optional(),
    format: z.enum(['txt', 'md', 'docx', 'doc', 'pdf', 'scan']),
    sha256: z.string(),
    bytes: z.number().int().nonnegative(),
    pages: z.number().int().positive().optional(),
    legacyEncoding: z.string().optional(),
  }),
  document: DocumentSchema,
  tasks: z.array(TaskSchema),
  diagnostics: z.array(DiagnosticSchema).optional(),
});

export type Span = z.infer<typeof SpanSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type Task = z.infer<typeof TaskSchema>;
export type DocumentFields = z.infer<typeof DocumentSchema>;
export type ExtractionRecord = z.infer<typeof RecordSchema>;
export type Signer = z.infer<typeof SignerSchema>;
