import { describe, expect, it } from 'vitest';
import { createNode } from '../../../shared/graph/nodes.ts';
import { freeSpot } from '../../../renderer/canvas/placement.ts';

describe('freeSpot', () => {
  it('keeps the wanted spot when it is free', () => {
    expect(freeSpot({ x: 0, y: 0 }, [createNode('note', { x: 1000, y: 1000 })], () => undefined)).toEqual({ x: 0, y: 0 });
  });

  it('moves off a node that is in the way, to the nearest free spot', () => {
    const blocker = createNode('assistant', { x: 0, y: 0 });
    const spot = freeSpot({ x: 10, y: 10 }, [blocker], () => ({ width: 240, height: 120 }));
    const clear = spot.x >= 240 + 24 || spot.x + 240 + 24 <= 0 || spot.y >= 120 + 24 || spot.y + 120 + 24 <= 0;
    expect(clear).toBe(true);
    expect(Math.hypot(spot.x - 10, spot.y - 10)).toBeLessThan(400);
  });
});
