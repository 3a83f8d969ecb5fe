import type { ValidationIssue } from '../issues';
import { FILE_PARAMS, UNIT_PARAMS, statementOf, type CustomSql, type UnitParam } from './language';
import { expandMacros, type TableShape } from './macros';
import { firstWord, isSeveralStatements, mainVerb, positionalParams, toPositional, tokens, words } from './sqlScan';

/** Tables and views the engine owns in a lane's database: a custom lane reads `batch`, `batch_n` and `dest`, and writes only `dest` and its own tables. */
export const ENGINE_TABLES = ['landing', 'files', 'delivery', 'truth', 'truth_runs', 'truth_size', 'batch', 'batch_n', 'batch_latest'] as const;
/** Engine tables that hold the answer (the truth) or other runs' input: a lane may not even read them. */
export const HIDDEN_TABLES = ['truth', 'truth_runs', 'truth_size', 'delivery'] as const;

const isEngineName = (name: string): boolean => {
  const n = name.toLowerCase();
  return (ENGINE_TABLES as readonly string[]).includes(n) || n.startsWith('sqlite_') || n.startsWith('_rt_');
};

/** Where a statement sits in the lane, for messages: `statements[1]`, `setup[0]`, `skip`. */
export type StatementRole = 'setup' | 'skip' | 'statements' | 'onError';

/** One statement ready to run: macros expanded, named parameters turned into positional ones. */
export interface CompiledStatement {
  role: StatementRole;
  index: number;
  /** The learner's text, for messages and the program view. */
  source: string;
  /** What runs: macros expanded, `:name` → `?`. */
  sql: string;
  /** The parameter bound to each `?`, in order. */
  params: UnitParam[];
  perRow: boolean;
  /** A row-by-row INSERT whose source does not read its target: running it over a chunk of rows equals running it row by row. */
  chunkable: boolean;
  /** First word, upper-cased (INSERT, UPDATE, SELECT, WITH …). */
  verb: string;
  /** The statement's own verb past a WITH clause (INSERT, REPLACE, UPDATE, DELETE, SELECT, VALUES). */
  action: string;
}

export interface CompiledLane {
  unit: 'file' | 'run';
  transaction: boolean;
  setup: CompiledStatement[];
  skip: CompiledStatement | null;
  statements: CompiledStatement[];
  onError: CompiledStatement[];
  /** Tables the setup creates: the lane may write them (and `dest`). */
  ownTables: string[];
}

/** `statements[1]`, `setup[0]`, `skip`: how messages name a statement. */
export const statementName = (s: Pick<CompiledStatement, 'role' | 'index'>): string => (s.role === 'skip' ? 'skip' : `${s.role}[${s.index}]`);

const ALLOWED: Record<StatementRole, readonly string[]> = {
  setup: ['CREATE', 'INSERT'],
  skip: ['SELECT', 'WITH', 'VALUES'],
  statements: ['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'WITH', 'SELECT', 'VALUES'],
  onError: ['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'WITH', 'SELECT', 'VALUES'],
};

/** Why a statement that starts with this word is refused, where the reason is worth more than "not allowed". */
const REFUSED: Record<string, string> = {
  ATTACH: 'a lane works only in its own database: ATTACH is refused',
  DETACH: 'a lane works only in its own database: DETACH is refused',
  PRAGMA: 'PRAGMA changes the connection, which the engine owns: refused',
  VACUUM: 'VACUUM is refused',
  BEGIN: 'transactions are set by "transaction": the engine opens and commits them (BEGIN is refused)',
  COMMIT: 'transactions are set by "transaction": the engine opens and commits them (COMMIT is refused)',
  END: 'transactions are set by "transaction": the engine opens and commits them (END is refused)',
  ROLLBACK: 'on an error the engine rolls the transaction back, then runs "onError" (ROLLBACK is refused)',
  SAVEPOINT: 'savepoints are refused: transactions are set by "transaction"',
  RELEASE: 'savepoints are refused: transactions are set by "transaction"',
  DROP: 'a lane does not drop tables (DROP is refused)',
  ALTER: 'a lane does not alter tables (ALTER is refused)',
};

/** The name a CREATE statement creates, and for an index the table it is on. */
function created(sql: string): { kind: string; name: string | null; on: string | null } {
  const ts = tokens(sql).filter((t) => t.kind === 'word' || t.kind === 'ident' || (t.kind === 'punct' && t.text === '.'));
  const w = ts.map((t) => ('text' in t ? t.text : ''));
  let i = 1;
  let kind = (w[i] ?? '').toUpperCase();
  if (kind === 'UNIQUE') kind = (w[++i] ?? '').toUpperCase();
  i++;
  if ((w[i] ?? '').toUpperCase() === 'IF') i += 3; // IF NOT EXISTS
  // schema-qualified names are refused elsewhere (only `main` exists); take the last part
  let name = w[i] ?? null;
  if (w[i + 1] === '.') name = w[(i += 2)] ?? null;
  let on: string | null = null;
  if (kind === 'INDEX') {
    const at = w.findIndex((x, j) => j > i && x.toUpperCase() === 'ON');
    on = at >= 0 ? (w[at + 1] ?? null) : null;
    if (on && w[at + 2] === '.') on = w[at + 3] ?? null;
  }
  return { kind, name, on };
}

/**
 * Checks a custom lane against the table it runs on and compiles it. Every problem comes back with its path under the
 * lane's `sql` (`statements[1]`), so the validator can prefix the lane's own path.
 */
export function compileCustomLane(
  sql: CustomSql,
  table: TableShape,
  quote: (name: string) => string,
): { ok: true; lane: CompiledLane } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const ownTables: string[] = [];
  const compile = (role: StatementRole, index: number, entry: CustomSql['statements'][number] | string): CompiledStatement | null => {
    const { sql: source, perRow } = statementOf(entry);
    const path: ValidationIssue['path'] = role === 'skip' ? ['skip'] : [role, index];
    const problem = (message: string): null => {
      issues.push({ path, message });
      return null;
    };
    const expanded = expandMacros(source, table, quote);
    if (!expanded.ok) return problem(expanded.message);
    const text = expanded.sql;
    const verb = firstWord(text);
    if (!verb) return problem('not a SQL statement');
    if (REFUSED[verb]) return problem(REFUSED[verb] as string);
    if (!ALLOWED[role].includes(verb)) {
      const what = role === 'skip' ? 'a query (SELECT, WITH or VALUES)' : role === 'setup' ? 'CREATE TABLE, CREATE INDEX, CREATE VIEW or INSERT' : 'INSERT, UPDATE, DELETE, REPLACE, WITH or SELECT';
      return problem(`${verb} is not allowed here: ${role === 'skip' ? 'skip' : role} takes ${what}`);
    }
    if (role === 'setup' && verb === 'CREATE') {
      const kind = created(text).kind;
      if (!['TABLE', 'INDEX', 'VIEW'].includes(kind)) return problem(`CREATE ${kind || '…'} is refused: setup creates tables, indexes and views`);
    }
    if (isSeveralStatements(text)) return problem('one statement per entry: put the next one after ";" in its own entry');
    const all = words(text);
    if (all.includes('ATTACH')) return problem(REFUSED.ATTACH as string);
    const hidden = HIDDEN_TABLES.find((t) => all.includes(t.toUpperCase()));
    if (hidden) return problem(`"${hidden}" is the engine's own (the answer, or other runs' input): a lane cannot read it`);
    const positional = positionalParams(text);
    if (positional.length) return problem(`use named parameters (${UNIT_PARAMS.map((p) => `:${p}`).join(', ')}), not "${positional[0]}"`);
    const { sql: runnable, names } = toPositional(text);
    for (const name of names) {
      if (role === 'setup') return problem(`setup runs once, before any run: it takes no parameters (found :${name})`);
      if (!(UNIT_PARAMS as readonly string[]).includes(name)) return problem(`unknown parameter :${name}: the parameters are ${UNIT_PARAMS.map((p) => `:${p}`).join(', ')}`);
      if (sql.unit === 'run' && FILE_PARAMS.includes(name as UnitParam)) return problem(`:${name} names one file: it exists only when "unit" is "file"`);
    }
    if (role === 'setup' && verb === 'CREATE') {
      const c = created(text);
      if (!['TABLE', 'INDEX', 'VIEW'].includes(c.kind)) return problem(`CREATE ${c.kind || '…'} is refused: setup creates tables, indexes and views`);
      if (c.name && (isEngineName(c.name) || c.name.toLowerCase() === 'dest') && c.kind !== 'INDEX') return problem(`"${c.name}" is a name the engine uses: choose another`);
      if (c.kind === 'INDEX' && c.on && isEngineName(c.on)) return problem(`"${c.on}" is the engine's table: a lane indexes only dest and its own tables`);
      if (c.kind === 'TABLE' && c.name) ownTables.push(c.name);
    }
    // A row-by-row INSERT that never reads its target gives the same rows whether it runs per row or per chunk.
    let chunkable = false;
    if (perRow && (verb === 'INSERT' || verb === 'REPLACE')) {
      const ws = tokens(text).filter((t) => t.kind === 'word' || t.kind === 'ident') as { text: string }[];
      const into = ws.findIndex((t) => t.text.toUpperCase() === 'INTO');
      const target = ws[into + 1]?.text.toLowerCase();
      chunkable = into >= 0 && target !== undefined && !ws.slice(into + 2).some((t) => t.text.toLowerCase() === target);
    }
    return { role, index, source, sql: runnable, params: names as UnitParam[], perRow, chunkable, verb, action: mainVerb(text) };
  };
  const setup = sql.setup.map((s, i) => compile('setup', i, s));
  const skip = sql.skip === undefined ? null : compile('skip', 0, sql.skip);
  const statements = sql.statements.map((s, i) => compile('statements', i, s));
  const onError = sql.onError.map((s, i) => compile('onError', i, s));
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    lane: {
      unit: sql.unit,
      transaction: sql.transaction,
      setup: setup as CompiledStatement[],
      skip,
      statements: statements as CompiledStatement[],
      onError: onError as CompiledStatement[],
      ownTables,
    },
  };
}

export { created, isEngineName };
