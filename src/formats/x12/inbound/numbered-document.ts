/**
 * parseX12 plus the segment number (in its interchange, ISA = 1) of every ST, which the envelope
 * tree does not keep but X12 orders use as their `sourceLine`. Same tokenizer and validator as
 * X12StreamParser, with the tokenizer's segment events looked at on their way through.
 */
import { buildX12Document } from '../document.js';
import { X12EnvelopeValidator } from '../envelope.js';
import type { X12Document, X12EnvelopeOptions } from '../envelope-types.js';
import { X12Tokenizer } from '../tokenizer.js';
import type { X12Event, X12TokenizerOptions } from '../types.js';

export interface NumberedX12Document {
  readonly document: X12Document;
  /** Byte offset of an ST → its segment number in the interchange. */
  readonly stNumbers: ReadonlyMap<number, number>;
}

export function parseX12Numbered(input: Buffer, options: X12TokenizerOptions & X12EnvelopeOptions = {}): NumberedX12Document {
  const tokenizer = new X12Tokenizer(options);
  const validator = new X12EnvelopeValidator(options);
  const stNumbers = new Map<number, number>();
  const note = (events: X12Event[]): X12Event[] => {
    for (const event of events) if (event.type === 'segment' && event.id === 'ST') stNumbers.set(event.offset, event.index);
    return events;
  };
  const envelope = [...validator.push(note(tokenizer.push(input))), ...validator.push(note(tokenizer.end())), ...validator.end()];
  return { document: buildX12Document(envelope), stNumbers };
}
