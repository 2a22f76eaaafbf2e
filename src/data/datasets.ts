/**
 * The two datasets the playground trains on, both 28 × 28 grey images in
 * ten classes, packed the same way at build time (scripts/): the MNIST
 * digits (the default) and Fashion-MNIST's clothes, downloaded only when
 * chosen.
 */
export const DATASETS = ['mnist', 'fashion'] as const;

/** The browser cache the downloaded datasets are kept in, for offline visits (the training worker writes it, the service worker reads it). */
export const DATA_CACHE = 'autoencoder-playground-data';
export type DatasetName = (typeof DATASETS)[number];

export interface DatasetInfo {
  /** As the page names it ("MNIST digits"), and for short ("MNIST"). */
  label: string;
  short: string;
  /** The asset under public/. */
  file: string;
  /** Class names by label, as legends write them. */
  classNames: readonly string[];
  /** What one image is called: "digit", "item". */
  item: string;
}

export const DATASET_INFO: Record<DatasetName, DatasetInfo> = {
  mnist: {
    label: 'MNIST digits',
    short: 'MNIST',
    file: 'data/mnist.bin',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    item: 'digit',
  },
  fashion: {
    label: 'Fashion-MNIST clothes',
    short: 'Fashion-MNIST',
    file: 'data/fashion.bin',
    // Zalando's labels 0–9 (github.com/zalandoresearch/fashion-mnist).
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    item: 'item',
  },
};
