/**
 * The glossary: each technical word the page uses, in plain words. The page
 * shows the plain word first and links the term here (hover for the short
 * line, click for the entry); lessons link entries by id (#glossary-<id>).
 */
export interface GlossaryEntry {
  id: string;
  term: string;
  /** One line, for a hover. */
  short: string;
  /** A few plain sentences. */
  long: string;
}

export const GLOSSARY: GlossaryEntry[] = [
  {
    id: 'autoencoder',
    term: 'Autoencoder',
    short: 'A network trained to output its own input, through a narrow middle.',
    long: 'A neural network in two halves: an encoder that squeezes an image into a few numbers, and a decoder that rebuilds the image from them. It is trained only to make its output match its input, so it needs no labels.',
  },
  {
    id: 'encoder',
    term: 'Encoder',
    short: 'The half that turns an image into its code.',
    long: 'The first half of an autoencoder: layers that take the 784 pixels of an image and compute the few numbers of its code.',
  },
  {
    id: 'code',
    term: 'Code (bottleneck, latent vector)',
    short: 'The few numbers the encoder keeps of an image.',
    long: 'The narrow middle of an autoencoder. With a code of 32, every image is summarised by 32 numbers; everything the decoder rebuilds must pass through them. Its size is the bottleneck size.',
  },
  {
    id: 'decoder',
    term: 'Decoder',
    short: 'The half that rebuilds an image from its code.',
    long: 'The second half of an autoencoder: layers that take a code and compute 784 pixels. Fed a code that came from no image, it makes a new one.',
  },
  {
    id: 'reconstruction',
    term: 'Reconstruction',
    short: 'What the decoder rebuilds: the output image.',
    long: 'The image the autoencoder gives back. How far it is from the input is the reconstruction error, the loss it learns to make small.',
  },
  {
    id: 'lossy',
    term: 'Lossy, data-specific compression',
    short: 'Some detail is always lost, and it only works on data like its training data.',
    long: 'An autoencoder keeps what it needs to rebuild the kind of images it was trained on. Fine detail is lost (lossy), and images unlike its training data come back looking like it (data-specific).',
  },
  {
    id: 'latent-space',
    term: 'Latent space',
    short: 'The space of all codes: each image is a point in it.',
    long: 'Every code is a point in a space with as many directions as the code has numbers. Similar images tend to land near each other, although the model never saw their labels.',
  },
  {
    id: 'loss',
    term: 'Loss',
    short: 'One number for how wrong the output is; training makes it small.',
    long: 'A measure of the distance between the output and the target (for an autoencoder, its own input). Each step nudges the weights in the direction that lowers it.',
  },
  {
    id: 'bce',
    term: 'Binary cross-entropy (BCE)',
    short: 'A loss for outputs between 0 and 1, such as pixel brightness.',
    long: 'Treats each pixel as a probability of ink and punishes confident mistakes hard. It suits outputs in [0, 1], like these images. Its floor is not 0 here, because real pixels are grey, not only black or white.',
  },
  {
    id: 'mse',
    term: 'Mean squared error (MSE)',
    short: 'The average of the squared differences, pixel by pixel.',
    long: 'The plain distance between output and input. It works for any kind of number, and punishes small mistakes gently, so it tends to give slightly blurrier images than cross-entropy.',
  },
  {
    id: 'epoch',
    term: 'Epoch',
    short: 'One pass over all 60,000 training images.',
    long: 'Training goes through the training images in batches; once every image has been seen once, an epoch ends and the test loss is measured on 10,000 images never trained on.',
  },
  {
    id: 'batch',
    term: 'Batch size',
    short: 'How many images each training step looks at.',
    long: 'Each step averages the loss over a batch of images and updates the weights once. Larger batches give steadier but fewer steps per second.',
  },
  {
    id: 'step',
    term: 'Step',
    short: 'One update of the weights, from one batch.',
    long: 'A step shows the model one batch, measures the loss and moves every weight a little to lower it.',
  },
  {
    id: 'learning-rate',
    term: 'Learning rate',
    short: 'How big a change each step makes to the weights.',
    long: 'Too small and learning is slow; too large and the loss jumps about or explodes. The playground uses the Adam optimiser, for which 0.001 to 0.005 usually works.',
  },
  {
    id: 'parameters',
    term: 'Parameters (weights)',
    short: 'The numbers the model learns.',
    long: 'Every connection between two layers has a weight, and every unit a bias. Training changes these numbers; the architecture fixes how many there are.',
  },
  {
    id: 'layer',
    term: 'Layer (dense, ReLU, sigmoid)',
    short: 'A row of units; each computes a weighted sum of the row before.',
    long: 'A dense layer connects every unit to every unit of the previous layer. ReLU keeps positive sums and turns negative ones to 0; sigmoid squashes any number into 0 to 1 (used for the output pixels); linear leaves the sum as it is (used for the code).',
  },
  {
    id: 'convolution',
    term: 'Convolution and pooling',
    short: 'Small filters slid over the image, then a shrink by half.',
    long: 'A convolutional layer looks at 3×3 patches with the same filter everywhere, so it finds strokes wherever they are; pooling keeps the largest of each 2×2 block. The decoder mirrors it with up-sampling.',
  },
  {
    id: 'gaussian-noise',
    term: 'Gaussian noise',
    short: 'Random speckle: mostly small changes, now and then a large one.',
    long: 'Each pixel gets a random number added, drawn from a bell curve with the chosen spread (standard deviation). A denoising autoencoder is trained to give back the clean image.',
  },
  {
    id: 'sparsity',
    term: 'Sparsity penalty (L1)',
    short: 'A cost for every code number that is not zero.',
    long: 'Adding the size of the code’s numbers to the loss pushes most of them to zero for each image, so each image is described by a few active units: the third way to stop an autoencoder from copying its input.',
  },
  {
    id: 'vae',
    term: 'Variational autoencoder (VAE)',
    short: 'Each code is a small cloud, not a point, so any point decodes to something.',
    long: 'The encoder gives a mean and a spread for each code number; training samples from that cloud and a penalty keeps the clouds close to a standard bell curve. Codes drawn at random then decode to new, plausible images.',
  },
  {
    id: 'kl',
    term: 'KL divergence and β',
    short: 'The VAE’s penalty: how far its clouds are from a standard bell curve.',
    long: 'The Kullback–Leibler divergence measures how different two distributions are. The VAE adds β times it to the loss; a larger β gives a smoother latent space and blurrier reconstructions.',
  },
  {
    id: 'pca',
    term: 'PCA',
    short: 'The best linear compression: a baseline to beat.',
    long: 'Principal component analysis keeps the directions along which the images vary most. A one-layer linear autoencoder learns the same thing; deeper, non-linear ones can do better.',
  },
  {
    id: 'seed',
    term: 'Seed',
    short: 'The number that fixes every random choice: same seed, same run.',
    long: 'Initial weights, the order of the images and the noise all come from it, so a link with a seed gives the same run again.',
  },
  {
    id: 'backend',
    term: 'Backend',
    short: 'What does the maths: your graphics card or your processor.',
    long: 'TensorFlow.js can compute with WebGL or WebGPU on a graphics card, or with WebAssembly or plain JavaScript on the processor. The page measures which is fastest here.',
  },
];

const BY_ID = new Map(GLOSSARY.map((e) => [e.id, e]));

/** The entry with this id, or undefined. */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return BY_ID.get(id);
}

/** The link target of an entry. */
export const glossaryAnchor = (id: string) => `glossary-${id}`;
