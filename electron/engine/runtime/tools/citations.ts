import type { Annotation } from '../../../../shared/runtime/objects.ts';

/** What a source marker of a file search result points at. */
export interface CitedSource {
  fileId: string;
  chunkId: string;
}

// OpenAI's file search marker: 【<search>:<result>†<file name>】. The name is informative only.
const SOURCE_MARKER = /【(\d+):(\d+)†[^】\n]*】/g;

/**
 * What this run's tool calls produced that its messages may refer to: search results by marker and
 * interpreter output files by the path the code saw. The final text is turned into annotations
 * with it; markers the run never produced are left as plain text.
 */
export class RunReferences {
  readonly #sources = new Map<string, CitedSource>();
  readonly #outputs = new Map<string, string>();
  /** Annotations whose place the provider gave (hosted tools); they belong to the next message annotated. */
  #placed: Annotation[] = [];
  /** Images the code drew that no message shows yet. */
  #images: string[] = [];
  #searches = 0;

  /** Numbers a new search; its results are cited as `【n:i†name】`. */
  nextSearch(): number {
    return this.#searches++;
  }

  addSource(search: number, result: number, source: CitedSource): void {
    this.#sources.set(`${search}:${result}`, source);
  }

  /** An output file as the code saw it (`/mnt/data/out.csv`), stored under `fileId`. */
  addOutputFile(codePath: string, fileId: string): void {
    this.#outputs.set(codePath, fileId);
  }

  /** An image the code drew, stored under `fileId`; the next message the assistant finishes shows it. */
  addImage(fileId: string): void {
    this.#images.push(fileId);
  }

  /** The images no message shows yet, in the order they were drawn; each is handed out once. */
  takeImages(): string[] {
    const images = this.#images;
    this.#images = [];
    return images;
  }

  /** An annotation with its span already known, for the message being written. */
  place(annotation: Annotation): void {
    this.#placed.push(annotation);
  }

  /**
   * Annotations for the markers and links in a message, in text order. Indices count UTF-16 code
   * units, as JavaScript strings (and the UI) do; the marker text stays in the message.
   */
  annotate(text: string): Annotation[] {
    // Most answers cite nothing: without sources, outputs or placed annotations there is nothing to find.
    if (this.#sources.size === 0 && this.#outputs.size === 0 && this.#placed.length === 0) return [];
    const annotations: { at: number; annotation: Annotation }[] = [];
    for (const match of text.matchAll(SOURCE_MARKER)) {
      const source = this.#sources.get(`${match[1]}:${match[2]}`);
      if (!source) continue;
      const start = match.index;
      annotations.push({
        at: start,
        annotation: {
          type: 'file_citation',
          text: match[0],
          start_index: start,
          end_index: start + match[0].length,
          file_citation: { file_id: source.fileId, chunk_id: source.chunkId },
        },
      });
    }
    // Known paths are looked up literally: outside bubblewrap they are real paths, which may hold spaces
    // (a model writing a Markdown link may percent-encode those).
    for (const [codePath, fileId] of this.#outputs) {
      for (const link of new Set([`sandbox:${codePath}`, `sandbox:${encodeURI(codePath)}`])) {
        for (let start = text.indexOf(link); start >= 0; start = text.indexOf(link, start + link.length)) {
          // A longer name that starts like this one (out.csv → out.csv.bak) is another file; a full stop is not.
          if (/^([\w\-/]|\.\w)/.test(text.slice(start + link.length, start + link.length + 2))) continue;
          annotations.push({
            at: start,
            annotation: { type: 'file_path', text: link, start_index: start, end_index: start + link.length, file_path: { file_id: fileId } },
          });
        }
      }
    }
    for (const annotation of this.#placed) {
      if (annotation.end_index <= text.length) annotations.push({ at: annotation.start_index, annotation });
    }
    this.#placed = [];
    return annotations.sort((a, b) => a.at - b.at).map((a) => a.annotation);
  }
}
