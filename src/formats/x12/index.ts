/** X12 reading: streaming tokenizer, envelope validator, whole-buffer parse, code catalogue. */
export { X12Tokenizer, tokenizeX12 } from './tokenizer.js';
export { X12EnvelopeValidator, X12StreamParser, transactionSetAk5Code } from './envelope.js';
export { parseX12, buildX12Document, acceptedTransactionSets } from './document.js';
export type { X12AcceptedSet } from './document.js';
export {
  X12_STREAM_ERRORS,
  X12_ENVELOPE_ERRORS,
  TA1_NOTE_CODES,
  AK905_CODES,
  AK502_CODES,
  AK304_CODES,
  AK403_CODES,
  AK5_SEGMENTS_IN_ERROR,
  FUNCTIONAL_GROUP_SETS,
} from './codes.js';
export type { X12StreamErrorCode, X12EnvelopeErrorCode, X12AckCode, X12ErrorLevel } from './codes.js';
export type * from './types.js';
export type * from './envelope-types.js';
