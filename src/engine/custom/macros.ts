/**
 * Column macros: one custom lane can serve every table. `{{columns}}`, `{{key}}`, `{{nonKey}}` expand to the table's
 * quoted column lists, `{{partitionBy}}` and `{{orderBy}}` to one column, `{{keyMatch a b}}` to `a.k = b.k AND …`.
 * An alias argument qualifies each name (`{{nonKey b}}` → `b."amount", b."updated_at"`). `{{orderBy x}}` is `NULL`
 * when the table has no orderBy, so `COALESCE(b.v > d.v, TRUE)`-style comparisons fall back to "always newer".
 * The expansions are identifiers the validator accepted; nothing a learner types is interpolated as data.
 */

export interface TableShape {
  columns: readonly string[];
  key: readonly string[];
  nonKey: readonly string[];
  partitionBy: string | null;
  orderBy: string | null;
}

export const MACROS = ['columns', 'key', 'nonKey', 'partitionBy', 'orderBy', 'keyMatch'] as const;

const MACRO = /\{\{\s*([A-Za-z]+)((?:\s+[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

export type Expanded = { ok: true; sql: string } | { ok: false; message: string };

/** Expands every macro of `sql` for the table; `quote` quotes an identifier in the lane database's dialect. */
export function expandMacros(sql: string, table: TableShape, quote: (name: string) => string): Expanded {
  let problem: string | null = null;
  const list = (names: readonly string[], alias?: string): string => names.map((n) => (alias ? `${alias}.${quote(n)}` : quote(n))).join(', ');
  const out = sql.replace(MACRO, (whole, name: string, argText: string) => {
    const args = argText.trim() ? argText.trim().split(/\s+/) : [];
    const fail = (message: string): string => {
      problem ??= message;
      return whole;
    };
    const one = (max: number): string | undefined => {
      if (args.length > max) fail(`{{${name}}} takes at most ${max} alias${max === 1 ? '' : 'es'}`);
      return args[0];
    };
    switch (name) {
      case 'columns':
        return list(table.columns, one(1));
      case 'key':
        return list(table.key, one(1));
      case 'nonKey':
        return list(table.nonKey, one(1));
      case 'partitionBy': {
        const alias = one(1);
        if (!table.partitionBy) return fail('{{partitionBy}} needs table.partitionBy in the scenario');
        return list([table.partitionBy], alias);
      }
      case 'orderBy': {
        const alias = one(1);
        return table.orderBy ? list([table.orderBy], alias) : 'NULL';
      }
      case 'keyMatch': {
        if (args.length !== 2) return fail('{{keyMatch a b}} takes two table aliases');
        const [a, b] = args as [string, string];
        return table.key.map((k) => `${a}.${quote(k)} = ${b}.${quote(k)}`).join(' AND ');
      }
      default:
        return fail(`unknown macro {{${name}}}: the macros are ${MACROS.map((m) => `{{${m}}}`).join(', ')}`);
    }
  });
  return problem ? { ok: false, message: problem } : { ok: true, sql: out };
}
