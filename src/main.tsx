// First: starts the MNIST download while the rest of the page loads.
import './app/early-download';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { registerServiceWorker } from './app/service-worker';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// After the page's own loading: the service worker's precache fetches in the background.
window.addEventListener('load', registerServiceWorker, { once: true });
