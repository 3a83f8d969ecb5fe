import * as Comlink from 'comlink';
import { browserBackend } from '../db/browserBackend';
import { EngineCore } from './engineCore';
import type { EngineApi } from './types';

const core = new EngineCore(browserBackend);
// Start fetching and compiling sql.js's wasm now, while the first scenario is still on its way and being validated.
void browserBackend();

const api: EngineApi = {
  load: (doc, onProgress) => core.load(doc, onProgress),
  query: (laneId, tick, sql) => core.query(laneId, tick, sql),
  seek: (laneId, cursor) => core.seek(laneId, cursor),
  queryEach: (laneId, cursor, statements) => core.queryEach(laneId, cursor, statements),
};

Comlink.expose(api);
