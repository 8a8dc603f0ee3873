import { beforeEach, describe, expect, it } from 'vitest';
import { copyFragment } from '../../../shared/graph/clipboard.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { unreviewedNodes, useProjectStore } from '../../../renderer/stores/projectStore.ts';

/** Which content waits for review in the window: what arrived by import or paste, never what the user wrote. */
const store = () => useProjectStore.getState();
const waiting = () => unreviewedNodes(store());

beforeEach(() => {
  store().loadDocument(sampleProject(), null);
});

const functionOf = () => store().project.nodes.find((n) => n.kind === 'function')!;

describe('unreviewed content in the project store', () => {
  it('marks handler code pasted from elsewhere, not the window’s own copy', () => {
    const fn = functionOf();
    const foreign = copyFragment([fn], []);
    // This window copied nothing: the text came from another app or a web page.
    expect(store().paste(foreign)).toBe(true);
    const pasted = store().selection.nodeIds;
    expect(waiting()).toEqual(pasted);

    store().markReviewed();
    store().setSelection({ nodeIds: [fn.id], edgeIds: [] });
    const own = store().copySelection()!;
    store().paste(own);
    expect(waiting()).toEqual([]);
  });

  it('keeps a copy of unreviewed content unreviewed, by paste or duplicate', () => {
    store().paste(copyFragment([functionOf()], []));
    const [first] = store().selection.nodeIds;
    store().copySelection();
    store().duplicateSelection();
    const [duplicate] = store().selection.nodeIds;
    store().setSelection({ nodeIds: [first!], edgeIds: [] });
    store().paste(store().copySelection()!);
    const [pastedAgain] = store().selection.nodeIds;
    expect(new Set(waiting())).toEqual(new Set([first, duplicate, pastedAgain]));
  });

  it('marks imported handlers, forgets removed nodes, and takes what was reviewed on load', () => {
    const fn = functionOf();
    const result = store().importGraph({ nodes: [{ ...fn, id: 'n_imported', data: { ...fn.data } }], edges: [] });
    expect(result.ok).toBe(true);
    const [imported] = store().selection.nodeIds;
    expect(waiting()).toEqual([imported]);
    store().deleteSelection();
    expect(waiting()).toEqual([]);
    // Undo brings the node back, still unreviewed.
    store().undo();
    expect(waiting()).toEqual([imported]);

    const reopened = sampleProject();
    const pulled = reopened.nodes.find((n) => n.kind === 'function')!.id;
    store().loadDocument(reopened, '/projects/p.assistant.json', { unreviewed: [pulled, 'n_gone'] });
    expect(waiting()).toEqual([pulled]);
    store().markReviewed();
    expect(waiting()).toEqual([]);
  });

  it('does not mark nodes without code to trust', () => {
    const note = store().project.nodes.find((n) => n.kind === 'assistant')!;
    store().paste(copyFragment([note], []));
    expect(waiting()).toEqual([]);
  });
});
