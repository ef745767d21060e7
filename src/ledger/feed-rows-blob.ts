/**
 * How the ledger stores a feed's rows: one BLOB per feed holding the FeedColumns as they are in
 * memory. A 1M-row feed as a JSON document took half a second to parse and about 100 MB of
 * short-lived arrays at every daemon start and every new feed; as a BLOB each column is one copy.
 *
 * Layout (little-endian; every section starts on an 8-byte boundary):
 *   u32 format (1) · u32 rows · u32 header bytes · u32 SKU text bytes
 *   header: UTF-8 JSON {"warehouses":[…]}
 *   good f64[rows] · hurt f64[rows] · allocated f64[rows] · warehouse u32[rows] · SKU length u32[rows]
 *   SKU text: UTF-8, the SKUs one after another (lengths are in UTF-16 code units, as in JavaScript)
 * A new layout gets a new format number and a migration; a BLOB of an unknown format is refused.
 */
import type { FeedColumns } from '../domain/feed-index.js';

const FORMAT = 1;
const PREFIX = 16;

const padded = (n: number): number => Math.ceil(n / 8) * 8;

export function encodeFeedColumns(c: FeedColumns): Buffer {
  const rows = c.good.length;
  const header = Buffer.from(JSON.stringify({ warehouses: c.warehouses }), 'utf8');
  const text = Buffer.from(c.skus.text, 'utf8');
  const numbersAt = PREFIX + padded(header.length);
  const textAt = numbersAt + padded(rows * 8 * 3 + rows * 4 * 2);
  const out = Buffer.alloc(textAt + text.length);
  out.writeUInt32LE(FORMAT, 0);
  out.writeUInt32LE(rows, 4);
  out.writeUInt32LE(header.length, 8);
  out.writeUInt32LE(text.length, 12);
  header.copy(out, PREFIX);
  let at = numbersAt;
  for (const column of [c.good, c.hurt, c.allocated, c.warehouse, Uint32Array.from(c.skus.lengths)]) {
    const bytes = new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
    out.set(bytes, at);
    at += bytes.length;
  }
  text.copy(out, textAt);
  return out;
}

export function decodeFeedColumns(blob: Uint8Array): FeedColumns {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < PREFIX || buf.readUInt32LE(0) !== FORMAT) {
    throw new Error(`feed rows stored in an unknown format (${buf.length < PREFIX ? 'too short' : `format ${buf.readUInt32LE(0)}`}); this build reads format ${FORMAT}`);
  }
  const rows = buf.readUInt32LE(4);
  const headerBytes = buf.readUInt32LE(8);
  const textBytes = buf.readUInt32LE(12);
  const header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerBytes)) as { warehouses: string[] };
  let at = PREFIX + padded(headerBytes);
  // Copied out rather than viewed: the BLOB's buffer has no alignment promise, and a view would
  // keep the whole BLOB alive for as long as the index lives.
  const take = <T>(make: new (n: number) => T & { buffer: ArrayBufferLike }, width: number): T => {
    const column = new make(rows);
    new Uint8Array(column.buffer).set(buf.subarray(at, at + rows * width));
    at += rows * width;
    return column;
  };
  const good = take(Float64Array, 8);
  const hurt = take(Float64Array, 8);
  const allocated = take(Float64Array, 8);
  const warehouse = take(Uint32Array, 4);
  const lengths = Array.from(take(Uint32Array, 4));
  const textAt = PREFIX + padded(headerBytes) + padded(rows * 8 * 3 + rows * 4 * 2);
  return { skus: { text: buf.toString('utf8', textAt, textAt + textBytes), lengths }, warehouses: header.warehouses, warehouse, good, hurt, allocated };
}
