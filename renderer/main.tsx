import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/base.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/canvas.css';
import './styles/inspector.css';
import './styles/dialogs.css';
import './styles/files.css';
import { setProjectFreezing } from '../shared/graph/freeze.ts';
import { App } from './app/App.tsx';

// Projects are frozen to catch code that edits one in place; the release build (`npm run dist`) skips the cost.
setProjectFreezing(import.meta.env.MODE !== 'release');

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
