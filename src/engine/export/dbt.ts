import type { Model } from '../model';
import type { PatternId } from '../schema';
import { colsOf, ident, keyOn } from './common';

/**
 * How each lane maps to a dbt incremental model (`incremental_strategy`, `unique_key`). dbt keeps no per-file
 * bookkeeping table: the per-file lanes become an `append` filtered on what `{{ this }}` already holds, which is what
 * their bookkeeping approximates; the model runs in one transaction on PostgreSQL, so each run is atomic.
 */
export const DBT_STRATEGY: Record<PatternId, { strategy: 'append' | 'merge' | 'delete+insert' | 'insert_overwrite'; uniqueKey: 'key' | 'partition' | null; note: string }> = {
  naive: { strategy: 'append', uniqueKey: null, note: 'append every run: a re-run appends again' },
  tracking: { strategy: 'append', uniqueKey: null, note: 'append files whose path is not in the table yet (the path stands for processed_files)' },
  ingestor: { strategy: 'append', uniqueKey: null, note: 'append files whose path is not in the table yet (no claim: a model run is one transaction)' },
  'ingestor-lock': { strategy: 'append', uniqueKey: null, note: 'as ingestor: dbt has no IN_PROGRESS state to take for a lock' },
  'tracking-atomic': { strategy: 'append', uniqueKey: null, note: 'append files whose content hash is not in the table yet; rows and hash in one transaction' },
  overwrite: { strategy: 'delete+insert', uniqueKey: 'partition', note: 'replace the partitions the batch touches (insert_overwrite on Spark/Databricks adapters)' },
  'overwrite-nonatomic': { strategy: 'delete+insert', uniqueKey: 'partition', note: 'dbt runs delete+insert in one transaction: the non-atomic window does not exist here' },
  merge: { strategy: 'merge', uniqueKey: 'key', note: 'MERGE on the key; the database refuses a target row matched twice' },
  'merge-latest': { strategy: 'merge', uniqueKey: 'key', note: 'the batch reduced to the latest row per key, and only rows newer than the target' },
  'anti-join': { strategy: 'append', uniqueKey: null, note: 'append batch rows whose key is not in the table yet' },
};

/** A lane's pattern as a dbt incremental model over a `landing.batch` source (`_file_path`, `_content_hash`, `_pos`, `_seq` and the table's columns). */
export function dbtModel(model: Model, pattern: PatternId): string {
  const { columns, key, orderBy, partitionBy, scenario } = model;
  const m = DBT_STRATEGY[pattern];
  const uniqueKey = m.uniqueKey === 'key' ? key : m.uniqueKey === 'partition' ? [partitionBy as string] : null;
  const config = [
    "materialized='incremental'",
    `incremental_strategy='${m.strategy}'`,
    ...(uniqueKey ? [`unique_key=${uniqueKey.length === 1 ? `'${uniqueKey[0]}'` : `[${uniqueKey.map((k) => `'${k}'`).join(', ')}]`}`] : []),
  ].join(', ');
  const cols = colsOf(columns, 's');
  const select = `select ${cols}, s._file_path as _file, s._content_hash, s._pos, s._seq\nfrom {{ source('landing', 'batch') }} as s`;
  let body: string;
  switch (pattern) {
    case 'tracking':
    case 'ingestor':
    case 'ingestor-lock':
      body = `${select}\n{% if is_incremental() %}\nwhere s._file_path not in (select t._file from {{ this }} as t)\n{% endif %}`;
      break;
    case 'tracking-atomic':
      body = `${select}\n{% if is_incremental() %}\nwhere s._content_hash not in (select t._content_hash from {{ this }} as t)\n{% endif %}`;
      break;
    case 'merge-latest': {
      const order = [orderBy ? `s.${ident(orderBy)} desc` : null, 's._pos desc', 's._seq desc'].filter(Boolean).join(', ');
      body =
        // the window goes in the select list, before FROM (a select's items precede its FROM clause)
        `with ranked as (\n  select ${cols}, s._file_path as _file, s._content_hash, s._pos, s._seq,\n    row_number() over (partition by ${colsOf(key, 's')} order by ${order}) as _rn\n  from {{ source('landing', 'batch') }} as s\n)\n` +
        `select ${colsOf(columns, 'r')}, r._file, r._content_hash, r._pos, r._seq from ranked as r\n` +
        (orderBy
          ? `{% if is_incremental() %}\nleft join {{ this }} as t on ${keyOn(key, 't', 'r')}\nwhere r._rn = 1 and (t.${ident(key[0] as string)} is null or r.${ident(orderBy)} > t.${ident(orderBy)})\n{% else %}\nwhere r._rn = 1\n{% endif %}`
          : 'where r._rn = 1');
      break;
    }
    case 'anti-join':
      body = `${select}\n{% if is_incremental() %}\nwhere not exists (select 1 from {{ this }} as t where ${keyOn(key, 't', 's')})\n{% endif %}`;
      break;
    default:
      body = select;
  }
  return `-- RunTwice: the "${pattern}" pattern on the table of scenario "${scenario.id}", as a dbt incremental model.
-- Strategy: ${m.strategy}${uniqueKey ? `, unique_key ${uniqueKey.join(', ')}` : ''} — ${m.note}.
-- Source: landing.batch = the run's files (_file_path, _content_hash, _pos, _seq, ${columns.join(', ')}).
{{ config(${config}) }}

${body}
`;
}
