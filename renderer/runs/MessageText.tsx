import { memo, useMemo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Annotation } from '../../shared/runtime/objects.ts';
import { RuntimeFileChip } from '../files/RuntimeFile.tsx';
import { Citation } from './Citation.tsx';
import { annotationIndexOf, splitBlocks, withAnnotationLinks } from './markdown.ts';

const PLUGINS = [remarkGfm];

function ExternalLink({ href, children }: { href?: string; children?: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}

/** The file name in a `file_path` annotation's text (`sandbox:/mnt/data/chart.png`), shown until the file's own name loads. */
const fileNameOf = (text: string): string => text.split(/[\\/]/).pop() || text;

const PLAIN: Components = { a: ExternalLink };

/** One Markdown block; memoised on its text, so blocks that stopped changing are not parsed again. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <Markdown remarkPlugins={PLUGINS} components={PLAIN} skipHtml>
      {text}
    </Markdown>
  );
});

function AnnotatedMarkdown({ value, annotations }: { value: string; annotations: readonly Annotation[] }) {
  const components = useMemo<Components>(() => {
    const numbers = new Map<number, number>();
    annotations.forEach((a, i) => {
      if (a.type === 'file_citation') numbers.set(i, numbers.size + 1);
    });
    return {
      a: ({ href, children }) => {
        const index = annotationIndexOf(href);
        const annotation = index === null ? undefined : annotations[index];
        if (index === null || annotation === undefined) return <ExternalLink href={href}>{children}</ExternalLink>;
        if (annotation.type === 'file_citation') return <Citation number={numbers.get(index) ?? index + 1} annotation={annotation} />;
        return <RuntimeFileChip fileId={annotation.file_path.file_id} label={fileNameOf(annotation.text)} />;
      },
    };
  }, [annotations]);
  const text = useMemo(() => withAnnotationLinks(value, annotations), [value, annotations]);
  return (
    <Markdown remarkPlugins={PLUGINS} components={components} skipHtml>
      {text}
    </Markdown>
  );
}

/**
 * A text part of a message as Markdown. While it streams, it is rendered block by block and only the
 * last block is parsed again as text arrives; once complete it is rendered whole, with its annotations.
 */
export function MessageText({ value, annotations, streaming }: { value: string; annotations: readonly Annotation[]; streaming: boolean }) {
  if (!streaming) {
    return annotations.length > 0 ? <AnnotatedMarkdown value={value} annotations={annotations} /> : <MarkdownBlock text={value} />;
  }
  const blocks = splitBlocks(value);
  return (
    <>
      {blocks.map((block, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a block is a position in the growing text; only the last one changes, and a key from its content would re-mount it on every delta
        <MarkdownBlock key={i} text={block} />
      ))}
      <span className="stream-caret" aria-hidden="true" />
    </>
  );
}
