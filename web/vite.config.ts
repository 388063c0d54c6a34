import { defineConfig } from "vite";

// The build goes where the gateway serves its static files from (gateway/Gateway/wwwroot): hashed
// file names under /assets/, which the gateway caches for a year; index.html is never cached.
export default defineConfig({
  build: {
    outDir: "../gateway/Gateway/wwwroot",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    // One bundle for every page (the plan page needs the charts anyway); its size is checked against
    // the first-load budget by scripts/bundle-size.mjs, so Vite's own warning threshold is moved past it.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev` against a running gateway (deploy/run.sh): the pages' API calls go to it.
  server: {
    proxy: { "/api": "http://localhost:8080" },
  },
});
