/** The TensorFlow.js backends the page can ask the training worker for; 'auto' picks the fastest here. */
export const BACKEND_CHOICES = ['auto', 'webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
