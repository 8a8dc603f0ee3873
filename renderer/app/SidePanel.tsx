import { useId, type KeyboardEvent } from 'react';
import { Inspector } from '../inspector/Inspector.tsx';
import { RunPanel } from '../runs/RunPanel.tsx';
import { Splitter } from '../components/Splitter.tsx';
import { useUiStore, type SideTab } from '../stores/uiStore.ts';

const TABS: readonly { id: SideTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'run', label: 'Run' },
];

/** The right-hand column: the selected node's settings, or the run panel (threads, chat, steps). */
export function SidePanel() {
  const tab = useUiStore((s) => s.sideTab);
  const setTab = useUiStore((s) => s.setSideTab);
  const baseId = useId();
  const width = useUiStore((s) => s.sideWidth) ?? (tab === 'run' ? 460 : 360);
  const setWidth = useUiStore((s) => s.setSideWidth);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const next = TABS[(TABS.findIndex((t) => t.id === tab) + 1) % TABS.length]!;
    setTab(next.id);
    document.getElementById(`${baseId}-${next.id}`)?.focus();
  };
  return (
    <div className="side-panel">
      <Splitter
        label="Resize the side panel"
        orientation="vertical"
        direction={-1}
        value={width}
        min={300}
        max={Math.max(300, window.innerWidth - 232 - 360)}
        onChange={setWidth}
      />
      <div className="side-tabs" role="tablist" aria-label="Side panel" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`${baseId}-${t.id}`}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-${t.id}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className="side-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="side-body" id={`${baseId}-${tab}-panel`} role="tabpanel" aria-labelledby={`${baseId}-${tab}`}>
        {tab === 'inspector' ? <Inspector /> : <RunPanel />}
      </div>
    </div>
  );
}
