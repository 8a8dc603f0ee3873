import { useState, type CSSProperties } from 'react';
import { emptyProject } from '../../shared/graph/project.ts';
import { kindOf, type NodeKind } from '../../shared/kinds/index.ts';
import { TEMPLATES, type ProjectTemplate } from '../../shared/templates.ts';
import { invoke, toAppError } from '../api/index.ts';
import { readProject } from '../app/documents.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';

/** The kinds of node a template holds, for the legend on its card. */
function kindsOf(template: ProjectTemplate): NodeKind[] {
  return [...new Set(template.project().nodes.map((n) => n.kind))];
}

/**
 * "New project": a blank canvas or a template that runs as it is (the app writes it with its files into
 * its own folder of the data directory, so File Search and the Code Interpreter have something to read).
 */
export function NewProjectDialog({ onClose }: { onClose: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const choose = async (template: ProjectTemplate) => {
    if (template.id === 'blank') {
      useProjectStore.getState().loadDocument(emptyProject(), null);
      onClose();
      return;
    }
    setBusy(template.id);
    setError(null);
    try {
      const { document } = await invoke('app:project/template', { template: template.id });
      const read = readProject(document.project);
      if (!read.ok) throw read.error;
      useProjectStore.getState().loadDocument(read.project, document.path, { unreviewed: document.unreviewed });
      if (template.tryWith) useUiStore.getState().pushToast('info', `Try it in the Run tab: "${template.tryWith}"`);
      onClose();
    } catch (e) {
      setError(toAppError(e).message);
      setBusy(null);
    }
  };

  return (
    <Dialog title="New project" size="large" onClose={onClose} description="Start from a blank canvas, or from an assistant that is ready to run.">
      <ul className="template-gallery" aria-label="Templates">
        {TEMPLATES.map((template, i) => (
          <li key={template.id}>
            <button
              type="button"
              className="template-card"
              data-autofocus={i === 0 ? true : undefined}
              disabled={busy !== null}
              aria-describedby={`template-${template.id}-summary`}
              onClick={() => void choose(template)}
            >
              <span className="template-title">{busy === template.id ? `${template.title}…` : template.title}</span>
              <span className="template-summary" id={`template-${template.id}-summary`}>
                {template.summary}
              </span>
              <span className="template-kinds">
                {kindsOf(template).map((kind) => (
                  <span key={kind} className="template-kind" style={{ '--accent': kindOf(kind).accent } as CSSProperties}>
                    {kindOf(kind).title}
                  </span>
                ))}
              </span>
              {template.tryWith && <span className="template-try">Try: “{template.tryWith}”</span>}
            </button>
          </li>
        ))}
      </ul>
      {error !== null && (
        <p className="field-problem is-error" role="alert">
          Could not create the project: {error}
        </p>
      )}
    </Dialog>
  );
}
