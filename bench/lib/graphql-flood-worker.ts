/**
 * The GraphQL flood of bench/graphql-flood.ts, in a worker thread so that sending it and reading
 * its answers does not delay the bench's own probes. Each of `concurrency` loops posts the next
 * document as soon as its last answer is read, until `durationMs` has passed.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface FloodOrder {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly documents: readonly { readonly name: string; readonly body: string }[];
  readonly concurrency: number;
  readonly durationMs: number;
}

export interface FloodTally {
  readonly requests: number;
  /** `<document>: <status>` → count. */
  readonly outcomes: Record<string, number>;
  readonly answerBytes: number;
  readonly largestAnswer: number;
  readonly slowestMs: number;
  readonly failures: number;
}

const order = workerData as FloodOrder;
const outcomes: Record<string, number> = {};
let requests = 0;
let answerBytes = 0;
let largestAnswer = 0;
let slowestMs = 0;
let failures = 0;
const deadline = performance.now() + order.durationMs;

async function loop(offset: number): Promise<void> {
  for (let i = offset; performance.now() < deadline; i++) {
    const document = order.documents[i % order.documents.length];
    if (document === undefined) return;
    const started = performance.now();
    try {
      const response = await fetch(order.url, { method: 'POST', headers: order.headers, body: document.body });
      const text = await response.text();
      const key = `${document.name}: ${response.status}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      answerBytes += text.length;
      largestAnswer = Math.max(largestAnswer, text.length);
    } catch {
      failures++;
    }
    slowestMs = Math.max(slowestMs, performance.now() - started);
    requests++;
  }
}

await Promise.all(Array.from({ length: order.concurrency }, (_, i) => loop(i)));
parentPort?.postMessage({ requests, outcomes, answerBytes, largestAnswer, slowestMs, failures } satisfies FloodTally);
