import { Icon } from '../components/Icon.tsx';
import { formatBytes } from './base64.ts';
import { useRuntimeFile } from './runtimeFiles.ts';
import { saveRuntimeFile } from './saveRuntimeFile.ts';

/** An image the runtime produced (a chart), shown inline; failures name the file and say why. */
export function RuntimeImage({ fileId, caption }: { fileId: string; caption?: string }) {
  const state = useRuntimeFile(fileId);
  if (state.status === 'loading')
    return (
      <figure className="runtime-image is-loading" aria-busy="true">
        <figcaption className="muted small">Loading image…</figcaption>
      </figure>
    );
  if (state.status === 'failed') {
    return (
      <figure className="runtime-image is-failed">
        <figcaption className="small">
          Image <code>{fileId}</code> could not be shown: {state.error.message}
        </figcaption>
      </figure>
    );
  }
  const { file } = state;
  const name = caption ?? file.filename;
  return (
    <figure className="runtime-image">
      {file.imageUrl ? (
        <img src={file.imageUrl} alt={name} />
      ) : (
        <p className="small">
          {file.filename} is not an image ({file.mime}).
        </p>
      )}
      <figcaption>
        <span className="muted small">{name}</span>
        <button type="button" className="link-button" aria-label={`Save ${file.filename}`} onClick={() => void saveRuntimeFile(fileId, file.filename)}>
          Save
        </button>
      </figcaption>
    </figure>
  );
}

/** A runtime file as a chip with its name and size and a Save action; `label` is shown until the name is known. */
export function RuntimeFileChip({ fileId, label }: { fileId: string; label?: string }) {
  const state = useRuntimeFile(fileId);
  const ready = state.status === 'ready' ? state.file : null;
  const name = ready?.filename ?? label ?? fileId;
  return (
    <span className={`file-chip${state.status === 'failed' ? ' is-failed' : ''}`} title={state.status === 'failed' ? state.error.message : fileId}>
      <Icon name="file" size={13} />
      <span className="file-chip-name">{name}</span>
      {ready && <span className="muted small">{formatBytes(ready.size)}</span>}
      <button type="button" className="link-button" aria-label={`Save ${name}`} onClick={() => void saveRuntimeFile(fileId, name)}>
        Save
      </button>
    </span>
  );
}
