import type { FcpOrder } from '../../domain/order.js';
import { document, indent, textElement, wholeNumber, XML_DECLARATION } from './markup.js';

/**
 * `fcp-xml` output (SPEC §6): one document per order, in the FCP XML API's shape; the API token
 * is never written to a file. Every element is always present (empty as `<X></X>`):
 *
 * <?xml version="1.0" encoding="UTF-8"?>
 * <OrderSubmitRequest>
 *   <Version>1.0</Version>
 *   <MerchantId>…</MerchantId>
 *   <OrderList>
 *     <Order>
 *       <OrderNumber/> <ReferenceNumber/> <OrderDate/> <ShippingMethod/>  (FCP ship code)
 *       <ShippingAddress>
 *         <FirstName/> <LastName/> <Company/> <Address1/> <Address2/> <City/> <State/>
 *         <PostalCode/> <Country/> <Phone/> <Email/>
 *       </ShippingAddress>
 *       <Notes/>
 *       <ItemList>
 *         <Item><Sku/><Quantity/></Item>   (one per FCP line, quantity in plain digits)
 *       </ItemList>
 *     </Order>
 *   </OrderList>
 * </OrderSubmitRequest>
 *
 * A cancellation is an OrderCancelRequest with Version, MerchantId and the FCP OrderNumber.
 */
export const FCP_XML_VERSION = '1.0';

export function writeFcpXmlOrder(order: FcpOrder, merchantId: string): string {
  const { shipTo } = order;
  return document([
    XML_DECLARATION,
    '<OrderSubmitRequest>',
    textElement(1, 'Version', FCP_XML_VERSION),
    textElement(1, 'MerchantId', merchantId),
    `${indent(1)}<OrderList>`,
    `${indent(2)}<Order>`,
    textElement(3, 'OrderNumber', order.fcpOrderNumber),
    textElement(3, 'ReferenceNumber', order.referenceNumber),
    textElement(3, 'OrderDate', order.orderDate),
    textElement(3, 'ShippingMethod', order.shipCode),
    `${indent(3)}<ShippingAddress>`,
    textElement(4, 'FirstName', shipTo.firstName),
    textElement(4, 'LastName', shipTo.lastName),
    textElement(4, 'Company', shipTo.company),
    textElement(4, 'Address1', shipTo.address1),
    textElement(4, 'Address2', shipTo.address2),
    textElement(4, 'City', shipTo.city),
    textElement(4, 'State', shipTo.state),
    textElement(4, 'PostalCode', shipTo.postalCode),
    textElement(4, 'Country', shipTo.country),
    textElement(4, 'Phone', shipTo.phone),
    textElement(4, 'Email', shipTo.email),
    `${indent(3)}</ShippingAddress>`,
    textElement(3, 'Notes', order.notes),
    `${indent(3)}<ItemList>`,
    ...order.lines.flatMap((line) => [
      `${indent(4)}<Item>`,
      textElement(5, 'Sku', line.sku),
      textElement(5, 'Quantity', wholeNumber(line.quantity, `quantity of ${line.sku}`)),
      `${indent(4)}</Item>`,
    ]),
    `${indent(3)}</ItemList>`,
    `${indent(2)}</Order>`,
    `${indent(1)}</OrderList>`,
    '</OrderSubmitRequest>',
  ]);
}

export function writeFcpXmlCancel(fcpOrderNumber: string, merchantId: string): string {
  return document([
    XML_DECLARATION,
    '<OrderCancelRequest>',
    textElement(1, 'Version', FCP_XML_VERSION),
    textElement(1, 'MerchantId', merchantId),
    textElement(1, 'OrderNumber', fcpOrderNumber),
    '</OrderCancelRequest>',
  ]);
}
