import { fmt } from '../../engine/format';
import type { ChallengeEntry } from '../../state/challengeSlice';
import { useApp } from './storeContext';

/** Breaking schedules listed after the smallest one. */
const MORE = 10;

/** The grade's answer: passed with the certificate, or the smallest counterexample with "Open in playground". */
export function ChallengeResult({ entry }: { entry: ChallengeEntry }) {
  const status = useApp((s) => s.gradeStatus);
  const result = useApp((s) => (s.gradeResult?.challenge === entry.id ? s.gradeResult : null));
  const message = useApp((s) => s.gradeMessage);
  const open = useApp((s) => s.openCounterexample);
  if (status === 'cancelled') return <p className="challenge-result" role="status" data-testid="grade-result">Grading cancelled: nothing was decided.</p>;
  if (status === 'invalid')
    return <p className="challenge-result challenge-result--failed" role="alert" data-testid="grade-result">Your lane cannot run yet: see the problems under the editor.</p>;
  if (status === 'stopped' || status === 'failed')
    return (
      <p className="challenge-result challenge-result--failed" role="alert" data-testid="grade-result">
        <strong>{status === 'stopped' ? '✗ Stopped.' : '✗ The grade failed.'}</strong> {message}
      </p>
    );
  if (status !== 'done' || !result) return null;
  const { report } = result;
  const broken = report.constraints.filter((c) => !c.ok);
  const first = report.failures[0];
  return (
    <div className={`challenge-result ${report.passed ? 'challenge-result--passed' : 'challenge-result--failed'}`} role="status" data-testid="grade-result" data-passed={report.passed ? 'true' : 'false'}>
      {report.passed ? (
        <p>
          <strong>✓ Passed.</strong> <span data-testid="grade-certificate">{report.certificate}</span>
        </p>
      ) : (
        <>
          <p>
            <strong>✗ Not yet.</strong> {report.failures.length > 0 ? `${fmt(report.failures.length)}${report.failures.length >= 50 ? '+' : ''} of ${fmt(report.checked.schedules)} schedules break the goal.` : ''}
          </p>
          {broken.map((c) => (
            <p key={c.name} data-testid={`constraint-${c.name}`}>✗ Rule broken: {c.message}</p>
          ))}
          {first && (
            <div className="challenge-result__counter" data-testid="counterexample">
              <p>
                Smallest counterexample: <strong>{first.schedule}</strong>
                {first.scenario !== 'base' ? ` on the variant “${first.scenario}”` : ''} — {first.message} ({fmt(first.rows)} rows in dest).
              </p>
              <button type="button" onClick={() => void open(first)} data-testid="btn-open-counterexample">
                Open in playground
              </button>
            </div>
          )}
          {report.failures.length > 1 && (
            <details className="challenge-result__more">
              <summary>Other breaking schedules ({fmt(Math.min(report.failures.length - 1, MORE))} shown)</summary>
              <ul>
                {report.failures.slice(1, MORE + 1).map((f, i) => (
                  <li key={i}>
                    {f.schedule}
                    {f.scenario !== 'base' ? ` (${f.scenario})` : ''} — {f.message}{' '}
                    <button type="button" onClick={() => void open(f)} aria-label={`Open in playground: ${f.schedule}${f.scenario !== 'base' ? ` on ${f.scenario}` : ''}`}>
                      Open
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}
