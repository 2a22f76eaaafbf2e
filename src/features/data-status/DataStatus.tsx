/** Progress of the MNIST download, or what went wrong and a way to retry. */

export interface LoadStatus {
  status: 'loading' | 'ready' | 'error';
  loaded: number;
  total: number;
  message?: string;
}

const mb = (n: number) => (n / 1e6).toFixed(1);

export function DataStatus({ load, onRetry }: { load: LoadStatus; onRetry: () => void }) {
  if (load.status === 'ready') return null;
  if (load.status === 'error') {
    return (
      <div className="data-status error" role="alert">
        <p>{load.message ?? 'The MNIST digits could not be loaded.'}</p>
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
        Loading the MNIST digits (70,000 images, {known ? `${mb(load.loaded)} of ${mb(load.total)} MB` : `${mb(load.loaded)} MB`})
        <progress aria-label="Loading MNIST" max={known ? load.total : undefined} value={known ? load.loaded : undefined} />
      </label>
    </div>
  );
}
