import type { CatalogEntry } from '../../state/catalog';
import { useApp } from './storeContext';

/** The scenario list (title + summary); an edited or shared document shows as its own entry. */
export function ScenarioPicker({ catalog }: { catalog: CatalogEntry[] }) {
  const baseId = useApp((s) => s.baseId);
  const doc = useApp((s) => s.doc);
  const edited = useApp((s) => s.edited);
  const requestReplace = useApp((s) => s.requestReplace);
  const current = baseId && catalog.some((e) => e.id === baseId) ? baseId : '';
  const summary = doc?.summary ?? '';
  return (
    <div className="scenario-picker">
      <label htmlFor="scenario-picker" className="visually-hidden">Scenario</label>
      <select
        id="scenario-picker"
        data-testid="scenario-picker"
        value={edited || !current ? '__current__' : current}
        onChange={(e) => {
          if (e.target.value === '__current__') return;
          // the store asks before it replaces edited work
          void requestReplace({ source: 'picker', catalogId: e.target.value });
        }}
        aria-describedby="scenario-summary"
      >
        {(edited || !current) && doc && <option value="__current__">{doc.title}{edited ? ' (edited)' : ''}</option>}
        {catalog.map((e, i) => (
          <option key={e.id} value={e.id}>
            {String(i + 1).padStart(2, '0')} · {e.title}
          </option>
        ))}
      </select>
      <p id="scenario-summary" className="scenario-picker__summary">{summary}</p>
    </div>
  );
}
