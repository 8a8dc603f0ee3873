import { lazy, Suspense } from 'react';
import { Icon } from '../components/Icon.tsx';
import { languageOfPath } from './exportFiles.ts';
import type { ExportPreview as Preview } from './useExportPreview.ts';

const CodeEditor = lazy(() => import('../editor/CodeEditor.tsx'));
const HEIGHT = 360;

/** The export's files on the left, the chosen one read-only on the right. */
export function ExportPreview({ preview, selected, onSelect }: { preview: Preview; selected: string; onSelect: (path: string) => void }) {
  const file = preview.files.find((f) => f.path === selected) ?? preview.files[0];
  return (
    <div className="export-layout">
      <ul className="export-files" aria-label="Exported files">
        {preview.files.map((f) => (
          <li key={f.path}>
            <button
              type="button"
              className={`export-file${f.path === file?.path ? ' is-selected' : ''}`}
              aria-pressed={f.path === file?.path}
              onClick={() => onSelect(f.path)}
            >
              <Icon name="file" size={13} />
              <span className="is-mono">{f.path}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="export-code">
        {file && (
          <Suspense fallback={<div className="code-editor is-loading" style={{ height: HEIGHT }} aria-hidden="true" />}>
            <CodeEditor
              path={`file:///export-preview/${file.path}`}
              language={languageOfPath(file.path)}
              value={file.content}
              ariaLabel={`Preview of ${file.path}`}
              height={HEIGHT}
            />
          </Suspense>
        )}
      </div>
    </div>
  );
}
