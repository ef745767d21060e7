/**
 * The fields a CSV order file can carry, and how a header row or a fixed layout maps onto them
 * (SPEC §5.1). Field names are the SPEC's snake_case names; they are also the keys of a partner's
 * `csv.columns` setting.
 */

export const CSV_FIELDS = [
  'order_number', 'reference_number', 'order_date', 'ship_method', 'ship_name', 'first_name',
  'last_name', 'company', 'address1', 'address2', 'city', 'state', 'postal_code', 'country',
  'phone', 'email', 'sku', 'quantity', 'unit_price', 'description', 'notes',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export const REQUIRED_CSV_FIELDS: readonly CsvField[] = [
  'order_number', 'ship_method', 'address1', 'city', 'postal_code', 'country', 'sku', 'quantity',
];

/**
 * Header texts accepted for each field besides its own name, written already normalised (see
 * normaliseHeaderName, so `Zip Code`, `zip_code` and `ZIP-CODE` are all `zipcode`). Left out on
 * purpose, because real files use them for something else: `name` (often the product name),
 * `carrier`, `service` and `shipping` (often a carrier column or a shipping charge), `st`, `cost`.
 * `reference_number` and `description` are fcp-bridge additions to the SPEC's list.
 */
const ALIASES: Record<CsvField, readonly string[]> = {
  order_number: ['orderno', 'ordernum', 'orderid', 'order', 'ponumber', 'pono', 'ponum', 'po',
    'purchaseorder', 'purchaseordernumber', 'custref', 'customerreference'],
  reference_number: ['reference', 'referenceno', 'refnumber', 'refno', 'ref'],
  order_date: ['date', 'podate', 'purchasedate', 'orderedon', 'createdat'],
  ship_method: ['shippingmethod', 'shipvia', 'shipcode', 'shipservice', 'shippingservice',
    'shippingcode', 'servicelevel'],
  ship_name: ['shiptoname', 'shippingname', 'recipient', 'recipientname', 'fullname'],
  first_name: ['shiptofirstname', 'shippingfirstname', 'fname', 'first', 'givenname'],
  last_name: ['shiptolastname', 'shippinglastname', 'lname', 'last', 'surname', 'familyname'],
  company: ['companyname', 'shiptocompany', 'shippingcompany'],
  address1: ['address', 'addressline1', 'street', 'street1', 'streetaddress', 'addr1', 'add1',
    'shiptoaddress', 'shiptoaddress1', 'shippingaddress', 'shippingaddress1'],
  address2: ['addressline2', 'street2', 'addr2', 'add2', 'shiptoaddress2', 'shippingaddress2'],
  city: ['town', 'shiptocity', 'shippingcity'],
  state: ['province', 'stateprovince', 'stateorprovince', 'region', 'shiptostate', 'shippingstate'],
  postal_code: ['zip', 'zipcode', 'postcode', 'postal', 'shiptozip', 'shiptopostalcode',
    'shippingzip', 'shippingpostalcode'],
  country: ['countrycode', 'shiptocountry', 'shippingcountry'],
  phone: ['phonenumber', 'telephone', 'tel', 'shiptophone', 'shippingphone'],
  email: ['emailaddress', 'shiptoemail', 'shippingemail'],
  sku: ['item', 'itemsku', 'itemnumber', 'itemno', 'itemcode', 'productcode', 'productsku',
    'partnumber', 'partno'],
  quantity: ['qty', 'quantityordered', 'qtyordered', 'orderedqty', 'units'],
  unit_price: ['price', 'itemprice'],
  description: ['itemdescription', 'itemname', 'productname', 'productdescription'],
  notes: ['note', 'comments', 'comment', 'instructions', 'specialinstructions', 'ordernotes'],
};

/** Case, spaces, `_`, `-`, `.` and `#` are ignored, so `Order #`, `order_number` and `Order-No.` compare as written. */
export function normaliseHeaderName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_\-.#]/g, '');
}

/** Normalised header text → field, built once; a Map so that `__proto__` or `constructor` is just unknown. */
const STANDARD_NAMES: ReadonlyMap<string, CsvField> = (() => {
  const names = new Map<string, CsvField>();
  for (const field of CSV_FIELDS) {
    for (const name of [normaliseHeaderName(field), ...ALIASES[field]]) {
      if (names.has(name)) throw new Error(`CSV header alias ${name} is listed twice`);
      names.set(name, field);
    }
  }
  return names;
})();

export function standardFieldOf(headerName: string): CsvField | undefined {
  return STANDARD_NAMES.get(normaliseHeaderName(headerName));
}

/**
 * Extensiv Integration Manager "simple CSV": 16 columns, no header. `ship_method` carries the
 * ship code; the order date is MM/DD/YY.
 */
export const EXTENSIV_SIMPLE_LAYOUT: readonly CsvField[] = [
  'order_number', 'ship_method', 'company', 'first_name', 'last_name', 'address1', 'address2',
  'city', 'state', 'postal_code', 'country', 'phone', 'email', 'order_date', 'sku', 'quantity',
];

export type HeaderMatch =
  | {
      ok: true;
      columnOf: Map<CsvField, number>;
      /** Header cells that name no field, as written (blank cells are left out). */
      ignored: string[];
      /** Problems with the partner's `columns` setting itself. */
      settingWarnings: string[];
    }
  | { ok: false; code: 'CSV_MISSING_COLUMN' | 'CSV_DUPLICATE_HEADER'; message: string };

/**
 * Maps header cells onto fields. A field named in `columns` is matched ONLY by that text (trimmed,
 * case-insensitive), so that a partner's `Name` can mean ship_name without every file's `Ship Name`
 * competing for it; every other field keeps its standard name and aliases.
 */
export function matchHeader(cells: readonly string[], columns: Readonly<Record<string, string>> | null): HeaderMatch {
  const explicit = new Map<string, { field: CsvField; text: string }>();
  const settingWarnings: string[] = [];
  for (const [key, text] of Object.entries(columns ?? {})) {
    const field = CSV_FIELDS.find((f) => normaliseHeaderName(f) === normaliseHeaderName(key));
    if (field === undefined) {
      settingWarnings.push(`csv.columns names an unknown field '${key}' (known: ${CSV_FIELDS.join(', ')})`);
      continue;
    }
    const trimmed = String(text).trim();
    const previous = explicit.get(trimmed.toLowerCase());
    if (previous !== undefined) {
      settingWarnings.push(`csv.columns maps both ${previous.field} and ${field} to '${trimmed}'; ${previous.field} is used`);
      continue;
    }
    explicit.set(trimmed.toLowerCase(), { field, text: trimmed });
  }
  const explicitFields = new Set([...explicit.values()].map((e) => e.field));

  const columnOf = new Map<CsvField, number>();
  const ignored: string[] = [];
  for (const [index, cell] of cells.entries()) {
    if (cell === '') continue;
    let field = explicit.get(cell.toLowerCase())?.field;
    if (field === undefined) {
      const standard = standardFieldOf(cell);
      if (standard !== undefined && !explicitFields.has(standard)) field = standard;
    }
    if (field === undefined) {
      ignored.push(cell);
      continue;
    }
    const earlier = columnOf.get(field);
    if (earlier !== undefined) {
      return {
        ok: false,
        code: 'CSV_DUPLICATE_HEADER',
        message: `Header columns ${earlier + 1} ('${cells[earlier]}') and ${index + 1} ('${cell}') both name the field ${field}`,
      };
    }
    columnOf.set(field, index);
  }

  const missing = REQUIRED_CSV_FIELDS.filter((f) => !columnOf.has(f));
  if (missing.length > 0) {
    const described = missing.map((f) => {
      const text = [...explicit.values()].find((e) => e.field === f)?.text;
      return text === undefined ? f : `${f} (header '${text}' per csv.columns)`;
    });
    return { ok: false, code: 'CSV_MISSING_COLUMN', message: `Missing required column(s): ${described.join(', ')}` };
  }
  return { ok: true, columnOf, ignored, settingWarnings };
}
