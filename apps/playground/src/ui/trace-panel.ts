import { type FloatArray, Matrix } from '@bpnet/core';
import { type BatchTrace, formatTrace } from '@bpnet/diagnostics';

/** A Matrix after structured cloning: its fields survive, its prototype (and so `toRows`) does not. */
interface ClonedMatrix {
  rows: number;
  cols: number;
  data: FloatArray;
}

function revive(value: ClonedMatrix): Matrix {
  return value instanceof Matrix ? value : new Matrix(value.rows, value.cols, value.data);
}

/**
 * A trace as posted by the worker, with its matrices made Matrix instances again (postMessage keeps their rows,
 * cols and data but not their class).
 */
export function reviveTrace(trace: BatchTrace): BatchTrace {
  const cloned = trace as unknown as { targets: ClonedMatrix };
  return {
    ...trace,
    targets: revive(cloned.targets),
    layers: trace.layers.map((layer) => ({
      ...layer,
      quantities: layer.quantities.map((quantity) => ({
        ...quantity,
        value: revive(quantity.value as unknown as ClonedMatrix),
      })),
    })),
    // A worked element's `substitute` is a function, which postMessage cannot carry: keep only intact ones.
    worked: trace.worked.filter((element) => typeof element.substitute === 'function'),
  };
}

/** The trace as text (`formatTrace` of @bpnet/diagnostics), or the error that stood in for it. */
export function traceText(trace: BatchTrace | undefined, error: string | undefined): string {
  if (error !== undefined) return `Cannot trace: ${error}`;
  if (trace === undefined) return '';
  return formatTrace(reviveTrace(trace));
}
