import type { Model } from '../model';
import type { PatternId } from '../schema';
import { pyLiteral, sparkType } from './common';

const py = (names: readonly string[]): string => `[${names.map((n) => JSON.stringify(n)).join(', ')}]`;

/** Each pattern's `load` body (Python, 4-space indented inside `def load(spark, files, run_id)`). */
const BODIES: Record<PatternId, string> = {
  naive: `    # append every file, no bookkeeping: a retry appends again
    for path in files:
        read_file(spark, path).withColumn("_run", F.lit(run_id)).withColumn("_file", F.lit(path)) \\
            .write.format("delta").mode("append").saveAsTable(TABLE)`,
  tracking: `    # the note's file tracking: skip paths already recorded (any status); mark after the rows (two commits)
    done = {r.file_path for r in spark.table(PROCESSED).select("file_path").collect()}
    for path in files:
        if path in done:
            continue
        df = read_file(spark, path)
        df.withColumn("_run", F.lit(run_id)).withColumn("_file", F.lit(path)).write.format("delta").mode("append").saveAsTable(TABLE)
        spark.createDataFrame([(path, "SUCCESS", df.count())], "file_path string, status string, record_count long") \\
            .write.format("delta").mode("append").saveAsTable(PROCESSED)`,
  ingestor: `    # the note's IdempotentIngestor: path hash; skip only on SUCCESS; claim IN_PROGRESS; mark SUCCESS
    ingest(spark, files, run_id, skip_statuses=("SUCCESS",))`,
  'ingestor-lock': `    # as the ingestor, but IN_PROGRESS is taken as a lock held by another run: the file is skipped
    ingest(spark, files, run_id, skip_statuses=("SUCCESS", "IN_PROGRESS"))`,
  'tracking-atomic': `    # content hash, and the rows and the hash in ONE Delta commit: the hash travels with the rows as a column of
    # the same write (Delta commits one table atomically; two tables are two commits)
    known = {r._content_hash for r in spark.table(TABLE).select("_content_hash").distinct().collect()}
    for path in files:
        df = read_file(spark, path)
        digest = content_hash(df)
        if digest in known:
            continue
        df.withColumn("_run", F.lit(run_id)).withColumn("_file", F.lit(path)).withColumn("_content_hash", F.lit(digest)) \\
            .write.format("delta").mode("append").saveAsTable(TABLE)
        known.add(digest)`,
  overwrite: `    # dynamic partition overwrite: the partitions the batch touches are replaced in one atomic commit
    batch(spark, files, run_id).write.format("delta").mode("overwrite") \\
        .option("partitionOverwriteMode", "dynamic").saveAsTable(TABLE)`,
  'overwrite-nonatomic': `    # plain files: delete the partitions, then write (two commits: a reader, or a crash, sees the gap)
    df = batch(spark, files, run_id)
    parts = [r[0] for r in df.select(PARTITION_BY).distinct().collect()]
    DeltaTable.forName(spark, TABLE).delete(F.col(PARTITION_BY).isin(parts))
    df.write.format("delta").mode("append").saveAsTable(TABLE)`,
  merge: `    # MERGE on the key; Delta refuses a target row matched by two batch rows
    # (DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE)
    merge_into(spark, batch(spark, files, run_id), newer_only=False)`,
  'merge-latest': `    # the batch reduced to the latest row per key, and a matched row updated only by a newer one
    df = batch(spark, files, run_id)
    order = ([F.col(ORDER_BY).desc()] if ORDER_BY else []) + [F.col("_pos").desc(), F.col("_seq").desc()]
    df = df.withColumn("_rn", F.row_number().over(Window.partitionBy(*KEY).orderBy(*order))).filter("_rn = 1").drop("_rn")
    merge_into(spark, df, newer_only=ORDER_BY is not None)`,
  'anti-join': `    # insert batch rows whose key is absent from the table as it was before (in-batch duplicates both pass)
    df = batch(spark, files, run_id)
    target = spark.table(TABLE).select(*KEY)
    df.join(target, on=KEY, how="left_anti").drop("_pos", "_seq").write.format("delta").mode("append").saveAsTable(TABLE)`,
};

/** A lane's pattern as PySpark on Delta Lake: a script with the scenario's table, one `load` per run. */
export function pyspark(model: Model, pattern: PatternId): string {
  const { columns, key, orderBy, partitionBy, scenario } = model;
  const schema = columns.map((c) => `${c} ${sparkType(scenario.table.columns[c] as string)}`).join(', ');
  const runs = model.runs.map((input) => `[${input.map((f) => pyLiteral(f.path)).join(', ')}]`).join(',\n    ');
  return `"""RunTwice: the "${pattern}" pattern on the table of scenario "${scenario.id}", as PySpark on Delta Lake.

Needs pyspark and delta-spark (pip install delta-spark). Files are CSV with a header, one per path.
"""
import hashlib
import sys

from delta.tables import DeltaTable
from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F

TABLE = "dest"
PROCESSED = "processed_files"
REGISTRY = "file_registry"
SCHEMA = ${JSON.stringify(schema)}
KEY = ${py(key)}
COLUMNS = ${py(columns)}
ORDER_BY = ${orderBy ? JSON.stringify(orderBy) : 'None'}
PARTITION_BY = ${partitionBy ? JSON.stringify(partitionBy) : 'None'}
RUNS = [
    ${runs},
]


def read_file(spark, path):
    return spark.read.option("header", True).schema(SCHEMA).csv(path)


def batch(spark, files, run_id):
    """The run's files concatenated in input order, each row with its position, its path and the run."""
    parts = [
        read_file(spark, path).withColumn("_seq", F.monotonically_increasing_id()).withColumn("_pos", F.lit(pos)).withColumn("_file", F.lit(path))
        for pos, path in enumerate(files, start=1)
    ]
    df = parts[0]
    for p in parts[1:]:
        df = df.unionByName(p)
    return df.withColumn("_run", F.lit(run_id))


def content_hash(df):
    rows = sorted(tuple(r) for r in df.select(*sorted(COLUMNS)).collect())
    return hashlib.sha256("\\n".join(repr(r) for r in rows).encode()).hexdigest()


def ingest(spark, files, run_id, skip_statuses):
    for path in files:
        digest = hashlib.sha256(path.encode()).hexdigest()
        found = spark.table(REGISTRY).filter((F.col("file_path") == path) & (F.col("file_hash") == digest) & F.col("status").isin(*skip_statuses))
        if found.limit(1).count() > 0:
            continue
        registry = DeltaTable.forName(spark, REGISTRY)
        claim = spark.createDataFrame([(path, digest, "IN_PROGRESS")], "file_path string, file_hash string, status string")
        registry.alias("t").merge(claim.alias("s"), "t.file_path = s.file_path").whenMatchedUpdateAll().whenNotMatchedInsertAll().execute()
        try:
            df = read_file(spark, path)
            df.withColumn("_run", F.lit(run_id)).withColumn("_file", F.lit(path)).write.format("delta").mode("append").saveAsTable(TABLE)
            registry.update(F.col("file_path") == path, {"status": F.lit("SUCCESS")})
        except Exception as e:
            registry.update(F.col("file_path") == path, {"status": F.lit("FAILED"), "error_message": F.lit(str(e))})
            raise


def merge_into(spark, df, newer_only):
    cond = " AND ".join(f"t.{k} = s.{k}" for k in KEY)
    update = {c: f"s.{c}" for c in COLUMNS + ["_run", "_file"]}
    m = DeltaTable.forName(spark, TABLE).alias("t").merge(df.alias("s"), cond)
    m = m.whenMatchedUpdate(condition=f"s.{ORDER_BY} > t.{ORDER_BY}" if newer_only else None, set=update)
    m.whenNotMatchedInsert(values=update).execute()


def load(spark, files, run_id):
${BODIES[pattern]}


if __name__ == "__main__":
    spark = SparkSession.builder.appName("runtwice-${pattern}").getOrCreate()
    for run_id, files in enumerate(RUNS, start=1):
        load(spark, files, run_id)
    sys.exit(0)
`;
}
