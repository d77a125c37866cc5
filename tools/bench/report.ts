import type { ScenarioResult } from './measure';

/** The targets of the registry's throughput, as ratios of the other scenarios'. */
export const targets = { vsPipe: 0.5, vsNaive: 5 } as const;

const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(0));

export function reportLines(
  results: ScenarioResult[],
  workload: { events: number; nominals: number; rate: number | undefined },
): string[] {
  const header = ['scenario', 'events', 'seconds', 'events/s', 'p50 ms', 'p99 ms', 'peak RSS MB'];
  const rows = results.map((r) => [
    r.scenario,
    String(r.events),
    r.seconds.toFixed(2),
    r.eventsPerSecond.toFixed(1),
    ms(r.p50Ms),
    ms(r.p99Ms),
    r.peakRssMb.toFixed(1),
  ]);
  const table = [header, ...rows].map((cells) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(20) : cell.padStart(12))).join(''),
  );
  const rate = (name: string): number | undefined =>
    results.find((r) => r.scenario === name)?.eventsPerSecond;
  const registry = rate('registry');
  const ratio = (other: string, target: number, label: string): string[] => {
    const base = rate(other);
    if (registry === undefined || base === undefined) {
      return [`ratio vs ${label}: n/a`, `  target >= ${target}: not measured`];
    }
    const value = registry / base;
    return [
      `ratio vs ${label}: ${value.toFixed(2)}`,
      `  target >= ${target}: ${value >= target ? 'met' : 'NOT met'}`,
    ];
  };
  const scaleOut = rate('registry-2');
  const unencrypted = rate('registry-unencrypted');
  return [
    `workload: ${workload.events} intelligence events for ${workload.nominals} nominals ` +
      '(registry: the registrations too, M+N events applied)' +
      (workload.rate ? `, published at a steady ${workload.rate} events/s` : ', published at once'),
    ...table,
    ...ratio('pipe', targets.vsPipe, 'pipe'),
    ...ratio('naive', targets.vsNaive, 'naive'),
    ...(registry !== undefined && scaleOut !== undefined
      ? [`two registry instances vs one: ${(scaleOut / registry).toFixed(2)}`]
      : []),
    ...(registry !== undefined && unencrypted !== undefined
      ? [
          `encryption at rest: registry ${registry.toFixed(1)} events/s, without ` +
            `${unencrypted.toFixed(1)} events/s, ratio with / without ${(registry / unencrypted).toFixed(2)} ` +
            '(1.00 = no cost)',
        ]
      : []),
  ];
}

/** One round of the TLS+SCRAM comparison: the same scenarios on each broker. */
export interface OverheadRound {
  secured: ScenarioResult[];
  plaintext: ScenarioResult[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/**
 * What TLS+SCRAM cost, scenario by scenario: the throughput ratio secured / plaintext of every
 * round and their median (1.00 = no cost), with the median latencies of each.
 */
export function overheadLines(rounds: readonly OverheadRound[]): string[] {
  const scenarios = [...new Set(rounds.flatMap((r) => r.secured.map((s) => s.scenario)))];
  const header = ['scenario', 'secured ev/s', 'plain ev/s', 'ratios', 'median', 'p50 ms s/p'];
  const rows = scenarios.map((scenario) => {
    const pairs = rounds.flatMap((round) => {
      const s = round.secured.find((r) => r.scenario === scenario);
      const p = round.plaintext.find((r) => r.scenario === scenario);
      return s && p ? [{ s, p }] : [];
    });
    return [
      scenario,
      median(pairs.map(({ s }) => s.eventsPerSecond)).toFixed(1),
      median(pairs.map(({ p }) => p.eventsPerSecond)).toFixed(1),
      pairs.map(({ s, p }) => (s.eventsPerSecond / p.eventsPerSecond).toFixed(2)).join(' '),
      median(pairs.map(({ s, p }) => s.eventsPerSecond / p.eventsPerSecond)).toFixed(2),
      `${ms(median(pairs.map(({ s }) => s.p50Ms)))}/${ms(median(pairs.map(({ p }) => p.p50Ms)))}`,
    ];
  });
  return [
    `overhead of TLS + SCRAM-SHA-512 over ${rounds.length} round(s): throughput ratio secured / ` +
      'plaintext (1.00 = no cost; medians of the rounds)',
    ...[header, ...rows].map((cells) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(16))).join(''),
    ),
  ];
}
