// First: zod must be jitless before any schema is built (no `new Function` under our CSP).
import './lib/zod-jitless';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './app/styles.css';
import './app/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
