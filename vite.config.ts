import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs, so the same build loads from file:// in Electron and from the loopback web host.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Monaco alone is several MB; the warning would fire on every build without telling us anything.
    chunkSizeWarningLimit: 6000,
    // Monaco's CSS and workers make most of the build's time plugin time; the timing report says so on
    // every build (in every test run) without telling us anything either.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es' },
});
