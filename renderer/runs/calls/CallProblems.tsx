import { keyedByContent } from '../../components/contentKeys.ts';

/** Knowledge paths or files a built-in tool could not use in a call (the others were), under a heading. */
export function CallProblems({ title, problems }: { title: string; problems: readonly { path: string; message: string }[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <div className="call-section">
      <h5>{title}</h5>
      <ul className="call-problems">
        {keyedByContent(problems, (p) => p.path).map(({ key, item }) => (
          <li key={key}>
            <span className="is-mono">{item.path}</span>: {item.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
