import { describe, expect, it } from 'vitest';
import { fitsInside } from '../../../renderer/canvas/useKeepInView.ts';

describe('fitsInside', () => {
  const bounds = { x: 100, y: 50, width: 600, height: 300 };

  it('is true when the graph, drawn at the viewport, is wholly inside the pane', () => {
    expect(fitsInside(bounds, { x: 0, y: 0, zoom: 1 }, { width: 800, height: 400 })).toBe(true);
    expect(fitsInside(bounds, { x: -50, y: -25, zoom: 0.5 }, { width: 300, height: 150 })).toBe(true);
  });

  it('is false when any side is cut off, by the pane or by panning', () => {
    expect(fitsInside(bounds, { x: 0, y: 0, zoom: 1 }, { width: 650, height: 400 })).toBe(false);
    expect(fitsInside(bounds, { x: -101, y: 0, zoom: 1 }, { width: 2000, height: 2000 })).toBe(false);
    expect(fitsInside(bounds, { x: 0, y: 0, zoom: 2 }, { width: 800, height: 400 })).toBe(false);
  });
});
