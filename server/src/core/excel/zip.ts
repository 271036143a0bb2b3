import zlib from 'node:zlib';

/**
 * A small, defensive reader of the zip container an .xlsx file is. It reads the central directory
 * (End Of Central Directory record → entries) without decompressing anything, so hostile uploads are
 * refused before any XML is parsed: not a zip, truncated, encrypted, zip64, too many entries, too much
 * uncompressed data, or an entry compressed suspiciously well (a zip bomb). Entries are then inflated
 * as streams whose real output is counted against the declared size, so a lying header cannot inflate
 * more than it announced.
 */

export type ZipLimits = {
  /** Refuse when the entries together would inflate to more than this many bytes. */
  maxTotalUncompressed: number;
  /** Refuse when one entry's uncompressed/compressed ratio exceeds this (entries above `ratioFloor` bytes). */
  maxRatio: number;
  /** Entries smaller than this are not ratio-checked (tiny XML parts compress very well). */
  ratioFloor: number;
  maxEntries: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloor: 64 * 1024,
  maxEntries: 10_000,
};

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's data (after its local header) in the buffer. */
  dataOffset: number;
};

export type ZipProblem =
  | 'not_zip'
  | 'old_xls'
  | 'truncated'
  | 'zip64'
  | 'encrypted'
  | 'too_many_entries'
  | 'too_large'
  | 'ratio'
  | 'corrupt'
  | 'unsupported_method';

/** Why a container was refused; `detail` carries the figures for the message. */
export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`zip: ${problem} ${JSON.stringify(detail)}`);
    this.name = 'ZipError';
  }
}

const SIG_EOCD = 0x06054b50;
const SIG_CEN = 0x02014b50;
const SIG_LOC = 0x04034b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === SIG_LOC;
}

/** Reads and checks the central directory; throws ZipError. Nothing is decompressed. */
export function readZipDirectory(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, ZipEntry> {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1)
    throw new ZipError('old_xls');
  if (!looksLikeZip(buf) && !(buf.length >= 4 && buf.readUInt32LE(0) === SIG_EOCD))
    throw new ZipError('not_zip');
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  let eocd = -1;
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('truncated');
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR) throw new ZipError('zip64');
  const diskNo = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('zip64');
  if (diskNo !== 0 || cdDisk !== 0) throw new ZipError('corrupt');
  if (total > limits.maxEntries)
    throw new ZipError('too_many_entries', { count: total, max: limits.maxEntries });
  if (cdOffset + cdSize > eocd) throw new ZipError('truncated');

  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  let sum = 0;
  for (let n = 0; n < total; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CEN) throw new ZipError('corrupt');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > eocd) throw new ZipError('corrupt');
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff)
      throw new ZipError('zip64');
    if (flags & 0x1) throw new ZipError('encrypted');
    if (name.endsWith('/')) continue; // a directory
    sum += uncompressedSize;
    if (sum > limits.maxTotalUncompressed)
      throw new ZipError('too_large', { max: Math.round(limits.maxTotalUncompressed / 1048576) });
    if (
      uncompressedSize > limits.ratioFloor &&
      uncompressedSize / Math.max(compressedSize, 1) > limits.maxRatio
    )
      throw new ZipError('ratio', {
        entry: name,
        ratio: Math.round(uncompressedSize / Math.max(compressedSize, 1)),
        max: limits.maxRatio,
      });
    if (method !== 0 && method !== 8) throw new ZipError('unsupported_method', { entry: name, method });
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== SIG_LOC)
      throw new ZipError('corrupt');
    const dataOffset =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > buf.length) throw new ZipError('truncated');
    if (method === 0 && compressedSize !== uncompressedSize) throw new ZipError('corrupt');
    entries.set(name, { name, method, flags, crc32, compressedSize, uncompressedSize, dataOffset });
  }
  return entries;
}

/**
 * The entry's bytes as a stream of chunks. Inflation stops with ZipError('corrupt') as soon as the real
 * output exceeds the declared size, and a CRC mismatch is reported at the end.
 */
export async function* entryChunks(
  buf: Buffer,
  entry: ZipEntry,
  chunkSize = 256 * 1024,
): AsyncGenerator<Buffer> {
  const data = buf.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let crc = 0;
  let produced = 0;
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += chunkSize) {
      const chunk = data.subarray(i, i + chunkSize);
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
    produced = data.length;
  } else {
    const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    inflater.end(data);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > entry.uncompressedSize) throw new ZipError('corrupt', { entry: entry.name });
        crc = zlib.crc32(chunk, crc);
        yield chunk;
      }
    } catch (err) {
      if (err instanceof ZipError) throw err;
      throw new ZipError('corrupt', { entry: entry.name });
    } finally {
      inflater.destroy();
    }
  }
  if (produced !== entry.uncompressedSize || crc >>> 0 !== entry.crc32 >>> 0)
    throw new ZipError('corrupt', { entry: entry.name });
}

/** A whole (small) entry as one buffer. */
export async function readEntry(buf: Buffer, entry: ZipEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of entryChunks(buf, entry)) parts.push(chunk);
  return Buffer.concat(parts);
}
