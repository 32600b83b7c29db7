import { readFile, writeFile } from 'node:fs/promises';
import { InputError } from '../lib/errors.ts';
import { MODEL_FORMAT, type TrainedModel } from './trained-model.ts';

const TRAIN_COMMAND = '`npm run score:train`';

/** Writes a trained model as JSON. */
export async function writeModelFile(path: string, model: TrainedModel): Promise<void> {
  await writeFile(path, `${JSON.stringify(model, null, 2)}\n`, 'utf8');
}

/** Reads a model file written by `score:train`; throws an InputError for anything else. */
export async function readModelFile(path: string): Promise<TrainedModel> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new InputError({
      code: 'model_file_unreadable',
      message: `Cannot read the model file ${path}; pass the --out file of ${TRAIN_COMMAND}.`,
      cause: error,
    });
  });
  return parseModel(text, path);
}

/** Parses a model's JSON and checks that it is a Dealwise lead model. */
export function parseModel(text: string, source: string): TrainedModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError({
      code: 'model_file_invalid',
      message: `${source} is not JSON; pass the --out file of ${TRAIN_COMMAND}.`,
      cause: error,
    });
  }

  const model = parsed as Partial<TrainedModel> | null;
  if (model?.format !== MODEL_FORMAT || model.version !== 1 || !model.encoding || !model.logistic) {
    throw new InputError({
      code: 'model_file_invalid',
      message: `${source} is not a Dealwise lead model (version 1); retrain with ${TRAIN_COMMAND}.`,
    });
  }
  return model as TrainedModel;
}
