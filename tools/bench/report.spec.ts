import type { ScenarioResult } from './measure';
import { overheadLines } from './report';

const result = (scenario: string, eventsPerSecond: number, p50Ms = 10): ScenarioResult => ({
  scenario,
  events: 1000,
  seconds: 1000 / eventsPerSecond,
  eventsPerSecond,
  p50Ms,
  p99Ms: p50Ms * 2,
  peakRssMb: 100,
});

describe('the TLS+SCRAM overhead report', () => {
  it('gives each round’s throughput ratio and their median, scenario by scenario', () => {
    const lines = overheadLines([
      { secured: [result('pipe', 800)], plaintext: [result('pipe', 1000)] },
      { secured: [result('pipe', 900)], plaintext: [result('pipe', 1000)] },
      { secured: [result('pipe', 1200)], plaintext: [result('pipe', 1000)] },
    ]);
    const pipe = lines.find((line) => line.startsWith('pipe'))?.split(/\s+/);
    expect(pipe).toEqual(['pipe', '900.0', '1000.0', '0.80', '0.90', '1.20', '0.90', '10/10']);
    expect(lines[0]).toContain('3 round(s)');
  });
});
