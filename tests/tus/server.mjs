// A real tus 1.0 server (npm @tus/server with @tus/file-store) on loopback
// for Sweep's upload tests. Uploads land as files in the store directory,
// where a test can compare them byte for byte. Downloading an upload is
// refused: an ID photo goes one way only.
//
// Usage: SWEEP_NODE_MODULES=.tools/node_modules node server.mjs PORT STORE_DIR
import http from 'node:http';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const modules = resolve(process.env.SWEEP_NODE_MODULES || 'node_modules');
const load = (path) => import(pathToFileURL(join(modules, path)).href);
const { Server } = await load('@tus/server/dist/index.js');
const { FileStore } = await load('@tus/file-store/dist/index.js');

const port = Number(process.argv[2] || 4800);
const directory = resolve(process.argv[3] || 'target/tus-store');
mkdirSync(directory, { recursive: true });

const tus = new Server({ path: '/files', datastore: new FileStore({ directory }) });

http
  .createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(405, { Allow: 'OPTIONS, POST, HEAD, PATCH, DELETE', 'Tus-Resumable': '1.0.0' });
      res.end('Uploads cannot be downloaded.');
      return;
    }
    tus.handle(req, res);
  })
  .listen(port, '127.0.0.1', () => console.log(`tus server on http://127.0.0.1:${port}/files, store ${directory}`));
