import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions, type Plugin } from 'vite';

/**
 * Left to the runtime: Electron itself, Node's built-ins (both present in Electron's main process), and
 * sqlite-vec, which finds its native library through its own package (electron-builder unpacks it
 * from the archive, see electron-builder.yml).
 */
const external = ['electron', 'sqlite-vec', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** The code interpreter's kernel goes beside main.cjs, where environment.ts looks for it (`./kernel.py`). */
const kernel: Plugin = {
  name: 'assistant-studio-kernel',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'kernel.py', source: readFileSync('electron/engine/codeInterpreter/kernel.py', 'utf8') });
  },
};

/**
 * One CommonJS bundle per entry, with every npm dependency inlined: the sandboxed preload can only
 * require('electron'), and a packaged main should not depend on node_modules layout.
 */
function bundle(entry: string, fileName: string, plugins: Plugin[] = []): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external },
    build: {
      ssr: entry,
      outDir: 'dist/electron',
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      rolldownOptions: {
        external,
        plugins,
        // unpdf asks import.meta.resolve for pdfjs's font data inside a try and does without it (text
        // extraction needs no fonts); the same warning from any other module still shows.
        onLog(level, log, handler) {
          if (log.code === 'EMPTY_IMPORT_META' && `${log.id ?? ''}${log.message}`.includes('node_modules/unpdf/')) return;
          handler(level, log);
        },
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
  };
}

// Three environments built by one `vite build --config vite.electron.config.ts`: the main process, the
// preload, and the program each Function handler runs in (runner.ts starts it beside main.cjs). The
// default client environment (the renderer) has its own config and is not built here.
export default defineConfig({
  builder: {
    async buildApp(builder) {
      for (const name of ['main', 'preload', 'handlerChild']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`missing build environment ${name}`);
        await builder.build(environment);
      }
    },
  },
  environments: {
    main: bundle('electron/main/main.ts', 'main.cjs', [kernel]),
    preload: bundle('electron/preload/preload.ts', 'preload.cjs'),
    handlerChild: bundle('electron/engine/handlers/child.ts', 'handlerChild.cjs'),
  },
});
