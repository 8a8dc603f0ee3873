import { useEffect, useState } from 'react';
import type { ReviewedItem } from '../../shared/ipc/trust.ts';
import { invoke, toAppError } from '../api/index.ts';
import { Dialog } from '../components/Dialog.tsx';
import { useProjectStore } from '../stores/projectStore.ts';
import { lineDiff, type DiffLine } from './lineDiff.ts';
import { useRunStore } from './runStore.ts';

type Loaded = { trusted: boolean; items: ReviewedItem[] };

const KIND_TITLE: Record<ReviewedItem['kind'], string> = {
  handler: 'Function handler',
  knowledge: 'Knowledge outside the project folder',
};

const DIFF_MARK: Record<DiffLine['kind'], string> = { same: ' ', added: '+', removed: '−' };

function Changes({ item }: { item: ReviewedItem }) {
  if (item.status === 'changed' && item.before !== null) {
    return (
      <section aria-label={`Changes to ${item.label}`}>
        <pre className="review-code is-diff">
          {lineDiff(item.before, item.text).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one comparison never reorder, so their position is their identity
            <span key={i} className={`diff-line is-${line.kind}`}>
              <span className="diff-mark" aria-hidden="true">
                {DIFF_MARK[line.kind]}
              </span>
              {line.kind !== 'same' && <span className="visually-hidden">{line.kind}: </span>}
              {line.text}
              {'\n'}
            </span>
          ))}
        </pre>
      </section>
    );
  }
  return (
    <section aria-label={`Content of ${item.label}`}>
      <pre className="review-code">{item.text}</pre>
    </section>
  );
}

function ReviewEntry({ item }: { item: ReviewedItem }) {
  const status = item.status === 'changed' ? (item.before === null ? 'Changed (the earlier text was not kept)' : 'Changed') : 'New';
  return (
    <li className="review-item">
      <div className="review-item-head">
        <strong>{item.label}</strong>
        <span className="muted">{KIND_TITLE[item.kind]}</span>
        {item.status !== 'unchanged' && <span className={`review-status is-${item.status}`}>{status}</span>}
      </div>
      <Changes item={item} />
    </li>
  );
}

/**
 * Shows what a project would run or read before the user lets it: for a project whose file is not
 * trusted, every handler and every Knowledge path outside its folder; for a trusted one, the content
 * that arrived by import or paste or changed on disk since it was trusted, with what changed.
 */
export function ReviewDialog({ path, onClose }: { path: string | null; onClose: () => void }) {
  const project = useProjectStore((s) => s.project);
  const unreviewed = useProjectStore((s) => s.unreviewed);
  const grantTrust = useRunStore((s) => s.grantTrust);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    invoke('app:trust/review', { path, project }).then(
      (answer) => current && setLoaded(answer),
      (e: unknown) => current && setError(toAppError(e).message),
    );
    return () => {
      current = false;
    };
  }, [path, project]);

  const wholeProject = loaded !== null && !loaded.trusted;
  const shown = loaded === null ? [] : wholeProject ? loaded.items : loaded.items.filter((item) => unreviewed.includes(item.nodeId));
  const approve = async () => {
    setBusy(true);
    await grantTrust(path);
    onClose();
  };

  return (
    <Dialog
      title={wholeProject ? 'Trust this project?' : 'Review content before it runs'}
      size="large"
      onClose={onClose}
      description={
        wholeProject
          ? 'Trusting it lets its Function handlers run on this computer, in their sandbox, and its Knowledge read the files below from outside the project folder. Trust only code you would run yourself.'
          : 'This content was imported, pasted or changed outside the app since you trusted the project. It does not run until you approve it.'
      }
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="secondary-button" data-autofocus onClick={onClose}>
            Not now
          </button>
          <button type="button" className="primary-button" disabled={loaded === null || busy} onClick={() => void approve()}>
            {wholeProject ? 'Trust project' : shown.length === 1 ? 'Approve it' : 'Approve all'}
          </button>
        </>
      }
    >
      {error !== null && (
        <p className="field-problem is-error" role="alert">
          Could not read what the project holds: {error}
        </p>
      )}
      {loaded === null && error === null && <p className="muted">Reading the project…</p>}
      {loaded !== null && shown.length === 0 && (
        <p className="muted">{wholeProject ? 'The project has no handler code and reads no files outside its folder.' : 'Nothing waits for review.'}</p>
      )}
      {shown.length > 0 && (
        <ul className="review-list" aria-label="Content to review">
          {shown.map((item) => (
            <ReviewEntry key={item.key} item={item} />
          ))}
        </ul>
      )}
    </Dialog>
  );
}
