import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { SqlBackend } from './port';
import { sqlJsBackend } from './sqljs';

let cached: Promise<SqlBackend> | null = null;

/** The sql.js backend in the browser (worker): the wasm is bundled by Vite and located by URL, never fetched from a CDN. */
export function browserBackend(): Promise<SqlBackend> {
  cached ??= initSqlJs({ locateFile: () => wasmUrl }).then(sqlJsBackend);
  return cached;
}
