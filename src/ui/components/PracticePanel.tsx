import { useState } from 'react';
import { answerKey, isRight, questionsOf, type PracticeQuestion } from '../../state/practice';
import { useApp } from './storeContext';

/** Practice mode's bar: the question playback stopped at, its reveal and score, and the summary at the end. */
export function PracticePanel() {
  const on = useApp((s) => s.practiceOn);
  const result = useApp((s) => s.result);
  const laneChoice = useApp((s) => s.laneChoice);
  const askId = useApp((s) => s.practiceAsk);
  const answers = useApp((s) => s.practiceAnswers);
  const setPractice = useApp((s) => s.setPractice);
  const resetPractice = useApp((s) => s.resetPractice);
  const setFrameworkOpen = useApp((s) => s.setFrameworkOpen);
  // the questions are read from every lane's trace: not from the lanes done while others still run
  const running = useApp((s) => s.pendingLanes.length > 0);
  if (!on || !result) return null;
  if (running)
    return (
      <section className="practice" aria-labelledby="practice-title" data-testid="practice">
        <div className="practice__bar">
          <h2 id="practice-title" className="practice__title">Practice</h2>
          <span className="muted">The questions come once every lane has finished.</span>
        </div>
      </section>
    );
  const questions = questionsOf(result, laneChoice);
  const answered = questions.filter((q) => answers[answerKey(result, q)]);
  const right = answered.filter((q) => answers[answerKey(result, q)]?.right).length;
  const asked = questions.find((q) => q.id === askId) ?? null;
  const done = questions.length > 0 && answered.length === questions.length;
  return (
    <section className="practice" aria-labelledby="practice-title" data-testid="practice">
      <div className="practice__bar">
        <h2 id="practice-title" className="practice__title">Practice</h2>
        <span data-testid="practice-score">
          {answered.length} of {questions.length} answered, {right} right
        </span>
        <span className="muted">Playback stops at each question: predict, then see.</span>
        <span className="practice__tools">
          <button type="button" onClick={() => setFrameworkOpen(true)} data-testid="btn-framework">Answer framework</button>
          <button type="button" onClick={resetPractice} data-testid="btn-practice-reset">Start again</button>
          <button type="button" onClick={() => setPractice(false)}>Leave practice</button>
        </span>
      </div>
      {asked && <Question key={asked.id} q={asked} answer={answers[answerKey(result, asked)] ?? null} />}
      {!asked && done && (
        <div className="practice__summary" data-testid="practice-summary" role="status">
          <strong>
            Summary: {right} of {questions.length} predictions right.
          </strong>
          <ul>
            {questions.map((q) => (
              <li key={q.id}>
                {answers[answerKey(result, q)]?.right ? '✓' : '✗'} {q.prompt} <span className="muted">{q.reveal}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** One question: pick, check, then the reveal with the score. */
function Question({ q, answer }: { q: PracticeQuestion; answer: { picked: string[]; right: boolean } | null }) {
  const answerPractice = useApp((s) => s.answerPractice);
  const continuePractice = useApp((s) => s.continuePractice);
  const [picked, setPicked] = useState<string[]>([]);
  const many = q.kind === 'exactly-once';
  const toggle = (c: string) => setPicked((p) => (many ? (p.includes(c) ? p.filter((x) => x !== c) : [...p, c]) : [c]));
  return (
    <form
      className="practice__question"
      data-testid="practice-question"
      onSubmit={(e) => {
        e.preventDefault();
        if (!answer) answerPractice(q.id, picked);
      }}
    >
      <fieldset disabled={!!answer}>
        <legend className="practice__prompt">{q.prompt}</legend>
        <div className="practice__choices">
          {q.choices.map((c) => (
            <label key={c} className={`practice__choice${answer && q.answer.includes(c) ? ' practice__choice--right' : ''}`}>
              <input type={many ? 'checkbox' : 'radio'} name={q.id} value={c} checked={(answer?.picked ?? picked).includes(c)} onChange={() => toggle(c)} />
              {c}
            </label>
          ))}
        </div>
      </fieldset>
      {!answer ? (
        <button type="submit" className="practice__check" data-testid="practice-check" disabled={!many && picked.length === 0}>
          Check my answer
        </button>
      ) : (
        <p className="practice__reveal" role="status" data-testid="practice-reveal">
          <strong>{isRight(q, answer.picked) ? '✓ Right.' : '✗ Not quite.'}</strong> {q.reveal}{' '}
          <button type="button" onClick={continuePractice} data-testid="practice-continue">Continue ▸</button>
        </p>
      )}
    </form>
  );
}
