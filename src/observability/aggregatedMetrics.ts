import { AggregatorRegistry, type Registry } from 'prom-client';

/** The metrics of one registry as `Registry.getMetricsAsJSON()` gives them (what crosses to the main thread). */
export type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * What /metrics of an instance with turn worker threads serves: its own registry and those of its threads
 * (`others()`, e.g. `TurnThreads.collect('metrics')`) merged by prom-client's `AggregatorRegistry.aggregate`:
 * counters and histograms summed by name and labels, gauges by their own `aggregator` setting. A thread that does
 * not answer in time is left out of that scrape (its counters come back with it; Prometheus treats a lower
 * total as a counter reset).
 */
export function aggregatedMetrics(own: Registry, others: () => Promise<readonly unknown[]>): Pick<Registry, 'contentType' | 'metrics'> {
  return {
    contentType: own.contentType,
    metrics: async () => {
      const all: MetricsJson[] = [await own.getMetricsAsJSON(), ...((await others()) as MetricsJson[])];
      return AggregatorRegistry.aggregate(all).metrics();
    },
  };
}
