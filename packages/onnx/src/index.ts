/**
 * @bpnet/onnx: bpnet networks to ONNX models that ONNX Runtime runs (`toOnnx`), and ONNX models of the supported
 * operators to bpnet networks (`fromOnnx`).
 * @module @bpnet/onnx
 * @packageDocumentation
 */
export * from './export/index.js';
export * from './import/index.js';
export { ElementType, IR_VERSION, OPSET_VERSION, type OnnxPrecision } from './onnx-schema.js';
