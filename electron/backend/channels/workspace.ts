import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import { emptyProject, type Project } from '../../../shared/graph/project.ts';
import type { SetAside, SettingsView } from '../../../shared/ipc/contract.ts';
import { removeStaleTemps } from '../workspace/atomicWrite.ts';
import { listDirectory } from '../workspace/fsList.ts';
import { openProject, saveProject } from '../workspace/projects.ts';
import { addRecent, recentEntries, removeRecent } from '../workspace/recent.ts';
import { writeSample } from '../workspace/sample.ts';
import { readSettings, unreadableSettings, updateSettings } from '../workspace/settings.ts';
import { requireDialogs } from './dialogs.ts';
import type { HandlerContext, WorkspaceHandlers } from './types.ts';

export function workspaceHandlers(ctx: HandlerContext): Omit<WorkspaceHandlers, 'app:project/template'> {
  const { settings, secrets, drafts, trust } = ctx;

  const settingsView = async (): Promise<SettingsView> => {
    const current = readSettings(settings);
    return {
      theme: current.theme,
      providers: await Promise.all(current.providers.map((p) => secrets.view(p))),
      secretStorage: secrets.storage,
      dataDir: ctx.dataDir,
      pythonPath: current.pythonPath,
      allowUnsandboxedPython: current.allowUnsandboxedPython,
      streamIdleTimeoutSeconds: current.streamIdleTimeoutSeconds,
      allowUnsandboxedHandlers: current.allowUnsandboxedHandlers,
    };
  };

  const dialogs = () => requireDialogs(ctx);

  /** A project read from its file, with the nodes whose content changed outside the app since it was trusted. */
  const documentOf = async (opened: { path: string; project: Project }) => ({
    path: opened.path,
    project: opened.project,
    unreviewed: await trust.unreviewed(opened.path, opened.project),
  });

  /**
   * What this start left out because it could not read it: kept for the session, so that a window
   * opened later (or reloaded) is told too. Each thing is set aside once: the next start does not meet it.
   */
  const setAside: SetAside[] = [...ctx.setAside];
  let settingsChecked = false;

  /** Settings that cannot be read are written back as their defaults (readSettings already gives them). */
  const setAsideUnreadableFields = (): void => {
    if (settingsChecked) return;
    settingsChecked = true;
    const fields = unreadableSettings(settings);
    if (fields.length === 0) return;
    updateSettings(settings, (s) => s);
    for (const field of fields) setAside.push({ kind: 'setting', name: field, reason: 'its stored value is not one this version reads', keptAt: null });
  };

  /** Removes what writes killed half-way left in these folders (see removeStaleTemps). */
  const tidy = async (dirs: readonly string[]): Promise<void> => {
    for (const dir of new Set(dirs)) {
      for (const file of await removeStaleTemps(dir)) ctx.log.info(`removed ${file}, left by a save that never finished`);
    }
  };

  /**
   * The most recent project that still exists and opens cleanly, if any. One that does not open is left
   * out of the recent list (it stays where it is) and reported, so it cannot stop a start again.
   */
  const reopenRecent = async () => {
    for (const entry of await recentEntries(settings)) {
      if (!entry.exists) continue;
      try {
        return await documentOf(await openProject(entry.path));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        ctx.log.warn(`could not reopen ${entry.path}: ${reason}`);
        removeRecent(settings, entry.path);
        setAside.push({ kind: 'recentProject', name: entry.path, reason, keptAt: null });
      }
    }
    return null;
  };

  const firstRunProject = async () => {
    try {
      const sample = await writeSample(ctx.dataDir);
      // The app wrote this project itself, so its handlers may run.
      await trust.grant(sample.path, sample.project);
      addRecent(settings, sample.path);
      updateSettings(settings, (s) => ({ ...s, firstRunDone: true }));
      return { path: sample.path, project: sample.project, unreviewed: [] };
    } catch (error) {
      ctx.log.error('could not write the sample project', error);
      return { path: null, project: emptyProject(), unreviewed: [] };
    }
  };

  return {
    'app:app/info': async () => ({ host: ctx.host, version: ctx.version, platform: process.platform }),

    'app:project/initial': async () => {
      const recent = await recentEntries(settings);
      await tidy([ctx.dataDir, path.join(ctx.dataDir, 'drafts'), ...recent.filter((e) => e.exists).map((e) => path.dirname(e.path))]);
      setAsideUnreadableFields();
      const offered = await drafts.offer();
      setAside.push(...offered.setAside);
      if (!readSettings(settings).firstRunDone) return { document: await firstRunProject(), drafts: offered.drafts, firstRun: true, setAside: [...setAside] };
      const document = (await reopenRecent()) ?? { path: null, project: emptyProject(), unreviewed: [] };
      return { document, drafts: offered.drafts, firstRun: false, setAside: [...setAside] };
    },

    'app:project/open': async ({ path: file }) => {
      const opened = await openProject(file);
      await tidy([path.dirname(opened.path)]);
      addRecent(settings, opened.path);
      return { document: await documentOf(opened), migratedFrom: opened.migratedFrom };
    },

    'app:project/save': async ({ path: file, previousPath, project, unreviewed = [] }) => {
      const saved = await saveProject(file, previousPath, project);
      await tidy([path.dirname(saved.path)]);
      const waiting = unreviewed.filter((nodeId) => saved.project.nodes.some((n) => n.id === nodeId));
      await trust.followSave(saved.path, previousPath, saved.project, waiting);
      addRecent(settings, saved.path);
      await drafts.discardForPath(saved.path);
      return { document: { path: saved.path, project: saved.project, unreviewed: waiting } };
    },

    'app:project/recent': async () => ({ entries: await recentEntries(settings) }),

    'app:dialog/openProject': async () => ({ path: await dialogs().openProject() }),

    'app:dialog/saveProject': async ({ suggestedName }) => ({ path: await dialogs().saveProject(suggestedName) }),

    'app:fs/list': async ({ dir }) => {
      if (dir !== null) return listDirectory(dir);
      const recent = (await recentEntries(settings)).find((e) => e.exists);
      return listDirectory(recent ? path.dirname(recent.path) : ctx.homeDir);
    },

    'app:draft/save': async ({ draftId, path: file, project, unreviewed }) => {
      await drafts.save(draftId, file, project, unreviewed ?? []);
      return {};
    },

    'app:draft/discard': async ({ draftId }) => {
      await drafts.discard(draftId);
      return {};
    },

    'app:settings/get': settingsView,

    'app:settings/update': async ({ theme, providers, pythonPath, allowUnsandboxedPython, allowUnsandboxedHandlers, streamIdleTimeoutSeconds }) => {
      if (pythonPath !== undefined && pythonPath !== '' && !path.isAbsolute(pythonPath)) {
        throw new AppFailure('E_INVALID_REQUEST', `The Python path "${pythonPath}" is not absolute.`);
      }
      if (providers) {
        const ids = providers.map((p) => p.id);
        const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
        if (duplicate) throw new AppFailure('E_INVALID_REQUEST', `Two providers have the id "${duplicate}".`);
      }
      const before = readSettings(settings);
      const python = pythonPath === undefined ? before.pythonPath : pythonPath === '' ? null : path.normalize(pythonPath);
      const unsandboxed = allowUnsandboxedPython ?? before.allowUnsandboxedPython;
      updateSettings(settings, (s) => ({
        ...s,
        theme: theme ?? s.theme,
        providers: providers ?? s.providers,
        pythonPath: python,
        allowUnsandboxedPython: unsandboxed,
        streamIdleTimeoutSeconds: streamIdleTimeoutSeconds ?? s.streamIdleTimeoutSeconds,
        // Read at each handler call: a change applies from the next one.
        allowUnsandboxedHandlers: allowUnsandboxedHandlers ?? s.allowUnsandboxedHandlers,
      }));
      // Running sessions keep the Python and sandbox they started with; switching unsandboxed off must not leave one running.
      if (python !== before.pythonPath || unsandboxed !== before.allowUnsandboxedPython) ctx.restartPython();
      if (providers) {
        // A removed provider takes its stored key with it, so no orphaned secret stays on disk.
        const removed = before.providers.filter((old) => !providers.some((p) => p.id === old.id));
        for (const provider of removed) await secrets.clear(provider.id);
      }
      ctx.emit({ type: 'settings.changed' });
      return settingsView();
    },

    'app:secrets/set': async ({ providerId, apiKey }) => {
      await secrets.set(ctx.providers.config(providerId).id, apiKey);
      ctx.emit({ type: 'settings.changed' });
      return settingsView();
    },

    'app:secrets/clear': async ({ providerId }) => {
      await secrets.clear(ctx.providers.config(providerId).id);
      ctx.emit({ type: 'settings.changed' });
      return settingsView();
    },
  };
}
