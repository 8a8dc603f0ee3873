import type { ComponentType } from 'react';
import type { NodeKind } from '../../shared/kinds/index.ts';
import { ExportButton } from '../exports/ExportButton.tsx';
import { IndexPanel } from '../knowledge/IndexPanel.tsx';
import { HandlerTestPanel } from '../runs/HandlerTestPanel.tsx';

/** What a node's inspector shows for its kind besides the form generated from the kind's fields. */
export interface KindPanels {
  /** Below the form, e.g. a Function's handler test; null for none. */
  Panel: ComponentType<{ nodeId: string }> | null;
  /** In the footer, before Delete; null for none. */
  Action: ComponentType<{ nodeId: string }> | null;
}

/** The extra panels of every kind; the mapped type makes a missing kind a compile error. */
export const KIND_PANELS: { [K in NodeKind]: KindPanels } = {
  assistant: { Panel: null, Action: ExportButton },
  fileSearch: { Panel: IndexPanel, Action: null },
  knowledge: { Panel: null, Action: null },
  codeInterpreter: { Panel: null, Action: null },
  function: { Panel: HandlerTestPanel, Action: null },
  note: { Panel: null, Action: null },
};
