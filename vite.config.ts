import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The API server (npm run dev) listens here; the dev server and `vite preview` forward /api to it.
const apiProxy = { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } };

export default defineConfig({
  root: here('./web'),
  base: '/',
  publicDir: here('./web/public'),
  plugins: [react()],
  resolve: {
    // Mirrors tsconfig.json "paths".
    alias: [
      { find: /^@contracts\//, replacement: `${here('./contracts')}/` },
      { find: /^@\//, replacement: `${here('./web/src')}/` },
    ],
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
  build: {
    outDir: here('./web/dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vendor chunks that change rarely, so a new release only invalidates the app chunks.
        // (Rolldown's successor to Rollup's manualChunks.)
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|cookie|set-cookie-parser)[\\/]/,
              priority: 30,
            },
            {
              name: 'echarts',
              test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/,
              priority: 25,
            },
            {
              name: 'antd',
              test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@ctrl|@emotion|dayjs|classnames|stylis|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|json2mq|copy-to-clipboard|toggle-selection|resize-observer-polyfill|string-convert|@babel[\\/]runtime)[\\/]/,
              priority: 20,
            },
          ],
        },
      },
    },
  },
});
