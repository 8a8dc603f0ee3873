import { useEffect, useId, useMemo, type KeyboardEvent } from 'react';
import { useProjectStore } from '../stores/projectStore.ts';
import { useApiAssistantsStore } from './apiAssistants.ts';
import { type AssistantChoice, useAssistantChoices } from './assistantChoices.ts';
import { ChatView } from './ChatView.tsx';
import { PanelErrorView } from './PanelErrorView.tsx';
import { useRunStore } from './runStore.ts';
import { StepsTimeline } from './StepsTimeline.tsx';
import { ThreadBar } from './ThreadBar.tsx';
import { ReviewBanner, TrustBanner } from './TrustBanner.tsx';
import { trustWaits } from './trustWaits.ts';
import { useUntrustedPath } from './useProjectTrust.ts';
import { useRunEvents } from './useRunEvents.ts';
import './runs.css';

type Tab = 'chat' | 'steps';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'chat', label: 'Chat' },
  { id: 'steps', label: 'Steps' },
];

/** The canvas's assistants and those made through the Assistants API (asked for while the panel is open). */
function useAssistants(): readonly AssistantChoice[] {
  const api = useApiAssistantsStore((s) => s.assistants);
  const load = useApiAssistantsStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  return useAssistantChoices(api);
}

/** Follows the canvas: a selected Assistant node becomes the panel's assistant; else the first one. */
function useAssistantChoice(assistants: readonly AssistantChoice[]): void {
  const selectedId = useProjectStore((s) => (s.selection.nodeIds.length === 1 ? s.selection.nodeIds[0] : undefined));
  const current = useRunStore((s) => s.assistantNodeId);
  const selectAssistant = useRunStore((s) => s.selectAssistant);
  const selectedAssistant = assistants.find((a) => a.id === selectedId)?.id;
  useEffect(() => {
    if (selectedAssistant !== undefined) void selectAssistant(selectedAssistant);
  }, [selectedAssistant, selectAssistant]);
  useEffect(() => {
    if (current === null || !assistants.some((a) => a.id === current)) void selectAssistant(selectedAssistant ?? assistants[0]?.id ?? null);
  }, [assistants, current, selectedAssistant, selectAssistant]);
}

/** How many nodes hold imported, pasted or changed content that waits for review. */
function useWaitingForReview(): number {
  const nodes = useProjectStore((s) => s.project.nodes);
  const unreviewed = useProjectStore((s) => s.unreviewed);
  return useMemo(() => trustWaits(nodes, unreviewed, false).size, [nodes, unreviewed]);
}

/**
 * The run side panel: threads of an assistant, the conversation with its live answer, and the steps of
 * each run. Made for a right-hand column about 460 px wide and the full height of the window.
 */
export function RunPanel() {
  useRunEvents();
  const assistants = useAssistants();
  useAssistantChoice(assistants);
  const untrustedPath = useUntrustedPath();
  const waitingForReview = useWaitingForReview();
  const path = useProjectStore((s) => s.path);
  const showSteps = useRunStore((s) => s.showSteps);
  const runs = useRunStore((s) => s.fold.view.runs);
  const tab = useRunStore((s) => s.runTab);
  const setTab = useRunStore((s) => s.setRunTab);
  const baseId = useId();

  const onShowSteps = (runId: string) => {
    showSteps(runId === runs.at(-1)?.id ? null : runId);
  };
  const onTabKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = tab === 'chat' ? 'steps' : 'chat';
    setTab(next);
    document.getElementById(`${baseId}-tab-${next}`)?.focus();
  };
  const current = useRunStore((s) => s.assistantNodeId);
  const shownIsApi = assistants.some((a) => a.id === current && a.source === 'api');
  const disabledReason =
    assistants.length === 0
      ? 'Add an Assistant node to the project to chat with it.'
      : shownIsApi
        ? 'This assistant was made through the Assistants API, and its clients run it; its threads show here as they do. Open it as a graph to chat with it here.'
        : null;

  return (
    <section className="run-panel" aria-label="Run panel">
      <ThreadBar assistants={assistants} />
      {untrustedPath !== null && <TrustBanner path={untrustedPath} />}
      {untrustedPath === null && waitingForReview > 0 && <ReviewBanner path={path} count={waitingForReview} />}
      <PanelErrorView />
      <div className="run-tabs" role="tablist" aria-label="Run views" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${baseId}-tab-${t.id}`}
            type="button"
            role="tab"
            className="run-tab"
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel-chat`} role="tabpanel" aria-labelledby={`${baseId}-tab-chat`} className="run-tabpanel" hidden={tab !== 'chat'}>
        <ChatView onShowSteps={onShowSteps} disabledReason={disabledReason} />
      </div>
      <div id={`${baseId}-panel-steps`} role="tabpanel" aria-labelledby={`${baseId}-tab-steps`} className="run-tabpanel is-scroll" hidden={tab !== 'steps'}>
        {tab === 'steps' && <StepsTimeline />}
      </div>
    </section>
  );
}
