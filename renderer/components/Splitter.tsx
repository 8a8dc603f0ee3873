import type { KeyboardEvent, PointerEvent } from 'react';

interface SplitterProps {
  /** What it resizes, for its accessible name ("Resize the side panel"). */
  label: string;
  /** `vertical`: a bar between columns, dragged sideways; `horizontal`: between rows, dragged up and down. */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /** +1 when dragging right or down makes the panel bigger; -1 when it makes it smaller (a panel on the right or at the bottom). */
  direction: 1 | -1;
  onChange: (next: number) => void;
  className?: string;
}

const STEP = 16;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A drag handle between two panels, also moved with the arrow keys (Shift for bigger steps) and Home/End;
 * a window splitter in WAI-ARIA's terms (a focusable separator with a value).
 */
export function Splitter({ label, orientation, value, min, max, direction, onChange, className = '' }: SplitterProps) {
  const along = orientation === 'vertical' ? 'clientX' : 'clientY';
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const start = event[along];
    const startValue = value;
    const move = (e: globalThis.PointerEvent) => onChange(clamp(startValue + direction * (e[along] - start), min, max));
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? STEP * 4 : STEP;
    const grow = orientation === 'vertical' ? { ArrowRight: direction, ArrowLeft: -direction } : { ArrowDown: direction, ArrowUp: -direction };
    const sign = grow[event.key as keyof typeof grow];
    let next: number | null = null;
    if (sign !== undefined) next = value + sign * step;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    if (next === null) return;
    event.preventDefault();
    onChange(clamp(next, min, max));
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <hr> cannot be focused and moved; a focusable separator is the ARIA window splitter
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`splitter is-${orientation} ${className}`}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
