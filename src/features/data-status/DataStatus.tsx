/** Progress of the data's download, or what went wrong and a way to retry. */

export interface LoadStatus {
  status: 'loading' | 'ready' | 'error';
  loaded: number;
  total: number;
  message?: string;
}

const mb = (n: number) => (n / 1e6).toFixed(1);

/** `name`: what is loading, as the page says it ("the MNIST digits"); `short` names the progress bar ("MNIST"). */
export function DataStatus({ load, onRetry, name, short }: { load: LoadStatus; onRetry: () => void; name: string; short: string }) {
  if (load.status === 'ready') return null;
  if (load.status === 'error') {
    return (
      <div className="data-status error" role="alert">
        <p>{load.message ?? `${name[0].toUpperCase()}${name.slice(1)} could not be loaded.`}</p>
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      </div>
    );
  }
  const known = load.total > 0;
  return (
    <div className="data-status">
      <label>
        Loading {name} (70,000 images, {known ? `${mb(load.loaded)} of ${mb(load.total)} MB` : `${mb(load.loaded)} MB`})
        <progress aria-label={`Loading ${short}`} max={known ? load.total : undefined} value={known ? load.loaded : undefined} />
      </label>
    </div>
  );
}
