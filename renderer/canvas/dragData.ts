import { NODE_KINDS, type NodeKind } from '../../shared/kinds/index.ts';

/** Drag-and-drop type carrying a node kind from the palette to the canvas. */
export const KIND_DRAG_TYPE = 'application/x-assistant-studio-kind';

export const isNodeKind = (value: string): value is NodeKind => (NODE_KINDS as readonly string[]).includes(value);
