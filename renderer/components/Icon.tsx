/** Line icons drawn on a 16×16 grid with the current text colour. */
const PATHS = {
  newFile: 'M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5M8 7.5v5M5.5 10h5',
  open: 'M1.5 3.5h4l1.5 1.5h7.5v8.5h-13zM1.5 6.5h13',
  save: 'M2 2h9.5L14 4.5V14H2zM5 2v4h5.5V2M4.5 14V9.5h7V14',
  saveAs: 'M2 2h9.5L14 4.5V8M5 2v4h5.5V2M2 2v12h6M11.5 10l2.5 2.5-3 3H8.5v-2.5z',
  undo: 'M5.5 3L2.5 6l3 3M2.5 6H10a3.5 3.5 0 010 7H6.5',
  redo: 'M10.5 3l3 3-3 3M13.5 6H6a3.5 3.5 0 000 7h3.5',
  layout: 'M1.5 3h4v4h-4zM10.5 1.5h4v4h-4zM10.5 10.5h4v4h-4zM5.5 5h2.5v7.5h2.5M8 3.5h2.5',
  settings: 'M8 5.5a2.5 2.5 0 110 5 2.5 2.5 0 010-5zM8 1v2M8 13v2M1 8h2M13 8h2M3 3l1.5 1.5M11.5 11.5L13 13M3 13l1.5-1.5M11.5 4.5L13 3',
  sun: 'M8 5a3 3 0 110 6 3 3 0 010-6zM8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1',
  moon: 'M13.5 9.5A6 6 0 016.5 2.5a6 6 0 107 7z',
  grid: 'M1.5 1.5h13v13h-13zM6 1.5v13M10.5 1.5v13M1.5 6h13M1.5 10.5h13',
  alert: 'M8 1.5l6.5 12h-13zM8 6v3.5M8 11.5v.5',
  keyboard: 'M1 4h14v8H1zM3.5 6.5h1M6.5 6.5h1M9.5 6.5h1M12 6.5h.5M4.5 9.5h7',
  trash: 'M2.5 4h11M6 4V2h4v2M4 4l.75 10h6.5L12 4',
  plus: 'M8 2.5v11M2.5 8h11',
  folder: 'M1.5 3.5h4l1.5 1.5h7.5v8.5h-13z',
  file: 'M4 1.5h5l3.5 3.5v9.5h-8.5zM9 1.5V5h3.5',
  up: 'M8 13V3M3.5 7.5L8 3l4.5 4.5',
  error: 'M8 1.5a6.5 6.5 0 110 13 6.5 6.5 0 010-13zM5.5 5.5l5 5M10.5 5.5l-5 5',
  warning: 'M8 1.5l6.5 12h-13zM8 6v3.5M8 11.5v.5',
  check: 'M2.5 8.5l3.5 3.5 7.5-8',
  export: 'M8 10V1.5M4.5 5L8 1.5 11.5 5M2.5 9v5h11V9',
  import: 'M8 1.5V10M4.5 6.5L8 10l3.5-3.5M2.5 9v5h11V9',
  expand: 'M9.5 1.5h5v5M14.5 1.5L9.5 6.5M6.5 14.5h-5v-5M1.5 14.5l5-5',
  attach: 'M13 7.5l-5.5 5.5a3.2 3.2 0 01-4.5-4.5L9 2.5a2.1 2.1 0 013 3L6 11.5a1 1 0 01-1.5-1.5L10 4.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** A node kind's icon (its definition holds the path), in the kind's accent unless the text colour is wanted. */
export function KindIcon({ path, size = 16, className = 'icon' }: { path: string; size?: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={path} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
