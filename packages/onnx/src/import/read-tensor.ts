import { quoted } from '@bpnet/core/plugin';
import type { OnnxTypes } from '../onnx-schema.js';
import { ElementType } from '../onnx-schema.js';
import { OnnxFileError } from './onnx-file-error.js';

/** TensorProto.DataType names, for messages. */
const DATA_TYPE_NAMES: readonly string[] = [
  'UNDEFINED',
  'FLOAT',
  'UINT8',
  'INT8',
  'UINT16',
  'INT16',
  'INT32',
  'INT64',
  'STRING',
  'BOOL',
  'FLOAT16',
  'DOUBLE',
  'UINT32',
  'UINT64',
  'COMPLEX64',
  'COMPLEX128',
  'BFLOAT16',
];

/** An element type for a message: `INT64 (7)`. */
export function dataTypeName(type: number): string {
  const name = DATA_TYPE_NAMES[type];
  return name === undefined ? `${type}` : `${name} (${type})`;
}

/**
 * A protobuf integer as protobufjs gives it (a number, or a Long `{ low, high }` for int64 fields) as a number: exact
 * when it is a safe integer, ±Infinity beyond.
 */
export function integerOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && 'low' in value && 'high' in value) {
    const { low, high, unsigned } = value as { low: number; high: number; unsigned?: boolean };
    const top = unsigned === true ? high >>> 0 : high | 0;
    if (top >= 2 ** 21) return Number.POSITIVE_INFINITY;
    if (top < -(2 ** 21)) return Number.NEGATIVE_INFINITY;
    return top * 2 ** 32 + (low >>> 0);
  }
  return Number.NaN;
}

/** The parameter-value budget tensors are read within (what is left of `limits.maxParameterValues`). */
export class ValueBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Takes `count` values from the budget. @throws OnnxFileError past the limit. */
  take(count: number, what: string): void {
    if (count > this.limit - this.used) {
      throw new OnnxFileError(
        `${what} would take the model past ${this.limit} parameter values (limits.maxParameterValues); ` +
          'refusing to allocate it',
      );
    }
    this.used += count;
  }
}

/**
 * The dims of initializer `tensor`, checked: rank `ranks` (one of them), each a non-negative safe integer, their
 * product within the budget (taken from it).
 */
export function tensorDims(
  tensor: OnnxTypes.ITensorProto,
  ranks: readonly number[],
  expected: string,
  budget: ValueBudget,
): number[] {
  const what = `initializer ${quoted(tensor.name ?? '')}`;
  const rawDims = tensor.dims ?? [];
  if (!ranks.includes(rawDims.length))
    throw new OnnxFileError(`${what} has ${rawDims.length} dimensions; expected ${expected}`);
  const dims = rawDims.map(integerOf);
  let size = 1;
  for (const dim of dims) {
    if (!Number.isSafeInteger(dim) || dim < 0)
      throw new OnnxFileError(`${what} has a dimension of ${dim}; dimensions are non-negative integers`);
    size *= dim;
    if (size > budget.limit) break;
  }
  budget.take(size, `${what} [${dims.join(', ')}]`);
  return dims;
}

/**
 * The `size` values of FLOAT or DOUBLE initializer `tensor` as float64 (a FLOAT widens exactly), from `rawData`
 * (little-endian) or `floatData` / `doubleData`, checked: the element type, the data's length against `size`,
 * every value finite. The dims must have been checked by {@link tensorDims} (which bounds `size`).
 */
export function tensorValues(tensor: OnnxTypes.ITensorProto, size: number): Float64Array {
  const what = `initializer ${quoted(tensor.name ?? '')}`;
  const type = tensor.dataType ?? 0;
  if (type !== ElementType.FLOAT && type !== ElementType.DOUBLE) {
    throw new OnnxFileError(`${what} has element type ${dataTypeName(type)}; supported: FLOAT (1), DOUBLE (11)`);
  }
  if (tensor.dataLocation === 1 || (tensor.externalData?.length ?? 0) > 0)
    throw new OnnxFileError(`${what} is stored as external data, which is not supported; embed it in the model`);
  if ((tensor.segment ?? undefined) !== undefined)
    throw new OnnxFileError(`${what} is a segment of a tensor, which is not supported`);
  const float = type === ElementType.FLOAT;
  const typed = float ? (tensor.floatData ?? []) : (tensor.doubleData ?? []);
  const raw = tensor.rawData ?? new Uint8Array(0);
  const otherFields = [
    tensor.int32Data,
    tensor.int64Data,
    tensor.stringData,
    tensor.uint64Data,
    float ? tensor.doubleData : tensor.floatData,
  ];
  if (otherFields.some((field) => (field?.length ?? 0) > 0))
    throw new OnnxFileError(`${what} holds data in a field other than its element type's`);
  const values = new Float64Array(size);
  if (raw.length > 0) {
    if (typed.length > 0) throw new OnnxFileError(`${what} holds both raw data and typed data`);
    const width = float ? 4 : 8;
    if (raw.length !== size * width) {
      throw new OnnxFileError(
        `${what} holds ${raw.length} bytes of raw data; its dims need ${size} × ${width} = ${size * width}`,
      );
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < size; i++) values[i] = float ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
  } else {
    if (typed.length !== size) throw new OnnxFileError(`${what} holds ${typed.length} values; its dims need ${size}`);
    for (let i = 0; i < size; i++) values[i] = typed[i] as number;
  }
  for (let i = 0; i < size; i++) {
    if (!Number.isFinite(values[i]))
      throw new OnnxFileError(`${what} holds ${values[i]} at index ${i}; values must be finite`);
  }
  return values;
}
