import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/graph/project.ts';
import {
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  exportAssistant,
  exportReadsKnowledge,
  importDefinition,
  type ExportFormat,
  type ExportOptions,
} from '../../engine/index.ts';
import { writeExportFolder } from '../workspace/exportFolder.ts';
import { checkProject } from '../workspace/projects.ts';
import { projectDirOf } from './projectDir.ts';
import type { FilesHandlers } from './types.ts';

function generate(project: Project, assistantNodeId: string, format: ExportFormat, options: ExportOptions = {}) {
  const result = exportAssistant(project, assistantNodeId, format, options);
  if (!result.ok) throw new AppFailure('E_INVALID_REQUEST', result.reason);
  return result;
}

/** Export of an assistant as code (preview, or written to a folder) and import of assistant definitions. */
export function exportHandlers(): Pick<FilesHandlers, 'app:export/formats' | 'app:export/preview' | 'app:export/save' | 'app:import/definition'> {
  return {
    'app:export/formats': async () => ({ formats: EXPORT_FORMATS.map((id) => ({ id, label: EXPORT_FORMAT_LABELS[id] })) }),

    'app:export/preview': async ({ project, assistantNodeId, format }) => {
      const { files, primary, warnings } = generate(checkProject(project), assistantNodeId, format);
      return { files, primary, warnings };
    },

    'app:export/save': async ({ project: value, projectPath, assistantNodeId, format, dir }) => {
      const project = checkProject(value);
      const projectDir = projectDirOf(projectPath);
      if (!path.isAbsolute(dir)) throw new AppFailure('E_INVALID_REQUEST', `The path "${dir}" is not absolute.`);
      const target = path.normalize(dir);
      const warnings: string[] = [];
      const options: ExportOptions = {};
      if (exportReadsKnowledge(project, assistantNodeId, format)) {
        if (projectDir === null) {
          warnings.push(
            'The project is not saved, so the exported code looks for the Knowledge files in its own folder: copy them there, or set KNOWLEDGE_ROOT.',
          );
        } else {
          // The Knowledge stays where it is; the code finds it from wherever it was saved (KNOWLEDGE_ROOT overrides).
          options.knowledgeRoot = path.relative(target, projectDir).split(path.sep).join('/') || '.';
          warnings.push(`The exported code reads the Knowledge files from ${projectDir}; set KNOWLEDGE_ROOT if you move them or the code.`);
        }
      }
      const result = generate(project, assistantNodeId, format, options);
      const files = await writeExportFolder(target, result.files);
      return { dir: target, files, warnings: [...result.warnings, ...warnings] };
    },

    'app:import/definition': async ({ text, origin, servedByStudio }) => {
      const result = importDefinition(text, { ...(origin === undefined ? {} : { origin }), ...(servedByStudio ? { servedByStudio } : {}) });
      if (!result.ok) throw new AppFailure(result.error.code, result.error.message, result.error.details);
      return { nodes: result.nodes, edges: result.edges, report: result.report };
    },
  };
}
