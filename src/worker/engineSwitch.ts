import { Stopped, type EngineClient } from './client';
import type { SimResult } from './types';

/** The engines the playground's lanes and console can run on. */
export const ENGINE_KINDS = ['sqlite', 'postgres'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

/** What the store needs to switch engines (the switching client below; tests pass a fake). */
export interface EngineSwitch {
  /** The engine the next calls go to. */
  readonly kind: EngineKind;
  /** Switches; whatever the other engine was doing is cancelled (its workers and memory freed). */
  use(kind: EngineKind): void;
  /** Called with each final result and the engine that produced it. */
  onResult(listener: (kind: EngineKind, result: SimResult) => void): void;
}

type Load = EngineClient['load'];

/**
 * The playground's engine with a switch: SQLite (sql.js, the default) or PostgreSQL (PGlite). The PostgreSQL engine
 * is `import()`ed the first time it is chosen, so the page's first load never fetches PGlite. Every call goes, with
 * all its arguments, to the engine chosen when it is made.
 */
export class SwitchingEngineClient implements EngineClient, EngineSwitch {
  private current: EngineKind = 'sqlite';
  private postgres: Promise<EngineClient> | null = null;
  /** The PostgreSQL engine once loaded (cancel reaches it without waiting). */
  private postgresLoaded: EngineClient | null = null;
  private readonly listeners: ((kind: EngineKind, result: SimResult) => void)[] = [];
  /** Counts switches and cancels: a load still waiting for PGlite's download is abandoned by either. */
  private epoch = 0;

  constructor(
    private readonly sqlite: EngineClient,
    /** Loads the PostgreSQL engine (a dynamic import in the browser). */
    private readonly loadPostgres: () => Promise<EngineClient>,
  ) {}

  get kind(): EngineKind {
    return this.current;
  }

  use(kind: EngineKind): void {
    if (kind === this.current) return;
    this.epoch++;
    this.engineNow().cancel();
    this.current = kind;
  }

  onResult(listener: (kind: EngineKind, result: SimResult) => void): void {
    this.listeners.push(listener);
  }

  /** The chosen engine as it is now (PostgreSQL's may not be loaded yet: nothing of it can be running then). */
  private engineNow(): Pick<EngineClient, 'cancel'> {
    if (this.current === 'sqlite') return this.sqlite;
    return this.postgresLoaded ?? { cancel: () => {} };
  }

  private engine(kind: EngineKind): Promise<EngineClient> {
    if (kind === 'sqlite') return Promise.resolve(this.sqlite);
    this.postgres ??= this.loadPostgres().then(
      (client) => (this.postgresLoaded = client),
      (e: unknown) => {
        // a failed download may succeed later: the next call tries again
        this.postgres = null;
        throw new Error(`PostgreSQL (PGlite) could not be loaded: ${(e as Error).message ?? String(e)}`);
      },
    );
    return this.postgres;
  }

  load = async (...args: Parameters<Load>): ReturnType<Load> => {
    const kind = this.current;
    const epoch = this.epoch;
    const engine = await this.engine(kind);
    if (epoch !== this.epoch) throw new Stopped('cancelled');
    const out = await engine.load(...args);
    if (out.ok) for (const l of this.listeners) l(kind, out.result);
    return out;
  };

  query = async (...args: Parameters<EngineClient['query']>): ReturnType<EngineClient['query']> => (await this.engine(this.current)).query(...args);

  seek = async (...args: Parameters<NonNullable<EngineClient['seek']>>): ReturnType<NonNullable<EngineClient['seek']>> => {
    const engine = await this.engine(this.current);
    return engine.seek ? engine.seek(...args) : { ok: true, error: null, ms: 0 };
  };

  queryEach = async (...args: Parameters<NonNullable<EngineClient['queryEach']>>): ReturnType<NonNullable<EngineClient['queryEach']>> => {
    const engine = await this.engine(this.current);
    if (engine.queryEach) return engine.queryEach(...args);
    return { ok: false, results: [], error: 'this engine runs one statement at a time', ms: 0 };
  };

  cancel(): void {
    this.epoch++;
    this.engineNow().cancel();
  }
}
