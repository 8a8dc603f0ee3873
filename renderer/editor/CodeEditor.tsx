import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { Icon } from '../components/Icon.tsx';
import { useResolvedTheme } from '../theme/useResolvedTheme.ts';
import { monaco } from './monacoSetup.ts';

export interface EditorMarker {
  start: number;
  end: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeEditorProps {
  /** Identifies the model, so each node field keeps its own undo stack and TypeScript file. */
  path: string;
  language: 'markdown' | 'typescript' | 'plaintext' | 'json' | 'python' | 'shell';
  value: string;
  /** Absent for a read-only editor (a preview). */
  onChange?: (value: string) => void;
  /** Accessible name of the editor's text area. */
  ariaLabel: string;
  height: number;
  /** Extra TypeScript declarations visible to this editor (e.g. the handler's `Args`). */
  extraLib?: string;
  /**
   * Marks at character offsets of `value` (e.g. problems located inside a JSON Schema). They are set
   * again whenever this array changes, so a caller derives it from `value` (a new value, new markers).
   */
  markers?: readonly EditorMarker[];
  /** Offers to open the same text large, in a dialog with this title (same model: one undo history, the same markers). */
  expandTitle?: string;
  /** Keeps the model when this editor goes (the large view must not take the field's model with it). */
  keepModel?: boolean;
}

const MARKER_OWNER = 'assistant-studio';

/** Monaco, loaded from the app bundle; only ever mounted in the inspector, never on canvas nodes. */
export default function CodeEditor(props: CodeEditorProps) {
  const { path, language, value, onChange, ariaLabel, height, extraLib, markers, expandTitle, keepModel } = props;
  const readOnly = onChange === undefined;
  const theme = useResolvedTheme();
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [expanded, setExpanded] = useState(false);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    setModel(editor.getModel());
    editor.onDidChangeModel(() => setModel(editor.getModel()));
  };

  useEffect(() => {
    if (extraLib === undefined) return;
    const lib = monaco.typescript.typescriptDefaults.addExtraLib(extraLib, 'file:///studio/handler-context.d.ts');
    return () => lib.dispose();
  }, [extraLib]);

  useEffect(() => {
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      (markers ?? []).map((m) => {
        const start = model.getPositionAt(m.start);
        const end = model.getPositionAt(m.end);
        return {
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
          message: m.message,
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        };
      }),
    );
  }, [model, markers]);

  return (
    <div className={`code-editor${expandTitle ? ' is-expandable' : ''}`} style={{ height }}>
      {expandTitle && (
        <button type="button" className="icon-button code-expand" aria-label={`Expand ${ariaLabel}`} title="Open large" onClick={() => setExpanded(true)}>
          <Icon name="expand" size={14} />
        </button>
      )}
      {expanded && expandTitle && (
        <Dialog title={expandTitle} size="full" onClose={() => setExpanded(false)}>
          <CodeEditor
            {...props}
            // The field's editor keeps the TypeScript declarations; this one would remove them when it closes.
            extraLib={undefined}
            expandTitle={undefined}
            keepModel
            ariaLabel={`${ariaLabel} (large)`}
            height={Math.max(300, window.innerHeight - 170)}
          />
        </Dialog>
      )}
      <Editor
        keepCurrentModel={keepModel === true}
        path={path}
        language={language}
        value={value}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        height={height}
        onChange={(next) => onChange?.(next ?? '')}
        onMount={onMount}
        options={{
          ariaLabel,
          readOnly,
          domReadOnly: readOnly,
          minimap: { enabled: false },
          fontSize: 12.5,
          lineNumbers: language === 'markdown' || language === 'plaintext' ? 'off' : 'on',
          lineNumbersMinChars: 3,
          folding: language !== 'markdown' && language !== 'plaintext',
          wordWrap: language === 'markdown' || language === 'plaintext' ? 'on' : 'off',
          scrollBeyondLastLine: false,
          automaticLayout: true,
          tabSize: 2,
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          fixedOverflowWidgets: true,
          padding: { top: 6, bottom: 6 },
        }}
      />
    </div>
  );
}
