export { MODEL_FORMAT, MODEL_VERSION, MODEL_VERSIONS_READ, type ModelFile, type SavedParameter, type SavedState } from './model-file.js';
export { saveModel, modelToJson } from './save-model.js';
export { modelJsonChunks } from './model-json-chunks.js';
export { jsonTextChunks } from './json-text-chunks.js';
export { loadModel, loadModelFromChunks, parseModelJson, resolveModelLimits, type ModelLimits, type ResolvedModelLimits } from './load-model.js';
export {
  DEFAULT_MAX_PARAMETER_VALUES,
  DEFAULT_MAX_STRUCTURE_VALUES,
  MAX_JSON_DEPTH,
  MAX_CHARACTERS_PER_VALUE,
  MAX_CHARACTERS_PER_STRUCTURE_VALUE,
  defaultMaxLength,
} from './model-limits.js';
export { parseBoundedJson, MAX_JSON_STRING_LENGTH, type JsonBounds } from './bounded-json.js';
export { ModelFileError, asModelFileError } from './model-file-error.js';
export { saveParameters, saveState, restoreParameters } from './saved-parameters.js';
export { parseUntrustedJson, expectNoForbiddenKeys, UNTRUSTED_JSON_BOUNDS } from './safe-json.js';
export { brief, quoted, escapeUnsafe } from './brief.js';
