import type { ShipTo } from '../../domain/order.js';

/**
 * The elements the XML order reader knows, as one tree. Everything else about the reader is
 * derived from it: which parsed paths are always arrays, which elements are reported as unknown,
 * and which start tags mark an order or an item (for their source lines).
 */
export interface ElementSchema {
  readonly children: ReadonlyMap<string, ElementSchema>;
}

function element(children: Record<string, ElementSchema> = {}): ElementSchema {
  return { children: new Map(Object.entries(children)) };
}

/** ShipTo field → element name inside `<ShippingAddress>`. */
export const SHIP_TO_ELEMENTS: Readonly<Record<keyof ShipTo, string>> = {
  firstName: 'FirstName',
  lastName: 'LastName',
  company: 'Company',
  address1: 'Address1',
  address2: 'Address2',
  city: 'City',
  state: 'State',
  postalCode: 'PostalCode',
  country: 'Country',
  phone: 'Phone',
  email: 'Email',
};

export const ITEM_SCHEMA = element({ Sku: element(), Quantity: element(), UnitPrice: element() });

export const ORDER_SCHEMA = element({
  OrderNumber: element(),
  ReferenceNumber: element(),
  OrderDate: element(),
  ShippingMethod: element(),
  ShippingAddress: element(Object.fromEntries(Object.values(SHIP_TO_ELEMENTS).map((name) => [name, element()]))),
  ItemList: element({ Item: ITEM_SCHEMA }),
  Notes: element(),
});

/** `Orders/Order`, or the FCP API's own `OrderSubmitRequest/OrderList/Order`. */
export const ROOT_SCHEMAS: ReadonlyMap<string, ElementSchema> = new Map([
  ['Orders', element({ Order: ORDER_SCHEMA })],
  ['OrderSubmitRequest', element({ Version: element(), MerchantId: element(), OrderList: element({ Order: ORDER_SCHEMA })})],
]);

/**
 * fast-xml-parser jpaths (`Orders.Order.ItemList.Item`) of every known element below a root.
 * All of them are parsed as arrays, so one element and many have the same shape, and a repeated
 * field is seen (and reported) instead of silently becoming an array where a string was expected.
 */
export const ARRAY_JPATHS: ReadonlySet<string> = (() => {
  const paths = new Set<string>();
  const visit = (schema: ElementSchema, path: string): void => {
    for (const [name, child] of schema.children) {
      paths.add(`${path}.${name}`);
      visit(child, `${path}.${name}`);
    }
  };
  for (const [rootName, schema] of ROOT_SCHEMAS) visit(schema, rootName);
  return paths;
})();

/** Names fast-xml-parser refuses outright because, as object keys, they reach Object.prototype. */
export const RESERVED_ELEMENT_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
