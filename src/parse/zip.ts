/**
 * The parts of a DOCX package, read once for both the DOCX parser and mammoth.
 *
 * `openZip` reads a plain zip itself (central directory, native zlib inflate of a part when
 * it is first read) and declines (null) anything JSZip might read differently: zip64,
 * several disks, bytes before or between the zip's records, encrypted parts, compression
 * other than store/deflate, non-ASCII or mismatched part names, a Unicode-path extra field,
 * a directory flag on a part name. A part that does not inflate to its declared size sets
 * `failed`: the caller then reads the whole file again through JSZip (`jszipParts`),
 * which is what the parser used before, so the outcome is the same either way.
 *
 * `mammothFile` gives the object mammoth's docx reader reads parts from (the interface
 * of mammoth/lib/zipfile.js: the same decoding, the same error for a missing part), with
 * the parts the parser rewrote served in their new text.
 */
import zlib from 'node:zlib';
import type JSZip from 'jszip';

/** Read "encoding" that checks a part is there without reading it (image probes: see docx.ts). */
export const PROBE = 'congvan-probe';

export interface Parts {
  /** A part (not a folder) of that name. */
  has(name: string): boolean;
  /** A part's text as the parser reads it (UTF-8, a BOM kept). */
  text(name: string): Promise<string>;
  /** A part's bytes, or null when missing. */
  bytes(name: string): Promise<Uint8Array | null>;
  /** Set when a part could not be read here: read the file through JSZip instead. */
  failed: boolean;
}

export class ZipFallback extends Error {
  override name = 'ZipFallback';
}

interface Entry {
  method: number;
  size: number;
  data: Buffer;
  inflated?: Buffer;
}

const ASCII_NAME = /^[\x20-\x7e]*$/;

/** The fields of the zip central-directory record at `at` (its 46 fixed bytes; the caller checks they are there). */
export function centralRecord(buf: Buffer, at: number) {
  return {
    madeBy: buf.readUInt16LE(at + 4) >> 8,
    flags: buf.readUInt16LE(at + 8),
    method: buf.readUInt16LE(at + 10),
    compressed: buf.readUInt32LE(at + 20),
    size: buf.readUInt32LE(at + 24),
    nameLen: buf.readUInt16LE(at + 28),
    extraLen: buf.readUInt16LE(at + 30),
    commentLen: buf.readUInt16LE(at + 32),
    disk: buf.readUInt16LE(at + 34),
    external: buf.readUInt32LE(at + 38),
    local: buf.readUInt32LE(at + 42),
  };
}

/** The parts of a plain zip, or null when the zip is anything else. */
export function openZip(buf: Buffer): Parts | null {
  const n = buf.length;
  if (n < 22) return null;
  // end of central directory: the last signature in the file (where JSZip looks), its comment running to the end
  let eocd = -1;
  for (let i = n - 4; i >= Math.max(0, n - 22 - 65535); i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0 || eocd + 22 > n || eocd + 22 + buf.readUInt16LE(eocd + 20) !== n) return null;
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  if (buf.readUInt16LE(eocd + 8) !== count || count === 0xffff) return null;
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize !== eocd) return null;
  const entries = new Map<string, Entry>();
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > eocd || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const { madeBy, flags, method, compressed, size, nameLen, extraLen, commentLen, disk, external, local } = centralRecord(buf, at);
    if (flags & 1 || (method !== 0 && method !== 8) || disk !== 0) return null;
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return null;
    const nameEnd = at + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > eocd) return null;
    const name = buf.toString('latin1', at + 46, nameEnd);
    if (!ASCII_NAME.test(name)) return null;
    for (let x = nameEnd; x + 4 <= nameEnd + extraLen; x += 4 + buf.readUInt16LE(x + 2)) {
      if (buf.readUInt16LE(x) === 0x7075) return null; // Unicode path
    }
    // the local header: JSZip takes the name from here
    if (local + 30 > cdOffset || buf.readUInt32LE(local) !== 0x04034b50) return null;
    const lNameLen = buf.readUInt16LE(local + 26);
    const start = local + 30 + lNameLen + buf.readUInt16LE(local + 28);
    if (lNameLen !== nameLen || buf.toString('latin1', local + 30, local + 30 + lNameLen) !== name) return null;
    if (start + compressed > cdOffset) return null;
    const dir = external & 0x10 || (madeBy === 3 && (external >>> 16) & 0x4000) || name.endsWith('/');
    if (dir) {
      if (!name.endsWith('/')) return null;
    } else {
      if (method === 0 && compressed !== size) return null;
      entries.set(name, { method, size, data: buf.subarray(start, start + compressed) });
    }
    at = nameEnd + extraLen + commentLen;
  }
  if (at !== eocd) return null;

  const parts: Parts = {
    failed: false,
    has: (name) => entries.has(name),
    bytes: async (name) => inflate(name),
    text: async (name) => {
      const b = inflate(name);
      if (!b) throw new ZipFallback(`${name} is missing`);
      return b.toString('utf8');
    },
  };
  const inflate = (name: string): Buffer | null => {
    const e = entries.get(name);
    if (!e) return null;
    if (!e.inflated) {
      let out: Buffer;
      try {
        out = e.method === 0 ? e.data : zlib.inflateRawSync(e.data);
      } catch {
        out = Buffer.alloc(0);
        e.size = -1;
      }
      if (out.length !== e.size) {
        parts.failed = true;
        throw new ZipFallback(`${name} does not inflate to its size`);
      }
      e.inflated = out;
    }
    return e.inflated;
  };
  return parts;
}

/** The parts of a zip JSZip has read. */
export function jszipParts(zip: JSZip): Parts {
  return {
    failed: false,
    has: (name) => zip.file(name) !== null,
    text: (name) => zip.file(name)!.async('string'),
    bytes: async (name) => {
      const f = zip.file(name);
      return f ? f.async('uint8array') : null;
    },
  };
}

export interface MammothFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}

/** mammoth's view of the package (as mammoth/lib/zipfile.js reads it), with `changed` parts as given. */
export function mammothFile(parts: Parts, changed: Map<string, string>): MammothFile {
  return {
    exists: (name) => changed.has(name) || parts.has(name),
    read(name, encoding) {
      const text = changed.get(name);
      if (text === undefined && !parts.has(name)) {
        // what mammoth gets from JSZip for a missing part: zipFile.file(name) is null
        const missing = null as unknown as { async(t: string): Promise<Uint8Array> };
        return missing.async('uint8array') as never;
      }
      if (encoding === PROBE) return Promise.resolve('');
      const bytes: Promise<Uint8Array> = text !== undefined ? Promise.resolve(Buffer.from(text, 'utf8')) : parts.bytes(name).then((b) => b!);
      return bytes.then((array) => {
        const u8 = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
        if (encoding === 'base64') return Buffer.from(u8).toString('base64');
        if (encoding) return new TextDecoder(encoding).decode(u8);
        return u8;
      });
    },
  };
}
