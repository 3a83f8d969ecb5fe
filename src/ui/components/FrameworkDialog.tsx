import { FRAMEWORK, type Evidence } from '../../state/framework';
import type { CatalogEntry } from '../../state/catalog';
import { Modal } from './Modal';
import { BadgeShape } from './VerdictBadge';
import { useApp } from './storeContext';

/** The interview note's answer framework as a checklist: each claim with the scenarios that support or refute it. */
export function FrameworkDialog({ catalog }: { catalog: CatalogEntry[] }) {
  const open = useApp((s) => s.practiceFrameworkOpen);
  const setOpen = useApp((s) => s.setFrameworkOpen);
  const requestReplace = useApp((s) => s.requestReplace);
  if (!open) return null;
  const nameOf = (id: string) => {
    const i = catalog.findIndex((e) => e.id === id);
    return i < 0 ? id : `${String(i + 1).padStart(2, '0')} · ${catalog[i]?.title ?? id}`;
  };
  const openScenario = (e: Evidence) => {
    setOpen(false);
    void requestReplace({ source: 'picker', catalogId: e.scenario });
  };
  return (
    <Modal title="The answer framework, checked against the scenarios" onClose={() => setOpen(false)} closeOnBackdrop wide testId="framework">
      <p>Each claim of a textbook answer, with the scenarios where a lane shows it true (supports) or false (refutes). Open one to see it run.</p>
      <ol className="framework">
        {FRAMEWORK.map((part) => (
          <li key={part.title} className="framework__part">
            <h3>{part.title}</h3>
            <ul className="framework__claims">
              {part.claims.map((c) => (
                <li key={c.id} className="framework__claim" data-testid={`claim-${c.id}`}>
                  <p className="framework__text">“{c.text}”</p>
                  <ul className="framework__evidence">
                    {c.evidence.map((e) => (
                      <li key={`${e.scenario}-${e.lane}`}>
                        <span className={`framework__stance framework__stance--kind-${e.supports ? 'supports' : 'refutes'}`}>{e.supports ? 'supports' : 'refutes'}</span>{' '}
                        <button type="button" className="framework__link" onClick={() => openScenario(e)}>
                          {nameOf(e.scenario)}
                        </button>{' '}
                        <code>{e.lane}</code> <BadgeShape kind={e.verdict} final>{e.verdict}</BadgeShape> <span className="muted">{e.note}</span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setOpen(false)}>Close</button>
    </Modal>
  );
}
