// The parts the Python exports share: header, imports, README and `main()`.
import { commentBlock } from '../literals.ts';
import type { ExportPlan } from '../plan.ts';
import type { ExportedFile } from '../types.ts';

export function pyHeader(plan: ExportPlan, sdk: string, run: string, warnings: string[]): string {
  const lines = [`${plan.name}: exported from Assistant Studio (${sdk}).`, '', `Run: ${run}`, '(reads OPENAI_API_KEY and, if set, OPENAI_BASE_URL)'];
  if (warnings.length > 0) lines.push('', 'Differences from the app:', ...warnings.map((w) => `- ${w}`));
  return commentBlock(lines.join('\n'), '#');
}

/** The standard-library imports: `import x` lines sorted, then `from x import y` lines. */
export function pyImports(lines: readonly string[]): string[] {
  const unique = [...new Set(['import sys', ...lines])];
  return [...unique.filter((l) => l.startsWith('import ')).sort(), ...unique.filter((l) => l.startsWith('from '))];
}

/** The README; the tools' sections come after `notes`, then the Knowledge section (which only a program that reads Knowledge files has). */
export function pyReadme(
  plan: ExportPlan,
  sdk: string,
  requirement: string,
  knowledgeRoot: string,
  pieces: { knowledgeNote: string; readme: readonly string[] },
  notes = '',
): ExportedFile {
  const knowledge = plan.readsKnowledge
    ? `
## Knowledge files

The Knowledge paths are relative to the project file. The program looks for them under \`${knowledgeRoot}\`
(relative to this folder); set \`KNOWLEDGE_ROOT\` to the folder of the project file, or copy the Knowledge
folders here.${pieces.knowledgeNote ? ` ${pieces.knowledgeNote}` : ''}
`
    : '';
  return {
    path: 'README.md',
    content: `# ${plan.name}

Exported from Assistant Studio: ${sdk}.

\`\`\`sh
python3 -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt        # ${requirement}
export OPENAI_API_KEY=sk-...            # never stored in these files
export OPENAI_BASE_URL=...              # optional: any OpenAI-compatible endpoint
python main.py "your question"
\`\`\`
${notes}${pieces.readme.join('')}${knowledge}`,
  };
}

/** `main()`: the question from the command line, then `body` (indented four spaces), and the entry point. */
export const pyMain = (body: string): string => `def main() -> None:
    question = " ".join(sys.argv[1:]).strip()
    if not question:
        sys.exit('Usage: python main.py "your question"')
${body}
    print()


if __name__ == "__main__":
    main()`;
