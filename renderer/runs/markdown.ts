import type { Annotation } from '../../shared/runtime/objects.ts';

/** Links to annotations use this fragment, so the Markdown renderer can tell them from real links. */
const ANNOTATION_HREF = '#annotation-';

/** The annotation a link points at, or null for an ordinary link. */
export function annotationIndexOf(href: string | undefined): number | null {
  if (!href?.startsWith(ANNOTATION_HREF)) return null;
  const index = Number(href.slice(ANNOTATION_HREF.length));
  return Number.isInteger(index) && index >= 0 ? index : null;
}

/**
 * Replaces each annotated range of the text with a Markdown link to the annotation: a citation becomes a
 * numbered marker, a file path keeps its place as a link target (it usually sits inside a link already).
 * Ranges that do not fit the text or overlap an earlier one are left as they are.
 */
export function withAnnotationLinks(value: string, annotations: readonly Annotation[]): string {
  const ordered = annotations
    .map((annotation, index) => ({ annotation, index }))
    .filter(({ annotation: a }) => a.start_index >= 0 && a.end_index <= value.length && a.start_index < a.end_index)
    .sort((a, b) => a.annotation.start_index - b.annotation.start_index);
  let out = '';
  let at = 0;
  let citation = 0;
  for (const { annotation, index } of ordered) {
    if (annotation.start_index < at) continue;
    out += value.slice(at, annotation.start_index);
    if (annotation.type === 'file_citation') {
      citation += 1;
      out += `[${citation}](${ANNOTATION_HREF}${index})`;
    } else {
      out += `${ANNOTATION_HREF}${index}`;
    }
    at = annotation.end_index;
  }
  return out + value.slice(at);
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * Splits Markdown into blocks at blank lines outside fenced code. While an answer streams, every block
 * but the last is final, so only the last one needs parsing again as text arrives.
 */
export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
    }
    if (fence === null && line.trim() === '' && current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    } else if (fence !== null || line.trim() !== '') {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
