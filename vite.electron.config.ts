import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions } from 'vite';

/** Left to the runtime: Electron itself and Node's built-ins (both present in Electron's main process). */
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * One CommonJS bundle per entry, with every npm dependency inlined: the sandboxed preload can only
 * require('electron'), and a packaged main should not depend on node_modules layout.
 */
function bundle(entry: string, fileName: string): EnvironmentOptions {
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
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
  };
}

// Two environments built by one `vite build --config vite.electron.config.ts`; the default client
// environment (the renderer) has its own config and is not built here.
export default defineConfig({
  builder: {
    async buildApp(builder) {
      for (const name of ['main', 'preload']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`missing build environment ${name}`);
        await builder.build(environment);
      }
    },
  },
  environments: {
    main: bundle('electron/main/main.ts', 'main.cjs'),
    preload: bundle('electron/preload/preload.ts', 'preload.cjs'),
  },
});
