/**
 * Request latency by route, from the spans Next.js itself makes for every request (its OpenTelemetry
 * instrumentation names the route pattern, method and status). We register a tracer provider whose
 * only processor turns each finished request span into a histogram observation; nothing is exported.
 * Started from instrumentation.ts when metrics are on (METRICS_TOKEN).
 */
import { NodeTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { metrics } from '@/lib/metrics/registry';

const INSTALLED = Symbol.for('gatehouse.requestMetrics');

/** The observation for one finished span, or null for anything but a routed request span. */
export function requestObservation(span: Pick<ReadableSpan, 'attributes' | 'duration'>): { labels: { method: string; route: string; status: string }; seconds: number } | null {
  const { attributes } = span;
  const route = attributes['next.route'] ?? attributes['http.route'];
  if (attributes['next.span_type'] !== 'BaseServer.handleRequest' || typeof route !== 'string') return null;
  const rsc = attributes['next.rsc'] === true ? ' (RSC)' : '';
  return {
    labels: { method: String(attributes['http.method'] ?? 'GET'), route: `${route}${rsc}`, status: String(attributes['http.status_code'] ?? 0) },
    seconds: span.duration[0] + span.duration[1] / 1e9,
  };
}

class RequestMetricsProcessor implements SpanProcessor {
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    const observation = requestObservation(span);
    if (observation) metrics().requestDuration.observe(observation.labels, observation.seconds);
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function startRequestMetrics(): void {
  const registry = globalThis as { [INSTALLED]?: boolean };
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  new NodeTracerProvider({ spanProcessors: [new RequestMetricsProcessor()] }).register();
}
