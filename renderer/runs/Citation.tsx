import { useCallback, useEffect, useId, useState } from 'react';
import type { Annotation } from '../../shared/runtime/objects.ts';
import { toAppError } from '../api/index.ts';
import { citedSpan, loadPassage, type CitedPassage } from './citedPassage.ts';

type FileCitation = Extract<Annotation, { type: 'file_citation' }>;
type PassageState = { status: 'loading' } | { status: 'ready'; passage: CitedPassage } | { status: 'failed'; message: string };

function Passage({ passage, quote }: { passage: CitedPassage; quote: string }) {
  const span = citedSpan(passage.text, quote);
  return (
    <>
      <span className="citation-file">
        <strong>{passage.fileName}</strong>
        {passage.path && passage.path !== passage.fileName && (
          <>
            {' '}
            · <span className="is-mono">{passage.path}</span>
          </>
        )}
        {passage.charEnd > passage.charStart && (
          <>
            {' '}
            · characters {passage.charStart.toLocaleString('en-US')}–{passage.charEnd.toLocaleString('en-US')}
          </>
        )}
      </span>
      {/* biome-ignore lint/a11y/useSemanticElements: the popover sits inside a paragraph, where a section is not allowed */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the passage scrolls, so it must take focus to be scrolled from the keyboard (a named region, as WAI-ARIA suggests) */}
      <span className="citation-text citation-passage" role="region" tabIndex={0} aria-label={`Passage from ${passage.fileName}`}>
        {span ? (
          <>
            {span.before}
            <mark>{span.match}</mark>
            {span.after}
          </>
        ) : (
          passage.text
        )}
      </span>
    </>
  );
}

function CitationBody({ annotation }: { annotation: FileCitation }) {
  const chunkId = annotation.file_citation.chunk_id;
  const [state, setState] = useState<PassageState>({ status: 'loading' });
  useEffect(() => {
    if (chunkId === undefined) return;
    let live = true;
    loadPassage(chunkId).then(
      (passage) => live && setState({ status: 'ready', passage }),
      (error: unknown) => live && setState({ status: 'failed', message: toAppError(error).message }),
    );
    return () => {
      live = false;
    };
  }, [chunkId]);

  // Without a chunk the runtime cannot say which passage it was; the file is all there is to show.
  if (chunkId === undefined || state.status === 'failed') {
    return (
      <>
        {state.status === 'failed' && <span className="citation-problem">{state.message}</span>}
        <span className="citation-text">{annotation.text}</span>
        <span className="citation-file">
          From file <code>{annotation.file_citation.file_id}</code>
        </span>
      </>
    );
  }
  if (state.status === 'loading')
    return (
      <span className="muted small" aria-busy="true">
        Loading the passage…
      </span>
    );
  return <Passage passage={state.passage} quote={annotation.text} />;
}

/** A numbered citation marker; it opens a popover with the cited passage and the file it comes from. */
export function Citation({ number, annotation }: { number: number; annotation: FileCitation }) {
  const [open, setOpen] = useState(false);
  const [alignEnd, setAlignEnd] = useState(false);
  const id = useId();

  // A marker near the right edge of the panel opens its popover leftwards, so the panel does not clip it.
  // The click lays the popover out rightwards; this ref measures it as it mounts, before it is painted.
  const placePopover = useCallback((element: HTMLSpanElement | null) => {
    const scroller = element?.closest('.chat-log');
    if (!element || !scroller) return;
    setAlignEnd(element.getBoundingClientRect().right > scroller.getBoundingClientRect().right);
  }, []);

  return (
    <span className="citation">
      <button
        type="button"
        className="citation-marker"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`Citation ${number}`}
        onClick={() => {
          setAlignEnd(false);
          setOpen(!open);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        {number}
      </button>
      {open && (
        <span ref={placePopover} id={id} role="note" className={`citation-popover${alignEnd ? ' is-end' : ''}`}>
          <CitationBody annotation={annotation} />
        </span>
      )}
    </span>
  );
}
