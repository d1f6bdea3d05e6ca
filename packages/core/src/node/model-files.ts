import type { Container } from 'inversify';
import { loadModel, type ModelLimits } from '../model/load-model.js';
import { modelToJson } from '../model/save-model.js';
import type { Network } from '../network.js';
import { readLimitedFile } from './read-limited-file.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** Saves the network's model file to `path`, atomically (a crash leaves the old file or the new one, never half). */
export function saveModelFile(network: Network, path: string): void {
  writeFileAtomically(path, modelToJson(network));
}

/**
 * Loads a model file written by {@link saveModelFile}, checking its size before reading it.
 * @throws ModelFileError naming the file and what is wrong with it (see `loadModel`).
 */
export function loadModelFile(container: Container, path: string, limits: ModelLimits = {}): Network {
  const what = `Model file ${path}`;
  return loadModel(container, readLimitedFile(path, limits.maxLength ?? 2 ** 30, what), limits, what);
}
