import type { ReactNode } from 'react';

/** One sample of a chart mark, drawn as the chart draws it (same variables, dashes and glyphs). */
function Sample({ children }: { children: ReactNode }) {
  return (
    <svg className="chart-legend__sample" width={34} height={16} viewBox="0 0 34 16" aria-hidden="true">
      {children}
    </svg>
  );
}

/** What the lane chart's lines and marks mean. */
export function ChartLegend() {
  return (
    <ul className="chart-legend" aria-label="Chart legend" data-testid="chart-legend">
      <li>
        <Sample><path d="M2 12H12V6H22V3H32" stroke="var(--attempt-1)" strokeWidth={2.25} fill="none" /></Sample>
        rows in dest, attempt 1
      </li>
      <li>
        <Sample><path d="M2 12H12V6H22V3H32" stroke="var(--attempt-2)" strokeWidth={2.25} strokeDasharray="6 3" fill="none" /></Sample>
        attempt 2 (a retry; later attempts dotted)
      </li>
      <li>
        <Sample><path d="M2 8H32" stroke="var(--ok)" strokeWidth={1.5} strokeDasharray="5 4" /></Sample>
        truth: the rows a correct pipeline holds
      </li>
      <li>
        <Sample><text x={17} y={13} textAnchor="middle" fontSize={14} fontWeight={700} fill="var(--crash)">✕</text></Sample>
        crash · <strong className="chart-legend__err">!</strong> error
      </li>
      <li>
        <Sample><line x1={17} x2={17} y1={1} y2={15} stroke="var(--muted)" strokeDasharray="2 3" /></Sample>
        a retry starts (r1 a2: run 1, attempt 2)
      </li>
      <li>
        <Sample><circle cx={17} cy={8} r={5} fill="none" stroke="var(--dup)" strokeWidth={2} /></Sample>
        first duplicate row
      </li>
      <li>
        <Sample><rect x={2} y={1} width={30} height={14} fill="var(--tx-band)" fillOpacity={0.14} /></Sample>
        a transaction is open
      </li>
      <li>
        <Sample><line x1={17} x2={17} y1={1} y2={15} stroke="var(--fg)" strokeWidth={1.5} /></Sample>
        the cursor (nothing to its right is drawn)
      </li>
    </ul>
  );
}
