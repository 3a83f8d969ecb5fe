import { useEffect, useMemo, useRef, useState } from 'react';
import { validateChallenge, challengeScenarios, scenarioWithLane, type ChallengeDoc } from '../../engine/challenge/format';
import { laneToScript } from '../../engine/custom/script';
import type { ChallengeEntry } from '../../state/challengeSlice';
import { checkLaneScript, type LaneIssue } from '../../state/customLanes';
import { ChallengeLadder } from './ChallengeLadder';
import { ChallengeResult } from './ChallengeResult';
import { ChallengeShare } from './ChallengeShare';
import { LaneScriptEditor } from './LaneScriptEditor';
import { Markdown } from './Markdown';
import { Modal } from './Modal';
import { useApp } from './storeContext';
import '../challenge.css';

/** The challenge ladder: levels on the left; the chosen one's story, goal, editor, grade and result on the right. */
export default function ChallengeView() {
  const entries = useApp((s) => s.challenges);
  const id = useApp((s) => s.challengeId);
  const entry = entries.find((c) => c.id === id) ?? entries[0];
  const close = useApp((s) => s.closeChallenges);
  return (
    <section className="challenge-view" aria-labelledby="challenge-view-title" data-testid="challenge-view">
      <div className="challenge-view__bar">
        <button type="button" onClick={close} data-testid="btn-challenges-back" aria-label="Back to the playground (C)">← Playground</button>
        <h2 id="challenge-view-title" className="challenge-view__title">Challenges</h2>
        <span className="muted challenge-view__keys">Ctrl+Enter grades · Alt+H next hint · C leaves</span>
      </div>
      <div className="challenge-view__body">
        <ChallengeLadder />
        {entry ? <ChallengeDetail key={entry.id} entry={entry} /> : <p>No challenges in this build.</p>}
      </div>
    </section>
  );
}

/** The challenge document, validated once (a broken file says why instead of a view). */
function useChallenge(entry: ChallengeEntry): { ok: true; challenge: ChallengeDoc } | { ok: false; error: string } {
  return useMemo(() => {
    const v = validateChallenge(entry.doc);
    return v.ok ? v : { ok: false, error: v.errors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ') };
  }, [entry]);
}

function ChallengeDetail({ entry }: { entry: ChallengeEntry }) {
  const read = useChallenge(entry);
  if (!read.ok)
    return (
      <div className="challenge-detail" role="alert">
        <h3>{entry.title}</h3>
        <p>This challenge’s file is broken: {read.error}</p>
      </div>
    );
  return <ChallengeWork entry={entry} challenge={read.challenge} />;
}

const GOAL = (c: ChallengeDoc): string => {
  const kinds = c.goal.kinds.length === 2 ? 'crash and error' : c.goal.kinds[0];
  return `Exactly-once with no fault and under every ${c.goal.depth === 1 ? 'single' : 'single and double'} ${kinds}, on ${c.variants.length + 1} scenario${c.variants.length ? 's' : ''}`;
};

function constraintsText(c: ChallengeDoc): string[] {
  const out: string[] = [];
  if (c.constraints.maxStatements) out.push(`at most ${c.constraints.maxStatements} statements (statements and on error)`);
  if (c.constraints.noUniqueIndexOnDest) out.push('no unique index on dest');
  if (c.constraints.unit) out.push(`unit: ${c.constraints.unit}`);
  return out;
}

function ChallengeWork({ entry, challenge }: { entry: ChallengeEntry; challenge: ChallengeDoc }) {
  const progress = useApp((s) => s.challengeProgress[entry.id]);
  const setDraft = useApp((s) => s.setChallengeDraft);
  const grade = useApp((s) => s.gradeChallenge);
  const status = useApp((s) => s.gradeStatus);
  const starter = useMemo(() => laneToScript(challenge.starter), [challenge]);
  const text = progress?.draft ?? starter;
  const base = useMemo(() => challengeScenarios(challenge)[0], [challenge]);
  const [issues, setIssues] = useState<LaneIssue[]>([]);
  const gradeIssues = useApp((s) => s.gradeIssues);
  const running = status === 'running';

  useEffect(() => {
    if (!base) return;
    const t = setTimeout(() => {
      const r = checkLaneScript(text, (lane) => {
        const v = scenarioWithLane(base, lane);
        return { doc: v.ok ? { ...base.doc, lanes: [lane], faults: [] } : { ...base.doc, lanes: [lane] }, prefix: ['lanes', 0] };
      });
      setIssues(r.issues);
    }, 250);
    return () => clearTimeout(t);
  }, [text, base]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !running) {
        e.preventDefault();
        void grade();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [grade, running]);

  const shown = issues.length ? issues : status === 'invalid' || status === 'stopped' ? gradeIssues : [];
  const constraints = constraintsText(challenge);
  return (
    <div className="challenge-detail" data-testid={`challenge-${entry.id}`}>
      <header className="challenge-detail__head">
        <h3 className="challenge-detail__title">
          Level {challenge.level}: {challenge.title}
          {progress?.solved && <span className="challenge-badge challenge-badge--solved" data-testid="challenge-solved"> ✓ solved</span>}
          {progress?.solutionSeen && <span className="challenge-badge"> solution seen</span>}
        </h3>
        <p className="challenge-detail__summary">{challenge.summary}</p>
      </header>
      <div className="challenge-detail__cols">
        <div className="challenge-detail__story">
          <Markdown source={challenge.story} />
          <p className="challenge-detail__goal" data-testid="challenge-goal">
            <strong>Goal:</strong> {GOAL(challenge)}.
          </p>
          {challenge.variants.length > 0 && (
            <p className="muted">Also graded on: {challenge.variants.map((v) => v.label).join('; ')}.</p>
          )}
          {constraints.length > 0 && <p><strong>Rules:</strong> {constraints.join('; ')}.</p>}
          <ChallengeHelp entry={entry} challenge={challenge} />
        </div>
        <div className="challenge-detail__work">
          <KeptDraft id={entry.id} />
          <LaneScriptEditor
            text={text}
            onChange={(t) => setDraft(entry.id, t)}
            issues={shown}
            path={`challenge-${entry.id}.sql`}
            height={260}
            ariaLabel={`Your lane for “${challenge.title}” (SQL)`}
            onRun={() => void grade()}
            testId="challenge-editor"
          />
          <GradeBar starter={starter} id={entry.id} blocked={issues.length > 0} />
          <ChallengeResult entry={entry} />
          {progress?.solved && progress.passed && <ChallengeShare id={entry.id} script={progress.passed} />}
        </div>
      </div>
    </div>
  );
}

/** Grade (with progress and Cancel) and "Back to the starter". */
function GradeBar({ starter, id, blocked }: { starter: string; id: string; blocked: boolean }) {
  const status = useApp((s) => s.gradeStatus);
  const progress = useApp((s) => s.gradeProgress);
  const grade = useApp((s) => s.gradeChallenge);
  const cancel = useApp((s) => s.cancelGrade);
  const setDraft = useApp((s) => s.setChallengeDraft);
  const [resetting, setResetting] = useState(false);
  const running = status === 'running';
  return (
    <div className="challenge-grade" data-testid="challenge-grade" data-grade-status={status}>
      <button type="button" className="challenge-grade__run" onClick={() => void grade()} disabled={running || blocked} data-testid="btn-grade" aria-label="Grade your lane under every fault (Ctrl+Enter)">
        Grade
      </button>
      {running && (
        <>
          <span role="status" aria-live="polite" data-testid="grade-progress">
            {progress ? `Scenario ${progress.index + 1} of ${progress.total} (${progress.scenario}): ${progress.done} of ${progress.plays} plays` : 'Starting the grading workers…'}
          </span>
          <progress max={Math.max(1, progress?.plays ?? 1)} value={progress ? progress.done : undefined} aria-label="Grading progress" />
          <button type="button" onClick={cancel} data-testid="btn-grade-cancel">Cancel</button>
        </>
      )}
      {!running && (
        <button type="button" onClick={() => setResetting(true)} data-testid="btn-reset-starter">Back to the starter</button>
      )}
      {resetting && (
        <Modal
          title="Replace your lane with the starter?"
          onClose={() => setResetting(false)}
          actions={
            <>
              <button type="button" onClick={() => setResetting(false)}>Keep my lane</button>
              <button
                type="button"
                onClick={() => {
                  setDraft(id, starter);
                  setResetting(false);
                }}
              >
                Use the starter
              </button>
            </>
          }
        >
          <p>Your text in the editor is replaced by the challenge’s starter lane.</p>
        </Modal>
      )}
    </div>
  );
}

/** A challenge link put a shared lane in the editor: the learner's own draft can come back. */
function KeptDraft({ id }: { id: string }) {
  const kept = useApp((s) => s.challengeProgress[id]?.kept ?? null);
  const restore = useApp((s) => s.restoreKeptDraft);
  if (!kept) return null;
  return (
    <p className="challenge-kept" role="status">
      The editor holds a shared lane; your own draft is kept.{' '}
      <button type="button" onClick={() => restore(id)} data-testid="btn-restore-draft">Restore my draft</button>
    </p>
  );
}

/** Hints one at a time, and the solution behind a confirmation (then marked as seen). */
function ChallengeHelp({ entry, challenge }: { entry: ChallengeEntry; challenge: ChallengeDoc }) {
  const shownHints = useApp((s) => s.challengeProgress[entry.id]?.hints ?? 0);
  const seen = useApp((s) => s.challengeProgress[entry.id]?.solutionSeen ?? false);
  const showHint = useApp((s) => s.showHint);
  const reveal = useApp((s) => s.revealSolution);
  const setDraft = useApp((s) => s.setChallengeDraft);
  const [asking, setAsking] = useState(false);
  const more = shownHints < challenge.hints.length;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && (e.key === 'h' || e.key === 'H' || e.code === 'KeyH') && more) {
        e.preventDefault();
        showHint(entry.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entry.id, more, showHint]);
  const solution = useMemo(() => laneToScript(challenge.solution), [challenge]);
  // what was just asked for comes into view (the story column scrolls on its own)
  const box = useRef<HTMLDivElement>(null);
  const asked = useRef({ hints: shownHints, seen });
  useEffect(() => {
    const before = asked.current;
    asked.current = { hints: shownHints, seen };
    if (before.hints === shownHints && before.seen === seen) return;
    const last = box.current?.querySelector(before.seen !== seen ? '[data-testid="challenge-solution"]' : '.challenge-help__hints > li:last-child');
    last?.scrollIntoView?.({ block: 'nearest' });
  }, [shownHints, seen]);
  return (
    <div className="challenge-help" ref={box}>
      {shownHints > 0 && (
        <ol className="challenge-help__hints" data-testid="challenge-hints" aria-label="Hints">
          {challenge.hints.slice(0, shownHints).map((h, i) => (
            <li key={i}><Markdown source={h} /></li>
          ))}
        </ol>
      )}
      <div className="challenge-help__buttons">
        <button type="button" onClick={() => showHint(entry.id)} disabled={!more} data-testid="btn-hint" aria-label="Show the next hint (Alt+H)">
          {shownHints === 0 ? 'Show a hint' : more ? `Next hint (${shownHints + 1} of ${challenge.hints.length})` : 'No more hints'}
        </button>
        {!seen && (
          <button type="button" onClick={() => setAsking(true)} data-testid="btn-show-solution">Show solution</button>
        )}
      </div>
      {seen && (
        <div className="challenge-help__solution" data-testid="challenge-solution">
          <p><strong>Reference solution</strong> (marked as seen). {challenge.lesson}</p>
          <pre><code>{solution}</code></pre>
          <button type="button" onClick={() => setDraft(entry.id, solution)} data-testid="btn-use-solution">Put it in the editor</button>
        </div>
      )}
      {asking && (
        <Modal
          title="Show the reference solution?"
          onClose={() => setAsking(false)}
          testId="dialog-show-solution"
          actions={
            <>
              <button type="button" onClick={() => setAsking(false)}>Not yet</button>
              <button
                type="button"
                data-testid="btn-show-solution-confirm"
                onClick={() => {
                  reveal(entry.id);
                  setAsking(false);
                }}
              >
                Show it
              </button>
            </>
          }
        >
          <p>The challenge will be marked “solution seen” on your ladder. You can still solve it and grade your own lane.</p>
        </Modal>
      )}
    </div>
  );
}
