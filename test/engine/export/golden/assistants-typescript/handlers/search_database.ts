// Handler of the function "search_database", exported from Assistant Studio.
/** Arguments the model passed, typed from the function's parameter schema. */
type Args = {
  /** Words to look for in paper titles. */
  query: string;
  /** Category to search in. */
  category: "all" | "nlp" | "biology" | "climate";
};

/** What the runtime gives every handler. */
interface HandlerContext {
  /** Aborted when the run is cancelled or the handler's time limit is reached. */
  readonly signal: AbortSignal;
  /** Writes to the handler's log, shown in the run step. */
  log(...values: unknown[]): void;
  /** fetch, cancelled together with the handler. */
  fetch: typeof fetch;
  /** The environment variables you allowed for this project. */
  readonly env: Readonly<Record<string, string>>;
}

const PAPERS = [
  { id: 'P-101', title: 'Retrieval-augmented generation for open-domain QA', category: 'nlp', year: 2020 },
  { id: 'P-102', title: 'Dense passage retrieval', category: 'nlp', year: 2020 },
  { id: 'P-201', title: 'Protein structure prediction with deep learning', category: 'biology', year: 2021 },
  { id: 'P-301', title: 'Climate sensitivity from observational records', category: 'climate', year: 2019 },
];

export default async function handler(args: Args, ctx: HandlerContext) {
  const query = args.query.toLowerCase();
  const results = PAPERS.filter(
    (p) => (args.category === 'all' || p.category === args.category) && p.title.toLowerCase().includes(query),
  );
  ctx.log(`${results.length} result(s) for "${args.query}" in ${args.category}`);
  return { results };
}
