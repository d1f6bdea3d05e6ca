export { MODEL_FORMAT, MODEL_VERSION, MODEL_VERSIONS_READ, type ModelFile, type SavedParameter, type SavedState } from './model-file.js';
export { saveModel, modelToJson } from './save-model.js';
export { loadModel, type ModelLimits } from './load-model.js';
export { ModelFileError, asModelFileError } from './model-file-error.js';
export { saveParameters, saveState, restoreParameters } from './saved-parameters.js';
export { parseUntrustedJson, expectNoForbiddenKeys } from './safe-json.js';
