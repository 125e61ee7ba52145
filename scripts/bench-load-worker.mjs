// The load driver of the serving phase of `npm run bench`, in a worker thread of its own so that
// its work does not count against the server's event loop: autocannon with 50 connections,
// every connection alternating a search and a memo page, each taken in turn from its list.
// Posts back autocannon's latencies (all requests) and, per route, the latencies it saw.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const { base, searches, pages, connections, seconds } = workerData;
const next = { search: 0, page: 0 };
const seen = { search: [], page: [] };
const statuses = { search: {}, page: {} };

/** A request of one route: the next path of its list, and when it was sent. */
const route = (name, list) => ({
  method: 'GET',
  setupRequest: (request, context) => {
    context.sent = performance.now();
    return { ...request, path: list[next[name]++ % list.length] };
  },
  onResponse: (status, _body, context) => {
    seen[name].push(performance.now() - context.sent);
    statuses[name][status] = (statuses[name][status] ?? 0) + 1;
  },
});

const percentiles = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0 };
};

const options = { url: base, connections, duration: seconds, requests: [route('search', searches), route('page', pages)] };
// In a worker thread autocannon answers with its histograms encoded, to be aggregated.
const result = autocannon.aggregateResult([await autocannon(options)], { url: base, connections, duration: seconds });
parentPort.postMessage({
  requests: result.requests.total,
  rps: Math.round(result.requests.average),
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  search: { ...percentiles(seen.search), statuses: statuses.search, distinct: Math.min(next.search, searches.length) },
  page: { ...percentiles(seen.page), statuses: statuses.page, distinct: Math.min(next.page, pages.length) },
});
