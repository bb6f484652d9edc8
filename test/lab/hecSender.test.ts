/** HecSender (src/lab/hecSender.ts): splunk-logging's batchInterval timer against the HEC stand-in (plain HTTP). */
import { HecSender } from '../../src/lab/hecSender';
import { StandIn, startStandIn } from './helpers/standInSplunk';

let server: StandIn;
afterEach(async () => server?.close());

const options = (url: string) => ({
  url,
  token: 'tok',
  tls: { rejectUnauthorized: true },
  maxBatchCount: 1000,
  maxBatchSize: 0,
  batchInterval: 30,
  maxRetries: 0,
  retryDelayMs: 5,
  maxRetryDelayMs: 10,
  maxInFlight: 2,
  timeoutMs: 5000,
});

test('batchInterval flushes queued events on its timer, before close(); close() stops the timer', async () => {
  server = await startStandIn({ hec: { token: 'tok' } });
  const sender = new HecSender(options(server.url));
  for (const n of [1, 2, 3]) await sender.send({ event: `e${n}`, time: n, source: 's', sourcetype: 'st' });
  const deadline = Date.now() + 5000;
  while (server.hecBatches.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(server.hecBatches.map((b) => b.map((e) => e.event))).toEqual([['e1', 'e2', 'e3']]);
  const summary = await sender.close();
  expect(summary).toMatchObject({ sent: 3, failed: 0, batches: 1 });
  await new Promise((r) => setTimeout(r, 100));
  expect(server.requests).toHaveLength(1);
});

test('without the timer, nothing is posted until the count is reached or close()', async () => {
  server = await startStandIn({ hec: { token: 'tok' } });
  const sender = new HecSender({ ...options(server.url), batchInterval: 0, maxBatchCount: 2 });
  await sender.send({ event: 'a', source: 's', sourcetype: 'st' });
  await new Promise((r) => setTimeout(r, 80));
  expect(server.requests).toHaveLength(0);
  await sender.send({ event: 'b', source: 's', sourcetype: 'st' });
  await sender.send({ event: 'c', source: 's', sourcetype: 'st' });
  await sender.close();
  expect(server.hecBatches.map((b) => b.map((e) => e.event))).toEqual([['a', 'b'], ['c']]);
});
