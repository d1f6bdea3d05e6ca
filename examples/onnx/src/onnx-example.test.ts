import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';

const { onnx } = onnxProto;

describe('pnpm example:onnx', () => {
  it('exports the trained MNIST net, ONNX Runtime agrees to round-off, and the model imports back bit for bit', () => {
    const folder = mkdtempSync(join(tmpdir(), 'bpnet-onnx-example-'));
    const result = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', join(import.meta.dirname, 'main.ts'), '--epochs', '1'],
      { cwd: import.meta.dirname, encoding: 'utf8', env: { ...process.env, INIT_CWD: folder } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    const path = join(folder, 'mnist.onnx');
    expect(lines[1]).toMatch(new RegExp(`^test accuracy 0\\.(8|9)\\d+; exported to ${path} \\(\\d+ bytes\\)$`));
    const compared = /largest difference ([0-9.e+-]+) \(relative ([0-9.e+-]+)\), 0 different predictions$/.exec(
      lines[2],
    );
    expect(compared, lines[2]).not.toBeNull();
    expect(Number(compared?.[2])).toBeLessThanOrEqual(1e-12);
    const speeds = /bpnet \(js\) (\d+), ONNX Runtime (\d+) \(ONNX Runtime \/ bpnet = ([0-9.]+)\)$/.exec(lines[3]);
    expect(speeds, lines[3]).not.toBeNull();
    expect(Number(speeds?.[1])).toBeGreaterThan(0);
    expect(Number(speeds?.[2])).toBeGreaterThan(0);
    expect(lines[4]).toBe('imported back with fromOnnx: the same outputs bit for bit');
    // The file on disk is the model: 784 inputs, 10 outputs, float64.
    const model = onnx.ModelProto.decode(readFileSync(path));
    const [input] = model.graph?.input ?? [];
    expect(input.type?.tensorType?.elemType).toBe(11);
    expect(input.type?.tensorType?.shape?.dim?.map((d) => d.dimValue?.toString() ?? d.dimParam)).toEqual(['N', '784']);
  });
});
