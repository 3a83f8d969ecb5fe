const PATHS = {
  reset: 'M5 4h2v16H5zM20 4v16L9 12z',
  back: 'M18 4v16L7 12z',
  play: 'M7 4v16l12-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  step: 'M6 4v16l11-8z',
  end: 'M4 4v16l11-8zM17 4h2v16h-2z',
} as const;

/** A transport glyph as inline SVG (no icon font: works offline and in every system font). */
export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
