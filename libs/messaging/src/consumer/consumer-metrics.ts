import { Counter, Gauge, Histogram, register, type Metric } from 'prom-client';

function metric<T extends Metric>(name: string, create: () => T): T {
  // Several services may share a process (tests do): each metric is created once.
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

const labels = ['group', 'topic'] as const;

export const consumerMetrics = {
  consumed: metric(
    'hub_events_consumed_total',
    () =>
      new Counter({
        name: 'hub_events_consumed_total',
        help: 'Events applied by a handler.',
        labelNames: labels,
      }),
  ),
  failed: metric(
    'hub_events_failed_total',
    () =>
      new Counter({
        name: 'hub_events_failed_total',
        help: 'Handler failures, by error class.',
        labelNames: [...labels, 'error_class'],
      }),
  ),
  retried: metric(
    'hub_events_retried_total',
    () =>
      new Counter({
        name: 'hub_events_retried_total',
        help: 'Events moved to the retry topic.',
        labelNames: labels,
      }),
  ),
  deadLettered: metric(
    'hub_events_dead_lettered_total',
    () =>
      new Counter({
        name: 'hub_events_dead_lettered_total',
        help: 'Events moved to the dead-letter topic, by error class.',
        labelNames: [...labels, 'error_class'],
      }),
  ),
  handlerSeconds: metric(
    'hub_event_handler_seconds',
    () =>
      new Histogram({
        name: 'hub_event_handler_seconds',
        help: 'Time a handler took to apply events, per event (a batch counts its time once per event).',
        labelNames: ['group'],
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  ),
  batchSize: metric(
    'hub_consumer_batch_events',
    () =>
      new Histogram({
        name: 'hub_consumer_batch_events',
        help: 'Events applied together in one batch (group commit across partitions).',
        labelNames: ['group'],
        buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2000],
      }),
  ),
  lag: metric(
    'hub_consumer_lag',
    () =>
      new Gauge({
        name: 'hub_consumer_lag',
        help: 'Messages published on an assigned partition and not yet committed by the group.',
        labelNames: [...labels, 'partition'],
      }),
  ),
};
