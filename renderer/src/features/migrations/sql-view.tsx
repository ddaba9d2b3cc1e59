import { sql } from '@codemirror/lang-sql';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';

const extensions = [sql(), EditorView.lineWrapping];

/**
 * Read-only SQL with highlighting. The text goes to CodeMirror as a document, never as HTML,
 * so names or comments holding markup stay text (SEC-10).
 */
export function SqlView({ value, testId }: { value: string; testId?: string }) {
  return (
    <div className="mig-sql" data-testid={testId}>
      <CodeMirror
        value={value}
        extensions={extensions}
        editable={false}
        readOnly
        theme="dark"
        basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: false, highlightActiveLineGutter: false }}
      />
    </div>
  );
}
