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

/** A part (or folder) as the zip's central directory lists it, zip64 sizes read where present. */
export interface ZipEntry {
  /** The name's bytes as latin1 (./guards.ts reads them as UTF-8). */
  name: string;
  nameUtf8: string;
  madeBy: number;
  flags: number;
  method: number;
  compressed: number;
  size: number;
  disk: number;
  external: number;
  local: number;
  /** Where the record's extra field lies in the file. */
  extra: [number, number];
  /** Some field of this record needed its zip64 value. */
  zip64: boolean;
}

/** What is wrong with a zip's directory (the reason, in plain words). */
export class ZipDamage extends Error {
  override name = 'ZipDamage';
}

/** More entries than the caller allows. */
export class ZipTooMany extends ZipDamage {
  constructor(readonly count: number) {
    super(`${count} entries`);
  }
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Where the end-of-central-directory record is, and its comment's length. */
  eocd: number;
  commentLen: number;
  cdOffset: number;
  cdSize: number;
  /** The end of the last directory record read. */
  end: number;
  /** The count or offsets came from a zip64 record. */
  zip64: boolean;
}

const EOCD_SIG = 0x06054b50;

/**
 * The central directory of a zip: the one zip directory reader of the DOCX guards
 * (./guards.ts, which check sizes against limits) and the fast reader below (openZip, which
 * then declines anything but the plain case). Throws ZipDamage with the reason.
 */
export function readZipDirectory(buf: Buffer, maxEntries = Infinity): ZipDirectory {
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes, at the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipDamage('the zip directory at its end is missing (the file was cut off?)');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let zip64 = false;
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // zip64: the locator sits just before the end record
    zip64 = true;
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== 0x07064b50) throw new ZipDamage('its zip64 directory is missing');
    const z = Number(buf.readBigUInt64LE(loc + 8));
    if (z < 0 || z + 56 > buf.length || buf.readUInt32LE(z) !== 0x06064b50) throw new ZipDamage('its zip64 directory is missing');
    count = Number(buf.readBigUInt64LE(z + 32));
    cdSize = Number(buf.readBigUInt64LE(z + 40));
    cdOffset = Number(buf.readBigUInt64LE(z + 48));
  }
  if (cdOffset + cdSize > buf.length) throw new ZipDamage('the zip directory points past the end of the file (the file was cut off?)');
  if (count > maxEntries) throw new ZipTooMany(count);
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let k = 0; k < count; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) throw new ZipDamage('its zip directory is broken');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const e: ZipEntry = {
      name: buf.toString('latin1', at + 46, at + 46 + nameLen),
      nameUtf8: buf.subarray(at + 46, at + 46 + nameLen).toString('utf8'),
      madeBy: buf.readUInt16LE(at + 4) >> 8,
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      disk: buf.readUInt16LE(at + 34),
      external: buf.readUInt32LE(at + 38),
      local: buf.readUInt32LE(at + 42),
      extra: [at + 46 + nameLen, Math.min(buf.length, at + 46 + nameLen + extraLen)],
      zip64: false,
    };
    // zip64 extended information: the 64-bit values of the fields that read 0xffffffff, in order
    for (let x = e.extra[0]; x + 4 <= e.extra[1]; x += 4 + buf.readUInt16LE(x + 2)) {
      if (buf.readUInt16LE(x) !== 0x0001) continue;
      const len = buf.readUInt16LE(x + 2);
      let f = x + 4;
      const next = () => {
        if (f + 8 > x + 4 + len) throw new ZipDamage('its zip64 sizes are missing');
        const v = Number(buf.readBigUInt64LE(f));
        f += 8;
        e.zip64 = true;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressed === 0xffffffff) e.compressed = next();
      if (e.local === 0xffffffff) e.local = next();
    }
    entries.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, eocd, commentLen: buf.readUInt16LE(eocd + 20), cdOffset, cdSize, end: at, zip64 };
}

/** The parts of a plain zip, or null when the zip is anything else. */
export function openZip(buf: Buffer): Parts | null {
  const n = buf.length;
  let dir: ZipDirectory;
  try {
    dir = readZipDirectory(buf);
  } catch {
    return null;
  }
  const { eocd, cdOffset, cdSize } = dir;
  // the last end signature in the file (where JSZip looks), its comment running to the end
  if (dir.zip64 || buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) !== eocd || eocd + 22 + dir.commentLen !== n) return null;
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) return null;
  if (buf.readUInt16LE(eocd + 8) !== dir.entries.length) return null;
  if (cdOffset + cdSize !== eocd || dir.end !== eocd) return null;
  const entries = new Map<string, Entry>();
  for (const e of dir.entries) {
    const { madeBy, flags, method, compressed, size, disk, external, local, name } = e;
    if (flags & 1 || (method !== 0 && method !== 8) || disk !== 0 || e.zip64) return null;
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return null;
    if (!ASCII_NAME.test(name)) return null;
    for (let x = e.extra[0]; x + 4 <= e.extra[1]; x += 4 + buf.readUInt16LE(x + 2)) {
      if (buf.readUInt16LE(x) === 0x7075) return null; // Unicode path
    }
    // the local header: JSZip takes the name from here
    if (local + 30 > cdOffset || buf.readUInt32LE(local) !== 0x04034b50) return null;
    const lNameLen = buf.readUInt16LE(local + 26);
    const start = local + 30 + lNameLen + buf.readUInt16LE(local + 28);
    if (lNameLen !== name.length || buf.toString('latin1', local + 30, local + 30 + lNameLen) !== name) return null;
    if (start + compressed > cdOffset) return null;
    const isDir = external & 0x10 || (madeBy === 3 && (external >>> 16) & 0x4000) || name.endsWith('/');
    if (isDir) {
      if (!name.endsWith('/')) return null;
    } else {
      if (method === 0 && compressed !== size) return null;
      entries.set(name, { method, size, data: buf.subarray(start, start + compressed) });
    }
  }

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
