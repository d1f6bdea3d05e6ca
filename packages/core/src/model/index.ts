export { MODEL_FORMAT, MODEL_VERSION, type ModelFile, type SavedParameter } from './model-file.js';
export { saveModel, modelToJson } from './save-model.js';
export { loadModel, type ModelLimits } from './load-model.js';
export { ModelFileError, asModelFileError } from './model-file-error.js';
export { saveParameters, restoreParameters } from './saved-parameters.js';
export { parseUntrustedJson, expectNoForbiddenKeys } from './safe-json.js';
