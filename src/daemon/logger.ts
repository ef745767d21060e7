import { appendFileSync } from 'node:fs';
import winston from 'winston';
import Transport from 'winston-transport';
import type { Log } from '../jobs/ports.js';

/**
 * One JSON object per line on stdout (journald keeps it). Partner text only ever appears inside
 * JSON strings: JSON escapes CR/LF and control characters, and we also escape U+2028/U+2029,
 * which some viewers treat as line breaks — so a partner can never forge a log line.
 */
export function createLogger(level: string, file: string | null, stream: NodeJS.WritableStream = process.stdout): Log & { close(): void } {
  const line = winston.format.printf((info) => {
    const { level: lvl, message, timestamp, ...fields } = info as Record<string, unknown>;
    const record: Record<string, unknown> = { time: timestamp, level: lvl, msg: message };
    for (const [key, value] of Object.entries(fields)) {
      if (typeof key === 'string') record[key] = value instanceof Error ? { message: value.message, stack: value.stack } : value;
    }
    return JSON.stringify(record).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  });
  const transports: Transport[] = [new StreamLines(stream)];
  if (file !== null) transports.push(new FileLines(file));
  const logger = winston.createLogger({
    level,
    format: winston.format.combine(winston.format.errors({ stack: true }), winston.format.timestamp(), line),
    transports,
  });
  return {
    error: (m, f) => logger.error(m, f ?? {}),
    warn: (m, f) => logger.warn(m, f ?? {}),
    info: (m, f) => logger.info(m, f ?? {}),
    debug: (m, f) => logger.debug(m, f ?? {}),
    close: () => logger.close(),
  };
}

/** Writes each formatted line synchronously-ordered to a stream (stdout). */
class StreamLines extends Transport {
  constructor(private readonly stream: NodeJS.WritableStream) { super(); }
  override log(info: Record<symbol, unknown>, next: () => void): void {
    this.stream.write(`${String(info[Symbol.for('message')])}\n`);
    next();
  }
}

/** winston's File transport drops lines written just before exit; an append per line does not. */
class FileLines extends Transport {
  constructor(private readonly file: string) { super(); }
  override log(info: Record<symbol, unknown>, next: () => void): void {
    appendFileSync(this.file, `${String(info[Symbol.for('message')])}\n`);
    next();
  }
}

/** A logger that drops everything (CLI commands that print tables). */
export const silentLog: Log = { error() {}, warn() {}, info() {}, debug() {} };
