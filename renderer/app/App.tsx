import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, type CSSProperties } from 'react';
import { Canvas } from '../canvas/Canvas.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { DialogHost } from '../dialogs/DialogHost.tsx';
import { selectKnowledgeWarnings, useKnowledgeStore } from '../knowledge/knowledgeStore.ts';
import { Palette } from '../palette/Palette.tsx';
import { ProblemsPanel } from '../problems/ProblemsPanel.tsx';
import { useTrustCheck } from '../runs/useProjectTrust.ts';
import { useRunEvents } from '../runs/useRunEvents.ts';
import { selectProblems } from '../stores/problems.ts';
import { useProjectStore } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { useResolvedTheme } from '../theme/useResolvedTheme.ts';
import { TopBar } from '../topbar/TopBar.tsx';
import { useAppEvents } from './useAppEvents.ts';
import { useClipboard } from './useClipboard.ts';
import { useCommands } from './useCommands.ts';
import { useDocumentTitle } from './useDocumentTitle.ts';
import { SidePanel } from './SidePanel.tsx';
import { useDraftAutosave } from './useDraftAutosave.ts';
import { useServedProject } from './useServedProject.ts';
import { useShortcuts } from './useShortcuts.ts';
import { useStartup } from './useStartup.ts';

/** Header-only height of an empty Problems panel. */
const FOLDED_PROBLEMS = 34;

/** The sizes the user gave the side panel and the Problems panel, as the grid's variables. */
function useLayoutSizes(sideTab: 'inspector' | 'run'): CSSProperties {
  const sideWidth = useUiStore((s) => s.sideWidth);
  const problemsHeight = useUiStore((s) => s.problemsHeight);
  const noProblems = useProjectStore((s) => selectProblems(s).all.length === 0);
  const noKnowledgeWarnings = useKnowledgeStore((s) => selectKnowledgeWarnings(s).length === 0);
  const empty = noProblems && noKnowledgeWarnings;
  return {
    '--side-width': `${sideWidth ?? (sideTab === 'run' ? 460 : 360)}px`,
    '--problems-height': `${empty ? FOLDED_PROBLEMS : problemsHeight}px`,
  } as CSSProperties;
}

function Workspace() {
  const run = useCommands();
  const problemsOpen = useUiStore((s) => s.problemsOpen);
  const sideTab = useUiStore((s) => s.sideTab);
  const layout = useLayoutSizes(sideTab);
  const theme = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useStartup();
  useDraftAutosave();
  useDocumentTitle();
  useShortcuts(run);
  useClipboard();
  useAppEvents(run);
  useServedProject();
  // Run events fold into the run store even while the Run tab is hidden, so the canvas can mark busy nodes.
  useRunEvents();
  useTrustCheck();
  return (
    <div className={`app${problemsOpen ? ' with-problems' : ''}${sideTab === 'run' ? ' with-run' : ''}`} style={layout}>
      <TopBar run={run} />
      <Palette />
      <main className="canvas-area" aria-label="Graph">
        <Canvas />
      </main>
      <SidePanel />
      {problemsOpen && <ProblemsPanel />}
      <DialogHost />
      <Toasts />
    </div>
  );
}

export function App() {
  return (
    <ReactFlowProvider>
      <Workspace />
    </ReactFlowProvider>
  );
}
