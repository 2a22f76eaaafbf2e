/**
 * The model as files: keep the current one in the browser, download it in
 * TF.js's Layers format (model.json + weights, which TensorFlow's converter
 * turns into Keras), or open such files from disk. Says what each did, or
 * why a file cannot be opened.
 */
import { useId, useState } from 'react';

/** What the last action did, or why it could not. */
export type FileOutcome = { text: string; error: boolean } | null;

export interface ModelFilesProps {
  /** Whether there is a model to save (a run with a built model). */
  hasModel: boolean;
  busy: boolean;
  outcome: FileOutcome;
  /** Runs an action and shows what it says (its message, or its error's). */
  run(work: () => Promise<string>): void;
  onKeep(): Promise<string>;
  onDownload(): Promise<string>;
  onOpen(files: File[]): Promise<string>;
}

/** The state of the actions: busy while one runs, and its outcome. */
export function useFileActions(): Pick<ModelFilesProps, 'busy' | 'outcome' | 'run'> {
  const [outcome, setOutcome] = useState<FileOutcome>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setOutcome({ text: await work(), error: false });
    } catch (err) {
      setOutcome({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, run: (work) => void run(work) };
}

export function ModelFiles({ hasModel, busy, outcome, run, onKeep, onDownload, onOpen }: ModelFilesProps) {
  const id = useId();
  return (
    <div className="model-files">
      <p>
        <button type="button" disabled={!hasModel || busy} onClick={() => run(onKeep)}>
          Keep this model in the browser
        </button>{' '}
        <button type="button" disabled={!hasModel || busy} onClick={() => run(onDownload)}>
          Download model files
        </button>{' '}
        <label htmlFor={id} className="file-button">
          Open model files…
        </label>
        <input
          id={id}
          type="file"
          className="sr-only"
          multiple
          accept=".json,.bin,application/json,application/octet-stream"
          disabled={busy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            // The same files can be chosen again after a fix.
            e.target.value = '';
            if (files.length) run(() => onOpen(files));
          }}
        />
      </p>
      <p className="hint">
        Files in TF.js’s Layers format: choose the model’s .json file and its .weights.bin together. TensorFlow’s converter turns them into
        a Keras model (<code>tensorflowjs_converter --input_format tfjs_layers_model --output_format keras</code>).
      </p>
      {outcome?.error ? (
        <p className="notice error" role="alert">
          {outcome.text}
        </p>
      ) : (
        <p className="model-files-done" role="status">
          {outcome?.text}
        </p>
      )}
    </div>
  );
}
