// First: starts the MNIST download while the rest of the page loads.
import './app/early-download';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { registerServiceWorker } from './app/service-worker';
import { waitForData } from './app/run-store';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// Once the page is ready to train: the service worker's precache then fetches in the background.
waitForData().then(registerServiceWorker, () => {});
