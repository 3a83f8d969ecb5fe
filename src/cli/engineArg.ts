/**
 * Where a command runs its lanes: `null` (the default) is sql.js in this process; `postgres://user@host:port/db` is a
 * PostgreSQL server (each lane gets its own database, cloned from a template and dropped afterwards).
 */
export type Engine = string | null;

/** Checks an `--engine` value (`sqlite`, or a PostgreSQL URL); throws a readable message. */
export function parseEngine(value: string): Engine {
  if (value === 'sqlite' || value === 'sqljs' || value === 'sql.js') return null;
  if (/^postgres(ql)?:\/\//.test(value)) return value;
  throw new Error(`--engine takes sqlite or a PostgreSQL URL (postgres://user@host:port/db), not "${value}"`);
}
