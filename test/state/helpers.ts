import type { Cursor } from '../../src/engine/positions';
import initSqlJs from 'sql.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sqlJsBackend } from '../../src/db/sqljs';
import { memoryStorage } from '../../src/share/storage';
import { catalogFrom, type ScenarioDocument } from '../../src/state/catalog';
import { createAppStore } from '../../src/state/store';
import type { Timers } from '../../src/state/types';
import type { EngineClient } from '../../src/worker/client';
import { EngineCore } from '../../src/worker/engineCore';

/** A small scenario: 1,000 rows, a crash after 800 on attempt 1 (three lanes to stay fast). */
export function smallDoc(overrides: Partial<ScenarioDocument> = {}): ScenarioDocument {
  return {
    format: 'runtwice/scenario@1',
    id: 'small',
    title: 'Small crash',
    summary: 'A thousand rows and a crash.',
    story: 'The **story** with `code`.',
    table: { columns: { id: 'INTEGER', event_date: 'TEXT', amount: 'INTEGER', updated_at: 'INTEGER' }, key: ['id'], partitionBy: 'event_date', orderBy: 'updated_at' },
    files: { f1: { path: 'landing/2024-01-01/part-000.csv', rows: [{ ids: [1, 1000], values: { event_date: '2024-01-01', amount: 10, updated_at: 1 } }] } },
    runs: [{ input: ['f1'] }],
    faults: [{ run: 1, attempt: 1, kind: 'crash', at: { afterRows: 800 } }],
    lanes: ['naive', 'tracking-atomic', 'ingestor-lock'],
    ...overrides,
  };
}

export function otherDoc(): ScenarioDocument {
  return smallDoc({ id: 'other', title: 'No fault', faults: [] });
}

/** The real engine (sql.js in node) behind the client interface the store uses. */
export function inProcessEngine(): EngineClient & { loads: number } {
  const core = new EngineCore(async () => sqlJsBackend(await initSqlJs()));
  const client = {
    loads: 0,
    load: (doc: unknown, onProgress?: Parameters<EngineClient['load']>[1]) => {
      client.loads++;
      return core.load(doc, onProgress);
    },
    query: (lane: string, cursor: Cursor, sql: string) => core.query(lane, cursor, sql),
    seek: (lane: string, cursor: Cursor) => core.seek(lane, cursor),
    queryEach: (lane: string, cursor: Cursor, statements: string[]) => core.queryEach(lane, cursor, statements),
    cancel: () => {},
  };
  return client;
}

export function testStore(storage = memoryStorage(), engine: EngineClient = inProcessEngine(), timers?: Timers) {
  const catalog = catalogFrom({ '01-small.json': { default: smallDoc() }, '02-other.json': { default: otherDoc() } });
  const store = createAppStore({ engine, catalog, timers }, storage);
  return { store, storage, catalog, engine };
}

/** Waits until the store's simulation settles. */
export async function settled(store: ReturnType<typeof testStore>['store']): Promise<void> {
  for (let i = 0; i < 600 && store.getState().status === 'running'; i++) await new Promise((r) => setTimeout(r, 10));
}

export const repoFile = (p: string): string => readFileSync(resolve(__dirname, '../..', p), 'utf8');
