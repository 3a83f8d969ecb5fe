import type { VerdictView } from '../../state/selectors';

const SYMBOL: Record<VerdictView['kind'], string> = {
  'exactly-once': '✓',
  duplicates: '✗',
  lost: '▽',
  stale: '~',
  error: '!',
  running: '…',
  pending: '·',
};

/** The lane's verdict in words, symbol and colour (never colour alone). The symbol is drawn by CSS. */
export function VerdictBadge({ laneId, verdict }: { laneId: string; verdict: VerdictView }) {
  return (
    <span className={`badge badge-${verdict.kind}${verdict.final ? ' badge-final' : ''}`} title={verdict.description} data-symbol={SYMBOL[verdict.kind]}>
      <span className="visually-hidden">{verdict.final ? 'Final verdict: ' : 'Now: '}</span>
      <span data-testid={`badge-${laneId}`}>{verdict.text}</span>
    </span>
  );
}
