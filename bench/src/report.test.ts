import { describe, expect, it } from 'vitest';
import { markdownTable, type ResultRow, targetChecks, targetReport } from './report.js';

const row = (workload: string, runner: string, precision: string, secondsPerIteration: number): ResultRow => ({
  workload,
  runner,
  precision,
  iterations: 10,
  secondsPerIteration,
});

describe('targetChecks', () => {
  const rows = [
    row('(a) toy', 'bpnet-js', 'float64', 40e-6),
    row('(a) toy', 'bpnet-wasm', 'float64', 8e-6),
    row('(a) toy', 'numpy 1-thread', 'float64', 100e-6),
    row('(a) toy', 'tfjs cpu', 'float32', 70e-6),
    row('mlp', 'bpnet-wasm', 'float64', 2e-3),
    row('mlp', 'bpnet-wasm-f32', 'float32', 1e-3),
    row('mlp', 'numpy 1-thread', 'float64', 1.2e-3),
    row('mlp', 'numpy-f32 1-thread', 'float32', 0.4e-3),
    row('mlp', 'tfjs wasm', 'float32', 12e-3),
    row('mlp', 'tfjs cpu', 'float32', 30e-3),
  ];

  it('compares the fastest bpnet of the right precision with each target peer', () => {
    const checks = targetChecks(rows);
    const by = (workload: string, prefix: string) =>
      checks.find((c) => c.workload === workload && c.target.startsWith(prefix));
    expect(by('(a) toy', 'toy')).toMatchObject({ met: true, comparing: 'numpy 1-thread ÷ bpnet-wasm' });
    expect(by('(a) toy', 'toy')?.measured).toBeCloseTo(12.5, 12);
    expect(by('(a) toy', '≥ 10× faster than TF.js')).toMatchObject({ met: false, comparing: 'tfjs cpu ÷ bpnet-wasm' });
    expect(by('(a) toy', '≥ 10× faster than TF.js')?.measured).toBeCloseTo(8.75, 12);
    expect(by('mlp', '≥ 0.5× numpy float64')?.measured).toBeCloseTo(0.6, 12);
    expect(by('mlp', '≥ 0.5× numpy float32')).toMatchObject({ met: false });
    expect(by('mlp', '≥ 0.5× numpy float32')?.measured).toBeCloseTo(0.4, 12);
    // TF.js's fastest backend against bpnet's fastest configuration (here float32).
    expect(by('mlp', '≥ 10× faster than TF.js')).toMatchObject({ met: true, comparing: 'tfjs wasm ÷ bpnet-wasm-f32' });
    expect(by('mlp', '≥ 10× faster than TF.js')?.measured).toBeCloseTo(12, 12);
  });

  it('reports a target as not measured when its peer was skipped', () => {
    const checks = targetChecks(rows.filter((r) => !r.runner.startsWith('numpy')));
    expect(checks.find((c) => c.workload === '(a) toy' && c.target.startsWith('toy'))).toEqual({
      target: 'toy ≥ 10× faster than numpy (float64, 1 thread)',
      workload: '(a) toy',
      required: 10,
    });
  });

  it('prints a ratio just short of its target with three decimals, so it does not read as the target', () => {
    const check = (measured: number) => ({
      target: 't',
      workload: 'w',
      required: 0.5,
      measured,
      met: measured >= 0.5,
      comparing: 'p ÷ q',
    });
    expect(targetReport([check(0.4991), check(0.49996), check(0.5), check(0.4949)])).toBe(
      [
        '- w: t: 0.499× (p ÷ q) — NOT met',
        '- w: t: 0.499× (p ÷ q) — NOT met',
        '- w: t: 0.50× (p ÷ q) — met',
        '- w: t: 0.49× (p ÷ q) — NOT met',
      ].join('\n'),
    );
  });

  it('puts the ratios to the fastest bpnet of each precision in the table', () => {
    const table = markdownTable(rows);
    expect(table).toContain('| mlp | tfjs wasm | float32 | 12.0 ms | 6.00× | 12.00× |');
    expect(table).toContain('| (a) toy | bpnet-js | float64 | 40.0 µs | 5.00× | – |');
  });
});
