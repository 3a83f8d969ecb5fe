import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The stories are teaching text: every sentence about a real system must be one its documentation supports.
// These checks pin the fixes that were made against the docs, and ask every story that leans on a real
// system to say which documentation it relies on.

const dir = join(__dirname, '../../scenarios');
const stories = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, story: JSON.parse(readFileSync(join(dir, file), 'utf8')).story as string }));

const REAL_SYSTEMS = /\b(Delta|Spark|Auto Loader|dbt|Databricks|PostgreSQL|Airflow)\b/;

/** Sentences of the story, with its hard line breaks undone. */
function sentences(story: string): string[] {
  return story.replace(/\s*\n\s*/g, ' ').split(/(?<=[.;])\s+/);
}

describe('the stories about real systems', () => {
  it('found the stories', () => expect(stories.length).toBeGreaterThanOrEqual(14));

  it.each(stories)('$file names its sources when it mentions a real system', ({ story }) => {
    if (!REAL_SYSTEMS.test(story)) return;
    const last = (story.trimEnd().split(/\n\n/).pop() as string).replace(/\s+/g, ' ');
    expect(last, 'the last paragraph is a "Sources:" line').toMatch(/^Sources: .+\.$/);
    for (const source of last.slice('Sources: '.length, -1).split('; '))
      expect(source, 'a source has a title and an address').toMatch(/^[^"]+, "[^"]+"[^()]* \([a-z0-9.-]+\.[a-z]{2,}\/[^)]*\)$/);
  });

  it.each(stories)('$file does not repeat a claim the documentation contradicts', ({ story }) => {
    // Delta: a crashed write leaves uncommitted data files behind (VACUUM removes them), not "no trace".
    expect(story).not.toMatch(/leaves? no trace/i);
    // MERGE is not idempotent by construction: duplicate source keys fail, or are inserted when nothing matched.
    expect(story).not.toMatch(/idempotent by construction/i);
    // Auto Loader's file state lives in the stream's checkpoint (RocksDB), not in the table's commit.
    for (const s of sentences(story).filter((x) => /Auto Loader/.test(x))) {
      expect(s).not.toMatch(/\b(same|atomic)\b[^.;]*\bcommit\b/i);
      expect(s).not.toMatch(/together with (its|their) file log/i);
    }
    // Spark's commit protocol discards failed task attempts; leftovers come from a failed job.
    expect(story).not.toMatch(/failed Spark task attempt leaves/i);
    // Only static overwrite of a datasource table deletes first; dynamic mode and Hive tables stage and swap.
    expect(story).not.toMatch(/Parquet\/Hive tables with `mode\("overwrite"\)` removes the old files/);
  });
});
