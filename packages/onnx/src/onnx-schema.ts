import onnxProto from 'onnx-proto';

/**
 * The ONNX protobuf schema (ONNX 1.10, IR version 8) as generated classes from `onnx-proto`: `ModelProto`,
 * `GraphProto`, `NodeProto`, `TensorProto`, … with `create`, `encode` and `decode`.
 */
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';

/** The IR version bpnet writes (ONNX 1.10's). */
export const IR_VERSION = 8;
/** The operator set bpnet writes: the default domain's version 15 (ONNX 1.10). */
export const OPSET_VERSION = 15;

/** The tensor element types bpnet reads and writes: `TensorProto.DataType` values. */
export const ElementType = {
  FLOAT: 1,
  INT64: 7,
  DOUBLE: 11,
} as const;

/** The numeric precision of a network's numbers and the ONNX element type that carries them. */
export type OnnxPrecision = 'float64' | 'float32';

/** The element type of a precision: DOUBLE (11) for float64, FLOAT (1) for float32. */
export function elementTypeOf(precision: OnnxPrecision): number {
  return precision === 'float64' ? ElementType.DOUBLE : ElementType.FLOAT;
}
