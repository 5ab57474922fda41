/**
 * The export formats by name, with the file name extension and media type of each (for
 * downloads). Looked up in a Map: a name such as "toString" or "__proto__" is no format.
 */
export const FORMAT_NAMES = ['json', 'ndjson', 'csv', 'ics', 'edoc'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const FORMAT_INFO: ReadonlyMap<string, { ext: string; type: string }> = new Map<FormatName, { ext: string; type: string }>([
  ['json', { ext: 'json', type: 'application/json; charset=utf-8' }],
  ['ndjson', { ext: 'ndjson', type: 'application/x-ndjson; charset=utf-8' }],
  ['csv', { ext: 'csv', type: 'text/csv; charset=utf-8' }],
  ['ics', { ext: 'ics', type: 'text/calendar; charset=utf-8' }],
  ['edoc', { ext: 'edoc.json', type: 'application/json; charset=utf-8' }],
]);
