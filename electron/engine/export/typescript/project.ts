// The files the TypeScript exports share: package files, header and README.
import { commentBlock, slug, tsTemplate } from '../literals.ts';
import type { ExportPlan } from '../plan.ts';
import type { ExportedFile } from '../types.ts';

/** Versions the exported projects are written and tested against (the app's own dependencies). */
export const TS_DEPENDENCIES = { openai: '^7.57.0', '@openai/agents': '^0.20.0', zod: '^4.6.7' } as const;
const TYPES_NODE = '^22.20.5';

export function packageJson(plan: ExportPlan, dependencies: Record<string, string>): ExportedFile {
  const pkg = {
    name: slug(plan.name),
    private: true,
    description: `${plan.name}, exported from Assistant Studio.`,
    type: 'module',
    engines: { node: '>=22.18' },
    scripts: { start: 'node main.ts' },
    dependencies,
    devDependencies: { '@types/node': TYPES_NODE },
  };
  return { path: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` };
}

export const TSCONFIG: ExportedFile = {
  path: 'tsconfig.json',
  content: `${JSON.stringify(
    {
      compilerOptions: {
        target: 'es2023',
        module: 'nodenext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        erasableSyntaxOnly: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['**/*.ts'],
      exclude: ['node_modules'],
    },
    null,
    2,
  )}\n`,
};

/** The README; `knowledgeNote` ends its Knowledge section (which only a program that reads Knowledge files has). */
export function readme(plan: ExportPlan, sdk: string, knowledgeRoot: string, knowledgeNote: string, notes = ''): ExportedFile {
  const knowledge = plan.readsKnowledge
    ? `
## Knowledge files

The Knowledge paths are relative to the project file. The program looks for them under \`${knowledgeRoot}\`
(relative to this folder); set \`KNOWLEDGE_ROOT\` to the folder of the project file, or copy the Knowledge
folders here. ${knowledgeNote}
`
    : '';
  const content = `# ${plan.name}

Exported from Assistant Studio: ${sdk}.

\`\`\`sh
npm install
export OPENAI_API_KEY=sk-...            # never stored in these files
export OPENAI_BASE_URL=...              # optional: any OpenAI-compatible endpoint
npm start -- "your question"            # or: node main.ts "your question"
\`\`\`

Needs Node.js 22.18 or later, which runs TypeScript directly. \`npx -p typescript tsc\` type-checks it.
${notes}${knowledge}`;
  return { path: 'README.md', content };
}

/** The header comment of a generated main file. */
export function header(plan: ExportPlan, sdk: string, warnings: string[]): string {
  const lines = [
    `${plan.name}: exported from Assistant Studio (${sdk}).`,
    'Run: npm start -- "your question"   (reads OPENAI_API_KEY and, if set, OPENAI_BASE_URL)',
  ];
  if (warnings.length > 0) lines.push('', 'Differences from the app:', ...warnings.map((w) => `- ${w}`));
  return commentBlock(lines.join('\n'), '//');
}

export const instructionsConst = (plan: ExportPlan): string => `const INSTRUCTIONS = ${tsTemplate(plan.instructions)};`;

/** Node built-in imports in the order of their modules, each once. */
export const sortedImports = (lines: readonly string[]): string[] => [...new Set(lines)].sort((a, b) => moduleOf(a).localeCompare(moduleOf(b)));

const moduleOf = (line: string): string => /from '([^']+)'/.exec(line)?.[1] ?? line;
