/**
 * The parts of TensorFlow.js the playground uses: the core ops and the layers
 * API, with the plain-JS CPU backend registered (training/backend.ts adds
 * WASM, and loads WebGL and WebGPU only when they are asked for). The
 * '@tensorflow/tfjs' umbrella would also bring the model converter and
 * tf.data, which the playground never calls.
 */
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-layers';
