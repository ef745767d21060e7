/**
 * File-level problem codes of X12 order files: the tokenizer's verdict when not one interchange
 * could be read (the file is quarantined). A file with at least one readable interchange is never
 * quarantined; what is wrong inside it is recorded per interchange, group and set (docs/x12.md).
 */
export const X12_FILE_PROBLEMS = {
  NOT_X12: 'No ISA where an interchange must start: binary, EBCDIC, another format, or an empty file.',
  INVALID_ISA: 'The file starts with "ISA" but no usable interchange header can be read from it.',
  PREMATURE_END: 'The file ends inside its first ISA header.',
} as const;

export type X12FileProblemCode = keyof typeof X12_FILE_PROBLEMS;
