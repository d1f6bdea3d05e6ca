#!/usr/bin/env node
// Consumer smoke test: installs what `pnpm publish` would publish and uses it as a consumer would. It builds nothing
// (run `pnpm build` first). It packs every package of packages/ with pnpm, checks each tarball's manifest and files,
// installs the tarballs with npm into a fresh folder outside the workspace (under the system's temporary folder), and
// runs there, from consumer/:
//   (a) an ES module that imports every entry, trains the three-layer network on XOR, saves and loads it;
//   (b) the same in CommonJS, with require();
//   (c) tsc --noEmit on a TypeScript consumer, strict, skipLibCheck off, under node16 and under bundler resolution;
//   (d) an esbuild browser bundle of the network on @bpnet/wasm's kernels, trained in headless Chromium.
// One line per check with its time; exits 1 on the first failed set-up step or after the checks if one failed.
// Usage: node scripts/consumer-smoke/run.mjs [--keep]   (--keep leaves the temporary folders for inspection)
// Environment: BPNET_CHROMIUM, the browser to use (default /usr/bin/chromium, installed with apt-get when missing).
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const keep = process.argv.includes('--keep');
const chromiumPath = process.env.BPNET_CHROMIUM ?? '/usr/bin/chromium';
/** What the consumer installs besides the tarballs (typescript as the packages are built and checked with). */
const CONSUMER_DEPENDENCIES = [
  'inversify@^8.2.3',
  'typescript@~5.9.3',
  '@types/node@^20.19.0',
  'esbuild',
  'playwright-core',
];
const started = performance.now();
let failures = 0;

/** An error whose message is the whole explanation (no stack trace printed). */
class CheckError extends Error {}

/**
 * Runs one check and prints `ok` or `FAIL`, its name, its time and its detail (what `body` returns, or the error).
 * A set-up step (`fatal`) that fails ends the run. Returns whether the check passed.
 */
async function check(name, body, { fatal = false } = {}) {
  const start = performance.now();
  const time = () => `${((performance.now() - start) / 1000).toFixed(1).padStart(5)} s`;
  try {
    const detail = await body();
    console.log(`ok   ${time()}  ${name}${detail ? `: ${detail}` : ''}`);
    return true;
  } catch (error) {
    failures++;
    const message = error instanceof CheckError ? error.message : (error?.stack ?? String(error));
    console.log(`FAIL ${time()}  ${name}\n${message.replace(/^/gm, '       ')}`);
    if (fatal) finish();
    return false;
  }
}

/** The environment for child processes, without what `pnpm run` adds for its own scripts (npm would warn on it). */
function childEnvironment() {
  const own =
    /^(npm_(command|execpath|node_execpath|lifecycle_\w*|package_\w*|config_(user_agent|verify_deps\w*))|pnpm_)/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !own.test(key)));
}

/** Runs a command; returns its stdout, or throws a CheckError with its exit status and output. */
function run(command, args, cwd, timeoutSeconds = 120) {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnvironment(),
    encoding: 'utf8',
    timeout: timeoutSeconds * 1000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new CheckError(`${command} ${args.join(' ')} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    const how = result.signal ? `was stopped by ${result.signal}` : `exited with ${result.status}`;
    throw new CheckError(`${command} ${args.join(' ')} (in ${cwd}) ${how}:\n${output}`);
  }
  return result.stdout;
}

/** The last non-empty line a consumer script printed: its summary. */
const summary = (stdout) => stdout.trim().split('\n').at(-1);

/** Drops every `source` condition from an `exports` value, recursively (what the published manifest must hold). */
function withoutSource(value) {
  if (Array.isArray(value)) return value.map(withoutSource);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'source')
      .map(([key, inner]) => [key, withoutSource(inner)]),
  );
}

/** Every file path an `exports` value names (its string leaves). */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(exportTargets);
}

/** The import specifiers of a manifest's `exports` (`@bpnet/core`, `@bpnet/core/node`, …), wildcards left out. */
function specifiersOf(manifest) {
  const field = manifest.exports;
  const isMap = typeof field === 'object' && field !== null && Object.keys(field).some((key) => key.startsWith('.'));
  return (isMap ? Object.keys(field) : ['.'])
    .filter((key) => !key.includes('*') && !key.endsWith('.json'))
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

function finish() {
  const total = ((performance.now() - started) / 1000).toFixed(1);
  if (failures > 0) {
    console.log(`consumer smoke test FAILED: ${failures} check(s) in ${total} s`);
    if (work) console.log(`temporary folders kept: ${work}`);
    process.exit(1);
  }
  if (work && !keep) rmSync(work, { recursive: true, force: true });
  console.log(`consumer smoke test passed in ${total} s${keep ? ` (folders kept: ${work})` : ''}`);
  process.exit(0);
}

let work;
const packages = [];

await check(
  'built packages',
  () => {
    for (const dir of readdirSync(join(repo, 'packages')).sort()) {
      const file = join(repo, 'packages', dir, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      if (manifest.private) continue;
      packages.push({ dir, manifest });
    }
    const missing = packages.flatMap(({ dir, manifest }) =>
      exportTargets(manifest.publishConfig?.exports ?? manifest.exports)
        .filter((target) => !existsSync(join(repo, 'packages', dir, target)))
        .map((target) => `packages/${dir}/${target.replace(/^\.\//, '')}`),
    );
    if (missing.length > 0) {
      throw new CheckError(`not built (run \`pnpm build\` first): ${missing.join(', ')}`);
    }
    return `${packages.length} packages, every published entry present in dist/`;
  },
  { fatal: true },
);

await check(
  'manifests',
  () => {
    const problems = packages.flatMap(({ dir, manifest }) => {
      const found = [];
      const expected = withoutSource(manifest.exports);
      if (JSON.stringify(manifest.publishConfig?.exports) !== JSON.stringify(expected)) {
        found.push(
          `publishConfig.exports must be exports without its "source" conditions: ${JSON.stringify(expected)}`,
        );
      }
      if (!manifest.files?.includes('LICENSE') || !existsSync(join(repo, 'packages', dir, 'LICENSE'))) {
        found.push('needs a LICENSE file, listed in "files"');
      }
      for (const key of ['repository', 'homepage', 'bugs', 'keywords', 'author', 'license']) {
        if (manifest[key] === undefined) found.push(`has no "${key}"`);
      }
      return found.map((problem) => `packages/${dir}/package.json: ${problem}`);
    });
    if (problems.length > 0) throw new CheckError(problems.join('\n'));
    return 'publishConfig.exports in step with exports; LICENSE and registry metadata in each';
  },
  { fatal: true },
);

work = mkdtempSync(join(tmpdir(), 'bpnet-consumer-smoke-'));
if (!relative(repo, work).startsWith('..')) {
  failures++;
  console.log(`FAIL the temporary folder ${work} is inside the workspace ${repo}: set TMPDIR elsewhere`);
  finish();
}
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
const tarballFiles = [];

await check(
  'pack',
  () => {
    run('pnpm', ['--filter', './packages/*', '-r', 'pack', '--pack-destination', tarballs], repo);
    tarballFiles.push(...readdirSync(tarballs).filter((name) => name.endsWith('.tgz')));
    if (tarballFiles.length !== packages.length) {
      throw new CheckError(`pnpm packed ${tarballFiles.length} tarballs for ${packages.length} packages`);
    }
    return `${tarballFiles.length} tarballs`;
  },
  { fatal: true },
);

await check(
  'tarball contents',
  () => {
    let files = 0;
    let bytes = 0;
    const problems = tarballFiles.flatMap((name) => {
      const tarball = join(tarballs, name);
      const list = run('tar', ['tzf', tarball], tarballs).trim().split('\n');
      const read = (path) => run('tar', ['xzfO', tarball, `package/${path}`], tarballs);
      const manifest = JSON.parse(read('package.json'));
      const found = [];
      if (JSON.stringify(manifest.exports).includes('"source"')) found.push('its exports keep a "source" condition');
      const deps = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
      const workspace = Object.entries(deps).filter(([, range]) => String(range).startsWith('workspace:'));
      if (workspace.length > 0) found.push(`workspace: ranges left in ${workspace.map(([dep]) => dep).join(', ')}`);
      for (const target of exportTargets(manifest.exports)) {
        if (!list.includes(`package/${target.replace(/^\.\//, '')}`)) found.push(`exports name ${target}, not in it`);
      }
      const unexpected = list.filter(
        (path) => !/^package\/(dist\/.+|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(path),
      );
      if (unexpected.length > 0) found.push(`holds files outside dist/: ${unexpected.join(', ')}`);
      for (const required of ['package/LICENSE', 'package/README.md']) {
        if (!list.includes(required)) found.push(`has no ${required.slice(8)}`);
      }
      const map = list.find((path) => path.endsWith('.js.map'));
      const parsed = map ? JSON.parse(read(map.slice(8))) : undefined;
      if (!parsed || parsed.sourcesContent?.length !== parsed.sources.length || parsed.sourcesContent.includes(null)) {
        found.push(`its source maps must carry sourcesContent (${map ?? 'no .js.map'})`);
      }
      files += list.length;
      bytes += readFileSync(tarball).length;
      return found.map((problem) => `${name}: ${problem}`);
    });
    if (problems.length > 0) throw new CheckError(problems.join('\n'));
    return `${files} files, ${(bytes / 1024).toFixed(0)} kB packed; dist/, README.md, LICENSE only; maps with sources`;
  },
  { fatal: true },
);

await check(
  'npm install',
  () => {
    mkdirSync(consumer);
    const manifest = { name: 'bpnet-consumer-smoke', version: '0.0.0', private: true, type: 'module' };
    writeFileSync(join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of readdirSync(join(here, 'consumer'))) {
      copyFileSync(join(here, 'consumer', file), join(consumer, file));
    }
    const specs = tarballFiles.map((name) => join(tarballs, name));
    const npmArguments = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
    run('npm', [...npmArguments, ...specs, ...CONSUMER_DEPENDENCIES], consumer, 300);
    const installed = readdirSync(join(consumer, 'node_modules', '@bpnet'));
    return `${installed.length} @bpnet packages and ${CONSUMER_DEPENDENCIES.length} tools into ${consumer}`;
  },
  { fatal: true },
);

await check('(a) ESM: import every entry, train XOR, save, load', () =>
  summary(run(process.execPath, ['esm-train-save-load.mjs'], consumer)),
);
await check('(b) CommonJS: require every entry, train XOR, save, load', () =>
  summary(run(process.execPath, ['cjs-train-save-load.cjs'], consumer)),
);

const installedManifests = packages.map(({ manifest }) =>
  JSON.parse(readFileSync(join(consumer, 'node_modules', manifest.name, 'package.json'), 'utf8')),
);
const specifiers = installedManifests.flatMap(specifiersOf);
writeFileSync(
  join(consumer, 'all-entries.ts'),
  [
    '// Written by run.mjs: one namespace import of every entry of every installed @bpnet package.',
    ...specifiers.map((specifier, i) => `import * as entry${i} from '${specifier}';`),
    `export const entries = [${specifiers.map((_, i) => `entry${i}`).join(', ')}];`,
    '',
  ].join('\n'),
);
const tsc = join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
for (const resolution of ['node16', 'bundler']) {
  await check(`(c) tsc --noEmit, ${resolution} resolution, strict, skipLibCheck false`, () => {
    run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], consumer);
    return `${specifiers.length} entries and typed-usage.ts`;
  });
}

const haveChromium = await check('chromium', () => {
  if (existsSync(chromiumPath)) return chromiumPath;
  if (chromiumPath !== '/usr/bin/chromium') throw new CheckError(`BPNET_CHROMIUM names ${chromiumPath}: missing`);
  const root = process.getuid?.() === 0;
  const apt = (...args) => (root ? run('apt-get', args, repo, 300) : run('sudo', ['apt-get', ...args], repo, 300));
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
  if (!existsSync(chromiumPath)) throw new CheckError(`apt-get installed chromium, but ${chromiumPath} is missing`);
  return `installed ${chromiumPath} with apt-get`;
});
if (haveChromium) {
  await check('(d) browser: esbuild bundle on @bpnet/wasm, trained in headless Chromium', () =>
    summary(run(process.execPath, ['browser-check.mjs'], consumer)),
  );
}

finish();
