/** A button that saves part of the page, as it is seen, as a PNG file. */
import type { RefObject } from 'react';
import { downloadBlob, snapshotImage } from '../shared/snapshot-image';

export interface SaveImageButtonProps {
  /** The part of the page to save. */
  target: RefObject<HTMLElement | null>;
  /** The file's name, without .png. */
  name: string;
  /** What the picture shows, for the button's accessible name ("the reconstructions"). */
  what: string;
}

export function SaveImageButton({ target, name, what }: SaveImageButtonProps) {
  return (
    <button
      type="button"
      className="quiet save-image"
      aria-label={`Save ${what} as a PNG picture`}
      onClick={async () => {
        if (target.current) downloadBlob(await snapshotImage(target.current), `${name}.png`);
      }}
    >
      Save as PNG
    </button>
  );
}
