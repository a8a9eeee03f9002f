/**
 * `npm run train`: retrains lib/classify/model.json from ../shared/datasets (or $PARLEY_DATASETS).
 * Deterministic: running it again on the same data writes the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import {
  MODEL_PATH,
  PROJECT_ROOT,
  serializeModel,
  trainFromDevelopmentData,
} from '../lib/classify/node-datasets';

try {
  const started = performance.now();
  const model = trainFromDevelopmentData();
  const text = serializeModel(model);
  writeFileSync(MODEL_PATH, text);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `wrote ${relative(PROJECT_ROOT, MODEL_PATH)} (${(text.length / 1024).toFixed(0)} kB; ` +
      `${Object.keys(model.complaint.weights).length} complaint and ${Object.keys(model.sentiment.weights).length} sentiment features; ` +
      `${model.training.complaintRows} complaint and ${model.training.airlineRows} airline rows) in ${seconds} s`,
  );
  const { stack, threshold } = model.complaint;
  console.log(
    `complaint decision: bias ${stack.bias}, words ×${stack.words}, negative tone ×${stack.negative}, ` +
      `problem ×${stack.problem}, question in a negative tone ×${stack.negativeQuestion}; threshold ${threshold}`,
  );
} catch (error) {
  console.error(`train-classifier: ${(error as Error).message}`);
  process.exit(1);
}
