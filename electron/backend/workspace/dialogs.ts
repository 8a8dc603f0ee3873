/** Native file dialogs; only Electron has them (the web host's renderer uses its own file picker). */
export interface Dialogs {
  /** Asks for a project file to open; null when the user cancels. */
  openProject(): Promise<string | null>;
  /** Asks where to save a project; null when the user cancels. */
  saveProject(suggestedName: string): Promise<string | null>;
  /** Asks where to save a file (an interpreter output, an image); null when the user cancels. */
  saveFile(suggestedName: string): Promise<string | null>;
  /** Asks for a folder (where an export goes); null when the user cancels. */
  chooseFolder(): Promise<string | null>;
}
