import { CallProblems } from './CallProblems.tsx';
import type { FileSearchToolCall } from '../../../shared/runtime/steps.ts';
import { keyedByContent, keyedLines } from '../../components/contentKeys.ts';

type Result = NonNullable<FileSearchToolCall['file_search']['results']>[number];

/** Longer passages start folded to their first lines; the rest opens on request. */
const EXCERPT = 240;

function SearchResult({ result, rank }: { result: Result; rank: number }) {
  const text = (result.content ?? []).map((c) => c.text).join('\n\n');
  const long = text.length > EXCERPT;
  return (
    <li className="search-result">
      <div className="search-result-head">
        <span className="search-rank">{rank}</span>
        <strong className="search-file">{result.file_name || result.file_id}</strong>
        <span className="spacer" />
        <span className="muted small">score {result.score.toFixed(3)}</span>
      </div>
      {text &&
        (long ? (
          <details className="search-excerpt">
            <summary aria-label={`Passage ${rank} from ${result.file_name}: show all`}>
              <span className="search-snippet">{text.slice(0, EXCERPT).trimEnd()}…</span>
            </summary>
            <p className="search-snippet">{text}</p>
          </details>
        ) : (
          <p className="search-snippet">{text}</p>
        ))}
    </li>
  );
}

/** A file search: what was searched for, each result with its file, score and passage, and files that could not be read. */
export function FileSearchCallBody({ call }: { call: FileSearchToolCall }) {
  const { ranking_options: ranking, results, query, queries, problems } = call.file_search;
  const asked = queries && queries.length > 0 ? queries : query ? [query] : [];
  return (
    <>
      {asked.length > 0 && (
        <div className="call-section">
          <h5>{asked.length === 1 ? 'Query' : 'Queries'}</h5>
          <ul className="search-queries">
            {keyedLines(asked).map(({ key, item }) => (
              <li key={key}>“{item}”</li>
            ))}
          </ul>
        </div>
      )}
      {ranking && (
        <p className="muted small">
          Ranker {ranking.ranker}, score threshold {ranking.score_threshold}
        </p>
      )}
      {results === undefined ? (
        <p className="muted small">No results reported</p>
      ) : (
        <div className="call-section">
          <h5>Results ({results.length})</h5>
          {results.length === 0 ? (
            <p className="muted small">Nothing matched.</p>
          ) : (
            <ol className="search-results">
              {keyedByContent(results, (r) => r.chunk_id ?? r.file_id).map(({ key, item }, i) => (
                <SearchResult key={key} result={item} rank={i + 1} />
              ))}
            </ol>
          )}
        </div>
      )}
      <CallProblems title="Not searched" problems={problems} />
    </>
  );
}
