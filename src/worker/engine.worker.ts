import * as Comlink from 'comlink';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import type { SqlBackend } from '../db/port';
import { sqlJsBackend } from '../db/sqljs';
import { EngineCore } from './engineCore';
import type { EngineApi } from './types';

let backend: Promise<SqlBackend> | null = null;
const getBackend = (): Promise<SqlBackend> =>
  (backend ??= initSqlJs({ locateFile: () => wasmUrl }).then((SQL) => sqlJsBackend(SQL)));

const core = new EngineCore(getBackend);

const api: EngineApi = {
  load: (doc, onProgress) => core.load(doc, onProgress),
  query: (laneId, tick, sql) => core.query(laneId, tick, sql),
};

Comlink.expose(api);
