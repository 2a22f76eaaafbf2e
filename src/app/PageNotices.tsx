/**
 * The notices under the page's title: a link's ignored parts, a new version,
 * the page kept offline, a backend that failed or (after the GPU's context
 * was lost) gave way to WASM, a run that diverged, and a
 * training worker that stopped and was started again.
 */
import { useEffect } from 'react';
import type { UrlProblem } from '../state/url-state';
import type { RunView } from './run-state';
import { dismissOfflineReady, reloadIntoUpdate, useOffline } from './service-worker';

interface Props {
  problems: UrlProblem[];
  dismissProblems: () => void;
  view: RunView;
  stale: boolean;
}

/** How long the news that the page works offline stays up: it asks nothing of anyone. */
const OFFLINE_NEWS_MS = 8000;

export function PageNotices({ problems, dismissProblems, view, stale }: Props) {
  const offline = useOffline();
  useEffect(() => {
    if (!offline.offlineReady) return;
    const id = setTimeout(dismissOfflineReady, OFFLINE_NEWS_MS);
    return () => clearTimeout(id);
  }, [offline.offlineReady]);
  return (
    <>
      {problems.length > 0 && (
        <div className="notice" role="alert">
          <p>Some settings in the link were not valid and were replaced by defaults:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.param}>{p.message}</li>
            ))}
          </ul>
          <button type="button" onClick={dismissProblems}>
            Dismiss
          </button>
        </div>
      )}
      <div className="toasts">
        {offline.needRefresh && (
          <div className="notice" role="status">
            <p>
              A new version of the playground is ready.{' '}
              <button type="button" onClick={reloadIntoUpdate}>
                Reload to use it
              </button>{' '}
              (your runs are kept)
            </p>
          </div>
        )}
        {offline.offlineReady && (
          <div className="notice" role="status">
            <p>
              The playground is kept in this browser: it opens and trains without a network from now on.{' '}
              <button type="button" onClick={dismissOfflineReady}>
                OK
              </button>
            </p>
          </div>
        )}
      </div>
      {view.backend.notice && (
        <div className="notice" role="alert">
          <p>{view.backend.notice}</p>
        </div>
      )}
      {view.backend.error && (
        <div className="notice error" role="alert">
          <p>{view.backend.error}</p>
        </div>
      )}
      {view.workerNotice ? (
        <div className="notice error" role="alert">
          <p>{view.workerNotice}</p>
        </div>
      ) : (
        (view.state === 'diverged' || view.state === 'failed') &&
        view.message &&
        !stale && (
          <div className="notice error" role="alert">
            <p>{view.message}</p>
          </div>
        )
      )}
    </>
  );
}
