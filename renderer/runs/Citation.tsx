import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { Annotation } from '../../shared/runtime/objects.ts';

/** A numbered citation marker; it opens a popover with the cited text and the file it comes from. */
export function Citation({ number, annotation }: { number: number; annotation: Extract<Annotation, { type: 'file_citation' }> }) {
  const [open, setOpen] = useState(false);
  const [alignEnd, setAlignEnd] = useState(false);
  const popover = useRef<HTMLSpanElement>(null);
  const id = useId();

  // A marker near the right edge of the panel opens its popover leftwards, so the panel does not clip it.
  useLayoutEffect(() => {
    const element = popover.current;
    const scroller = element?.closest('.chat-log');
    if (!element || !scroller) return;
    setAlignEnd(element.getBoundingClientRect().right > scroller.getBoundingClientRect().right);
  }, [open]);

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
        <span ref={popover} id={id} role="note" className={`citation-popover${alignEnd ? ' is-end' : ''}`}>
          <span className="citation-text">{annotation.text}</span>
          <span className="citation-file">From file <code>{annotation.file_citation.file_id}</code></span>
        </span>
      )}
    </span>
  );
}
