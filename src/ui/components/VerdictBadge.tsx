import type { ReactNode } from 'react';
import { VERDICT_SYMBOL as SYMBOL, type VerdictView } from '../../state/selectors';

/** The badge's shape: words, symbol and colour (never colour alone); the symbol is drawn by CSS. Also the help's legend. */
export function BadgeShape({ kind, final = false, title, children }: { kind: VerdictView['kind']; final?: boolean; title?: string; children: ReactNode }) {
  return (
    <span className={`verdict-badge verdict-badge--kind-${kind}${final ? ' verdict-badge--final' : ''}`} title={title} data-symbol={SYMBOL[kind]}>
      {children}
    </span>
  );
}

/** The lane's verdict at the cursor. */
export function VerdictBadge({ laneId, verdict }: { laneId: string; verdict: VerdictView }) {
  return (
    <BadgeShape kind={verdict.kind} final={verdict.final} title={verdict.description}>
      <span className="visually-hidden">{verdict.final ? 'Final verdict: ' : 'Now: '}</span>
      <span data-testid={`badge-${laneId}`}>{verdict.text}</span>
    </BadgeShape>
  );
}
