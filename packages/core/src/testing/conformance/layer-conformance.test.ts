import { describe, expect, it } from 'vitest';
import type { Layer, LayerRegistration } from '../../contract/layer.js';
import { Matrix } from '../../kernels/matrix.js';
import { createParameter } from '../../contract/parameter.js';
import { assertConformance } from './conformance-report.js';
import { checkLayerConformance } from './layer-conformance.js';

/** y = x ⊙ w (w: 1 × n), with hooks to break it in the ways hand-written layers break. */
function scaleRegistration(flaw?: 'gradient' | 'mutates' | 'counter' | 'batch' | 'hidden-state'): LayerRegistration {
  return {
    kind: `test/scale-${flaw ?? 'correct'}`,
    create(_config, { inputSize, random }) {
      const w = createParameter('w', 1, inputSize);
      const hidden = random.uniform();
      let input: Matrix;
      let calls = 0;
      const layer: Layer = {
        kind: `test/scale-${flaw ?? 'correct'}`,
        inputSize,
        outputSize: inputSize,
        parameters: () => [w],
        forward(x) {
          input = x;
          calls++;
          const batchMean = Array.from(x.data).reduce((s, v) => s + v, 0) / x.data.length;
          return new Matrix(
            x.rows,
            x.cols,
            x.data.map((v, i) => {
              const base = v * w.value.data[i % x.cols];
              if (flaw === 'counter') return base + calls * 1e-3;
              if (flaw === 'batch') return base + batchMean;
              if (flaw === 'hidden-state') return base * hidden;
              return base;
            }),
          );
        },
        backward(s) {
          const factor = flaw === 'hidden-state' ? hidden : 1;
          s.data.forEach((g, i) => (w.grad.data[i % s.cols] += g * input.data[i] * factor));
          const result = new Matrix(
            s.rows,
            s.cols,
            s.data.map((g, i) => g * w.value.data[i % s.cols] * (flaw === 'gradient' ? 2 : factor)),
          );
          if (flaw === 'mutates') s.data.fill(0);
          return result;
        },
      };
      return layer;
    },
  };
}

describe('checkLayerConformance', () => {
  it('passes a correct layer on every check and setting', () => {
    const report = checkLayerConformance(scaleRegistration());
    expect(report.failures).toEqual([]);
    // Input sizes × batch sizes × (state check + phases × (2 gradients + 6 checks))
    expect(report.checks).toBe(2 * 2 * (1 + 2 * 8));
    expect(() => assertConformance(report)).not.toThrow();
  });

  it.each<[Parameters<typeof scaleRegistration>[0], string]>([
    ['gradient', 'gradient of input'],
    ['mutates', 'backward keeps its arguments'],
    ['counter', 'forward is deterministic'],
    ['batch', 'batch equals sum of samples'],
    ['hidden-state', 'save and load'],
  ])('catches a layer with a %s flaw in the check "%s"', (flaw, check) => {
    const report = checkLayerConformance(scaleRegistration(flaw), { inputSizes: [3], batchSizes: [4] });
    expect(report.failures.map((failure) => failure.check)).toContain(check);
    const failure = report.failures.find((f) => f.check === check)!;
    expect(failure.setting).toBe(`config {"kind":"test/scale-${flaw}"}, input size 3, batch 4, training`);
    expect(() => assertConformance(report)).toThrow(`- test/scale-${flaw}: ${check} (config`);
  });

  it('reports the worst element with its numbers', () => {
    const [failure] = checkLayerConformance(scaleRegistration('gradient'), {
      inputSizes: [1],
      batchSizes: [1],
    }).failures;
    expect(failure.message).toMatch(
      /^element 0 analytic -?[\d.e-]+ vs numeric -?[\d.e-]+ \(max relative error 5\.00e-1\)$/,
    );
  });

  it('reports a registration that cannot build a config', () => {
    const report = checkLayerConformance({
      kind: 'test/broken',
      create: () => {
        throw new Error('units missing');
      },
    });
    expect(report.failures[0]).toMatchObject({ kind: 'test/broken', check: 'create', message: 'threw units missing' });
  });
});
