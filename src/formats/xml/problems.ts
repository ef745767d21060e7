/**
 * File-level problem codes only the XML reader raises. Like FILE_PROBLEMS, each one quarantines
 * the whole file, except XML_UNKNOWN_ELEMENT, which is a warning on a file that is still read.
 * The reader also uses the shared TOO_LARGE, INVALID_UTF8, CONTROL_CHARACTER and READ_FAILED.
 */
export const XML_PROBLEMS = {
  XML_ENCODING: 'The file is UTF-16/UTF-32, or its XML declaration names an encoding other than UTF-8 or US-ASCII.',
  XML_DOCTYPE: 'The file has a <!DOCTYPE> or <!ENTITY> (XXE, entity expansion); order files never need one.',
  XML_NOT_WELL_FORMED: 'Not well-formed XML: truncated, unclosed or mismatched tags, two roots, a repeated attribute, a bare & or an undeclared entity.',
  XML_TOO_DEEP: 'Elements are nested deeper than the reader allows (32 levels by default).',
  XML_UNKNOWN_ROOT: 'The root element is neither <Orders> nor <OrderSubmitRequest>.',
  XML_RESERVED_NAME: 'An element is named __proto__, constructor or prototype (a prototype-pollution probe).',
  XML_UNKNOWN_ELEMENT: 'Warning only: elements the reader does not know were ignored; their names are listed.',
} as const;

export type XmlProblemCode = keyof typeof XML_PROBLEMS;
