/**
 * refine: what one document's extraction leaves to inference, made explicit after it:
 *
 *   issuer     inferred from the text when the header does not print it (./issuer.ts)
 *   place      the province of a provincial issuer, when the date line names none
 *   agencies   every task's lead and supporting bodies with their registry names
 *              (./registry.ts: abbreviations expanded, one spelling)
 *
 * Pure: never throws on odd input; an inference that fails adds a diagnostic and gives
 * nothing.
 */
import type { Diagnostic, TextModel } from '../model/types.js';
import type { Extraction } from '../extract/index.js';
import { inferIssuer, placeFromIssuer } from './issuer.js';
import { canonicalAgency } from './registry.js';

export interface RefinedAgency {
  /** As written in the task. */
  name: string;
  /** The registry name. */
  canonical: string;
  role: 'lead' | 'support';
  start: number;
  end: number;
  rule: string;
}

export interface Refined extends Extraction {
  /** Per task (in the order of `tasks`), its agencies: the lead ones, then the supporting ones. */
  agencies: RefinedAgency[][];
}

export function refine(model: TextModel, ex: Extraction): Refined {
  const diagnostics: Diagnostic[] = [...ex.diagnostics];
  const fields = { ...ex.fields };
  const spans = { ...ex.spans };
  if (!fields.issuer) {
    try {
      const inferred = inferIssuer(model, fields.place, fields.signer);
      if (inferred) {
        fields.issuer = inferred.issuer;
        spans.issuer = { start: inferred.span.start, end: inferred.span.end, ruleId: inferred.rule };
      }
    } catch (e) {
      diagnostics.push({ severity: 'warning', stage: 'refine', ruleId: 'issuerInferred', message: `rule issuerInferred failed: ${(e as Error).message}` });
    }
  }
  if (!fields.place && fields.issuer) {
    const place = placeFromIssuer(fields.issuer);
    if (place) {
      fields.place = place;
      if (spans.issuer) spans.place = { start: spans.issuer.start, end: spans.issuer.end, ruleId: 'header.placeFromIssuer' };
    }
  }
  const agencies = ex.tasks.map((t) => [
    ...t.lead.map((a) => ({ name: a.name, canonical: canonicalAgency(a.name), role: 'lead' as const, start: a.start, end: a.end, rule: a.rule })),
    ...t.support.map((a) => ({ name: a.name, canonical: canonicalAgency(a.name), role: 'support' as const, start: a.start, end: a.end, rule: a.rule })),
  ]);
  return { ...ex, fields, spans, diagnostics, agencies };
}
