import { useId } from 'react';
import type { Command } from '../app/useCommands.ts';
import { useProjectStore, selectCanRedo, selectCanUndo } from '../stores/projectStore.ts';
import { useUiStore } from '../stores/uiStore.ts';
import { useResolvedTheme } from '../theme/useResolvedTheme.ts';
import { ExchangeButtons } from './ExchangeButtons.tsx';
import { ProblemsButton } from './ProblemsButton.tsx';
import { ProjectDefaults } from './ProjectDefaults.tsx';
import { ToolButton } from './ToolButton.tsx';

function ProjectName() {
  const name = useProjectStore((s) => s.project.name);
  const dirty = useProjectStore((s) => s.dirty);
  const path = useProjectStore((s) => s.path);
  const updateProject = useProjectStore((s) => s.updateProject);
  const id = useId();
  return (
    <div className="project-name" title={path ?? 'Not saved yet'}>
      <label htmlFor={id} className="visually-hidden">
        Project name
      </label>
      <input
        id={id}
        className="project-name-input"
        value={name}
        size={Math.max(8, Math.min(name.length + 1, 32))}
        spellCheck={false}
        onChange={(e) => updateProject({ name: e.target.value }, { coalesceKey: 'project:name' })}
      />
      {dirty && (
        <span className="dirty-marker" title="Unsaved changes" aria-label="Unsaved changes" role="img">
          ●
        </span>
      )}
    </div>
  );
}

export function TopBar({ run }: { run: (command: Command) => void }) {
  const canUndo = useProjectStore(selectCanUndo);
  const canRedo = useProjectStore(selectCanRedo);
  const snap = useUiStore((s) => s.snapToGrid);
  const theme = useResolvedTheme();
  return (
    <header className="topbar">
      <div className="topbar-brand" aria-hidden="true">
        <span className="brand-mark" />
        <span className="brand-name">Assistant Studio</span>
      </div>
      <ProjectName />
      <div className="toolbar" role="toolbar" aria-label="File and edit">
        <ToolButton icon="newFile" label="New project" onClick={() => run('file.new')} />
        <ToolButton icon="open" label="Open project" onClick={() => run('file.open')} />
        <ToolButton icon="save" label="Save project" onClick={() => run('file.save')} />
        <ToolButton icon="saveAs" label="Save project as" onClick={() => run('file.saveAs')} />
        <ExchangeButtons />
        <span className="toolbar-separator" />
        <ToolButton icon="undo" label="Undo" onClick={() => run('edit.undo')} disabled={!canUndo} />
        <ToolButton icon="redo" label="Redo" onClick={() => run('edit.redo')} disabled={!canRedo} />
        <span className="toolbar-separator" />
        <ToolButton icon="layout" label="Auto-layout" onClick={() => run('view.autoLayout')} />
        <ToolButton icon="grid" label="Snap to grid" onClick={() => run('view.toggleSnap')} pressed={snap} />
      </div>
      <ProjectDefaults />
      <div className="topbar-end">
        <ProblemsButton onClick={() => run('view.toggleProblems')} />
        <ToolButton icon="keyboard" label="Keyboard shortcuts" onClick={() => run('help.shortcuts')} />
        <ToolButton
          icon={theme === 'dark' ? 'sun' : 'moon'}
          label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => run('view.toggleTheme')}
        />
        <ToolButton icon="settings" label="Settings" onClick={() => run('view.settings')} />
      </div>
    </header>
  );
}
