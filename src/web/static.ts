import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * Files the browser loads from us — never from another host: our own small scripts
 * (src/web/static) and pdf.js from the project's node_modules (build, cmaps, standard fonts, wasm
 * decoders). Only files listed at start-up are served; names are looked up, never joined to a path.
 */

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

/** Our scripts, from the sources or from the compiled build (dist/src/web → src/web). */
function ownStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'static'), join(here, '..', '..', '..', 'src', 'web', 'static')];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`找不到网页脚本目录 / static folder not found (looked in ${candidates.join(', ')})`);
}

function pdfjsDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
}

async function listFiles(dir: string, prefix: string, exts: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of await readdir(dir)) if (exts.includes(extname(name))) out.set(`${prefix}${name}`, join(dir, name));
  return out;
}

export async function registerStatic(app: FastifyInstance): Promise<void> {
  const pdfjs = pdfjsDir();
  const files = new Map<string, string>([
    ...(await listFiles(ownStaticDir(), '', ['.js'])),
    ['pdfjs/pdf.min.mjs', join(pdfjs, 'build', 'pdf.min.mjs')],
    ['pdfjs/pdf.worker.min.mjs', join(pdfjs, 'build', 'pdf.worker.min.mjs')],
    ...(await listFiles(join(pdfjs, 'cmaps'), 'pdfjs/cmaps/', ['.bcmap'])),
    ...(await listFiles(join(pdfjs, 'standard_fonts'), 'pdfjs/standard_fonts/', ['.pfb', '.ttf'])),
    ...(await listFiles(join(pdfjs, 'wasm'), 'pdfjs/wasm/', ['.wasm', '.js'])),
  ]);
  const cache = new Map<string, Buffer>();
  // Static code is no secret, but it is served to logged-in users only, like everything else.
  app.get('/static/*', { config: { csp: 'pdf' } }, async (req, reply) => {
    const name = (req.params as { '*': string })['*'];
    const path = files.get(name);
    if (!path) return reply.callNotFound();
    let body = cache.get(name);
    if (!body) {
      body = await readFile(path);
      cache.set(name, body);
    }
    return reply
      .header('content-type', TYPES[extname(name)] ?? 'application/octet-stream')
      .header('cache-control', 'private, max-age=3600')
      .send(body);
  });
}
