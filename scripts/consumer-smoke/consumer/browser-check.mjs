// Consumer smoke check (d): bundles browser-page.js with esbuild for the browser from the installed packages, serves
// it from 127.0.0.1 with node:http, opens it in headless Chromium (playwright-core) and checks that the page trained
// the network on the WebAssembly kernels: every loss finite, the mean loss falling from each fifth of the run to the
// next, XOR's labels predicted, and no console error or page error.
// Chromium: $BPNET_CHROMIUM, else /usr/bin/chromium (run.mjs installs it when missing).
// Prints one summary line and exits 0, or prints what went wrong and exits 1.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const executablePath = process.env.BPNET_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Prints `message` and ends the check with exit code 1 (after closing what is open). */
async function fail(message, close = async () => {}) {
  console.error(`browser consumer: ${message}`);
  await close();
  process.exit(1);
}

const bundle = await build({
  entryPoints: ['browser-page.js'],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
}).catch((error) => fail(`esbuild could not bundle the page for the browser: ${error.message}`));
const script = bundle.outputFiles[0].contents;
const html = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">';
const page = {
  '/': ['text/html', `${html}<script type="module" src="/page.js"></script>`],
  '/page.js': ['text/javascript', script],
};
const server = createServer((request, response) => {
  const found = page[request.url];
  response.writeHead(found ? 200 : 404, { 'content-type': found ? found[0] : 'text/plain' });
  response.end(found ? found[1] : 'not found');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

let browser;
const close = async () => {
  await browser?.close();
  server.close();
};
try {
  browser = await chromium.launch({ executablePath, args: FLAGS });
} catch (error) {
  await fail(`could not start Chromium at ${executablePath}: ${error.message}`, close);
}
const tab = await browser.newPage();
const errors = [];
tab.on('console', (message) => {
  if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
});
tab.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
await tab.goto(url);
const result = await tab
  .waitForFunction(() => window.bpnetResult, undefined, { timeout: 60_000 })
  .then((handle) => handle.jsonValue())
  .catch((error) => fail(`the page reported no result within 60 s (${error.message}); ${errors.join('; ')}`, close));

if (result.error) await fail(`training in the page threw: ${result.error}`, close);
if (errors.length > 0) await fail(errors.join('; '), close);
if (!result.wasm) await fail('the page trained with other kernels than @bpnet/wasm WasmKernels', close);
const loss = result.loss;
const infinite = loss.findIndex((value) => !Number.isFinite(value));
if (loss.length < 5 || infinite !== -1) {
  await fail(`the loss is not finite (iteration ${infinite} of ${loss.length}: ${loss[infinite]})`, close);
}
const fifth = Math.floor(loss.length / 5);
const means = [0, 1, 2, 3, 4].map((k) => {
  const part = loss.slice(k * fifth, (k + 1) * fifth);
  return part.reduce((sum, value) => sum + value, 0) / part.length;
});
if (means.some((mean, k) => k > 0 && !(mean < means[k - 1]))) {
  await fail(`the mean loss of each fifth of the run does not decrease: ${means.map((m) => m.toPrecision(3))}`, close);
}
if (result.predictions.join() !== result.labels.join()) {
  await fail(`the page predicts ${result.predictions} for XOR's ${result.labels}`, close);
}
const version = browser.version();
await close();
console.log(
  `bundle ${(script.length / 1024).toFixed(0)} kB; Chromium ${version} trained on WasmKernels ` +
    `(${result.crossOriginIsolated ? '' : 'not '}cross-origin isolated): mean loss by fifths ` +
    `${means.map((m) => m.toPrecision(3)).join(' → ')}, predictions ${result.predictions.join(',')}`,
);
