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
    cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(12))).join(''),
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
  ];
}

/** What TLS+SCRAM cost, scenario by scenario: secured over plaintext throughput and latency. */
export function overheadLines(secured: ScenarioResult[], plaintext: ScenarioResult[]): string[] {
  const header = ['scenario', 'secured ev/s', 'plain ev/s', 'ratio', 'p50 ms s/p', 'p99 ms s/p'];
  const rows = secured.flatMap((s) => {
    const p = plaintext.find((r) => r.scenario === s.scenario);
    if (!p) return [];
    return [
      [
        s.scenario,
        s.eventsPerSecond.toFixed(1),
        p.eventsPerSecond.toFixed(1),
        (s.eventsPerSecond / p.eventsPerSecond).toFixed(2),
        `${ms(s.p50Ms)}/${ms(p.p50Ms)}`,
        `${ms(s.p99Ms)}/${ms(p.p99Ms)}`,
      ],
    ];
  });
  return [
    'overhead of TLS + SCRAM-SHA-512 (throughput ratio secured / plaintext; 1.00 = none):',
    ...[header, ...rows].map((cells) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(10) : cell.padStart(14))).join(''),
    ),
  ];
}
