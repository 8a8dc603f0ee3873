import type { ReactNode } from 'react';

/**
 * Read-only code, JSON or logs in a box that scrolls past its maximum height. The box is a named
 * region in the tab order, so keyboard users can reach it and scroll it with the arrow keys (axe's
 * scrollable-region-focusable) and a screen reader says what it holds when it gets focus.
 */
export function CodeBlock({ label, id, className, children }: { label: string; id?: string; className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to be scrolled from the keyboard; a named region is what WAI-ARIA suggests for one
    <section id={id} className={className ? `code-block ${className}` : 'code-block'} aria-label={label} tabIndex={0}>
      <pre>{children}</pre>
    </section>
  );
}
