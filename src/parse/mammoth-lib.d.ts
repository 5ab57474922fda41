// mammoth's own modules that src/parse/docx.ts calls (the parts of mammoth.convertToHtml); untyped.
declare module 'mammoth/lib/docx/docx-reader.js' {
  const m: { read(docxFile: unknown, input: unknown, options: unknown): Promise<any> };
  export default m;
}
declare module 'mammoth/lib/docx/style-map.js' {
  const m: { readStyleMap(docxFile: unknown): Promise<string | null> };
  export default m;
}
declare module 'mammoth/lib/document-to-html.js' {
  const m: { DocumentConverter: new (options: unknown) => { convertToHtml(document: unknown): Promise<any> } };
  export default m;
}
declare module 'mammoth/lib/options-reader.js' {
  const m: { readOptions(options: unknown): any };
  export default m;
}
declare module 'mammoth/lib/style-reader.js' {
  const m: { readStyle(mapping: string): any };
  export default m;
}
declare module 'mammoth/lib/results.js' {
  const m: { Result: { combine(results: unknown[]): any } };
  export default m;
}
declare module 'mammoth/lib/images.js' {
  const m: { imgElement(f: (image: any) => Promise<Record<string, string>>): unknown };
  export default m;
}
