import { ChartLegend } from './ChartLegend';
import { Modal } from './Modal';
import { BadgeShape } from './VerdictBadge';
import { useApp } from './storeContext';

/** The first-visit introduction: under a minute to read, skippable, reopened from Help; remembered once closed. */
export function IntroDialog() {
  const open = useApp((s) => s.introOpen);
  const close = useApp((s) => s.closeIntro);
  if (!open) return null;
  return (
    <Modal
      title="Start here: does your pipeline survive running twice?"
      onClose={close}
      testId="intro"
      actions={
        <>
          <button type="button" data-testid="intro-start" onClick={close} className="intro__start">Start playing</button>
          <button type="button" data-testid="intro-skip" onClick={close}>Skip</button>
        </>
      }
    >
      <div className="intro">
        <section>
          <h3>Idempotency</h3>
          <p>
            Schedulers retry: a job that crashed half way runs again from the start. A step is <strong>idempotent</strong>{' '}
            when running it twice leaves the same data as running it once: no duplicate rows, none lost.
          </p>
        </section>
        <section>
          <h3>A lane</h3>
          <p>
            Each column is one way to write the load (a pattern), on its own SQLite database, with the same files, faults
            and retries. Its badge gives the verdict, e.g. <BadgeShape kind="duplicates">dup 1,000</BadgeShape> or{' '}
            <BadgeShape kind="exactly-once">exactly-once</BadgeShape>; the chart shows rows against the truth; the steps show
            the SQL as it ran.
          </p>
        </section>
        <section>
          <h3>The scoreboard and the cursor</h3>
          <p>
            The scoreboard above the lanes lists every lane's verdict at the cursor. One cursor moves all lanes:{' '}
            <kbd>Space</kbd> plays, <kbd>←</kbd> <kbd>→</kbd> step. Nothing after the cursor is shown.
          </p>
        </section>
        <section>
          <h3>Inject a fault</h3>
          <p>Click a step, then “✕ crash here” or “! error here” in the Faults panel: every lane runs again with it.</p>
        </section>
        <details className="intro__legend">
          <summary>Chart legend</summary>
          <ChartLegend />
        </details>
      </div>
    </Modal>
  );
}
