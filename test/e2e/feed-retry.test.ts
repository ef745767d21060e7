import { afterEach, expect, it } from 'vitest';
import { acmeConfig, makeWorkspace, ORDER_HEADER, orderRow, ordersJson, type Workspace } from './harness.js';

let ws: Workspace;
afterEach(() => ws?.cleanup());

it('re-checks INVALID_SKU orders as soon as a newer FCP inventory feed knows the SKU', () => {
  ws = makeWorkspace(acmeConfig().replace(
    '  orders: { format: fcp-csv',
    '  inventory: { channel: { type: local, path: inbox/fcp/inventory } }\n  orders: { format: fcp-csv',
  ));
  ws.write('inbox/fcp/inventory/feed-1.csv', 'sku,warehouse,good,hurt,allocated,as_of\nWIDGET,MAIN,5,0,0,2026-11-22T08:00:00Z\n');
  ws.write('inbox/acme/po.csv', `${ORDER_HEADER}\n${orderRow('F1', { sku: 'NEWTHING' })}\n`);
  expect(ws.cli(['run', '--once']).status).toBe(0);
  expect(ordersJson(ws)[0]).toMatchObject({ status: 'IMPORT ERROR', errors: ["Invalid SKU: 'NEWTHING' is not in the FCP inventory feed"] });

  ws.write('inbox/fcp/inventory/feed-2.csv', 'sku,warehouse,good,hurt,allocated,as_of\nWIDGET,MAIN,5,0,0,2026-11-22T09:00:00Z\nNEWTHING,MAIN,3,0,0,2026-11-22T09:00:00Z\n');
  expect(ws.cli(['run', '--once']).status).toBe(0);
  const order = JSON.parse(ws.cli(['order', 'acme', 'F1', '--json']).stdout);
  expect(order.status).toBe('ACCEPTED');
  expect(order.history[1].cause).toBe('retried after a new FCP inventory feed');
});
