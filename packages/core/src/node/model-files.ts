import { readFileSync, statSync } from 'node:fs';
import type { Container } from 'inversify';
import { loadModel, type ModelLimits } from '../model/load-model.js';
import { modelToJson } from '../model/save-model.js';
import type { Network } from '../network.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** Saves the network's model file to `path`, atomically (a crash leaves the old file or the new one, never half). */
export function saveModelFile(network: Network, path: string): void {
  writeFileAtomically(path, modelToJson(network));
}

/**
 * Loads a model file written by {@link saveModelFile}, checking its size before reading it.
 * @throws Error naming the file and what is wrong with it (see `loadModel`).
 */
export function loadModelFile(container: Container, path: string, limits: ModelLimits = {}): Network {
  const maxLength = limits.maxLength ?? 2 ** 30;
  const what = `Model file ${path}`;
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    throw new Error(`${what}: cannot be read: ${(error as Error).message}`);
  }
  if (size > maxLength) throw new Error(`${what}: ${size} bytes is over the limit of ${maxLength}`);
  return loadModel(container, readFileSync(path, 'utf8'), limits, what);
}
