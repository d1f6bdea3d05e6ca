import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** The content types the playground's static build needs; anything else is served as bytes. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A running static server: its base URL (ending in `/`) and how to stop it. */
export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the files under `root` on 127.0.0.1 at a port the system picks, with the content type of each file's
 * extension ({@link MIME_TYPES}; `.wasm` must be `application/wasm` for streaming compilation). A path ending in `/`
 * serves its `index.html`; paths that leave `root` get 403, missing files 404 (a missing `/favicon.ico` 204).
 * @throws Error if `root` is not a directory (the build has not run).
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const info = await stat(base).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new Error(`static server: ${base} is not a directory; build the playground first (pnpm playground:build)`);
  }
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const relative = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    const file = join(base, relative);
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403, { 'content-type': 'text/plain' }).end(`forbidden: ${pathname}`);
      return;
    }
    stat(file).then(
      (found) => {
        if (!found.isFile()) {
          response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
          return;
        }
        const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        response.writeHead(200, { 'content-type': type, 'content-length': found.size, 'cache-control': 'no-store' });
        createReadStream(file).pipe(response);
      },
      () => {
        // Browsers ask for /favicon.ico on their own; a page without one must not log a 404 as a console error.
        if (pathname === '/favicon.ico') response.writeHead(204).end();
        else response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
      },
    );
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
