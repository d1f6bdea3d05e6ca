export { fromOnnx, type FromOnnxOptions } from './from-onnx.js';
export { OnnxFileError } from './onnx-file-error.js';
export {
  DEFAULT_MAX_ONNX_DEPTH,
  DEFAULT_MAX_ONNX_NODES,
  MAX_ONNX_MESSAGE_DEPTH,
  type OnnxLimits,
} from './onnx-limits.js';
export { SUPPORTED_OPERATORS } from './plan-graph.js';
