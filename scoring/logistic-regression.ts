/** Coefficients of a fitted logistic regression. */
export interface LogisticModel {
  intercept: number;
  weights: number[];
}

export interface FitLogisticOptions {
  /** Rows of features, all the same width. */
  features: readonly (readonly number[])[];
  /** 0 or 1 per row. */
  labels: readonly number[];
  /** L2 penalty on the weights (never on the intercept). Default 1. */
  l2?: number;
  /** Newton steps at most. Default 30. */
  maxIterations?: number;
  /** Called after each step with the step number and the maximum. */
  onProgress?: (iteration: number, maxIterations: number) => void;
}

// Limitation: Newton steps need a width² Hessian; fine to about a thousand encoded columns.
const CONVERGED = 1e-7;

/**
 * Fits an L2-regularised logistic regression by Newton's method (IRLS): exact for
 * the tens to hundreds of features a lead table has, and converges in a few steps.
 */
export function fitLogistic(options: FitLogisticOptions): LogisticModel {
  const { features, labels } = options;
  const width = features[0]?.length ?? 0;
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 30;
  let beta = new Array<number>(width + 1).fill(0);

  for (let iteration = 1; iteration <= maxIterations; iteration += 1) {
    const { gradient, hessian } = newtonTerms({ features, labels, beta, l2 });
    const step = solveSymmetric(hessian, gradient);
    beta = beta.map((value, i) => value - (step[i] ?? 0));
    options.onProgress?.(iteration, maxIterations);

    const change = Math.max(...step.map(Math.abs));
    if (change < CONVERGED) {
      options.onProgress?.(maxIterations, maxIterations);
      break;
    }
  }

  return { intercept: beta[0] ?? 0, weights: beta.slice(1) };
}

/** The log-odds a model gives one row. */
export function linearPredictor(model: LogisticModel, row: readonly number[]): number {
  let sum = model.intercept;
  for (let i = 0; i < model.weights.length; i += 1) sum += (model.weights[i] ?? 0) * (row[i] ?? 0);
  return sum;
}

/** The logistic function, safe for large magnitudes. */
export function sigmoid(value: number): number {
  if (value >= 0) return 1 / (1 + Math.exp(-value));
  const e = Math.exp(value);
  return e / (1 + e);
}

/** Log-odds of a probability, clamped away from 0 and 1. */
export function logit(probability: number): number {
  const p = Math.min(1 - 1e-9, Math.max(1e-9, probability));
  return Math.log(p / (1 - p));
}

/** Gradient and Hessian of the penalised negative log-likelihood; index 0 is the intercept. */
function newtonTerms(input: {
  features: readonly (readonly number[])[];
  labels: readonly number[];
  beta: number[];
  l2: number;
}): { gradient: number[]; hessian: Float64Array[] } {
  const size = input.beta.length;
  const gradient = new Array<number>(size).fill(0);
  const hessian = Array.from({ length: size }, () => new Float64Array(size));
  const model = { intercept: input.beta[0] ?? 0, weights: input.beta.slice(1) };
  const augmented = new Float64Array(size);

  input.features.forEach((row, r) => {
    const p = sigmoid(linearPredictor(model, row));
    const residual = p - (input.labels[r] ?? 0);
    const curvature = Math.max(p * (1 - p), 1e-10);
    augmented[0] = 1;
    for (let i = 1; i < size; i += 1) augmented[i] = row[i - 1] ?? 0;
    for (let i = 0; i < size; i += 1) {
      const xi = augmented[i] as number;
      if (xi === 0) continue;
      gradient[i] = (gradient[i] as number) + residual * xi;
      const hessianRow = hessian[i] as Float64Array;
      for (let j = 0; j <= i; j += 1)
        hessianRow[j] = (hessianRow[j] as number) + curvature * xi * (augmented[j] as number);
    }
  });

  for (let i = 0; i < size; i += 1) {
    const hessianRow = hessian[i] as Float64Array;
    for (let j = 0; j < i; j += 1) (hessian[j] as Float64Array)[i] = hessianRow[j] as number;
    if (i === 0) continue;
    gradient[i] = (gradient[i] as number) + input.l2 * (input.beta[i] ?? 0);
    hessianRow[i] = (hessianRow[i] as number) + input.l2;
  }
  return { gradient, hessian };
}

/** Solves H x = g for a symmetric positive-definite H by Cholesky decomposition. */
function solveSymmetric(matrix: Float64Array[], vector: number[]): number[] {
  const size = vector.length;
  const lower = Array.from({ length: size }, () => new Float64Array(size));
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = (matrix[i] as Float64Array)[j] as number;
      for (let k = 0; k < j; k += 1)
        sum -=
          ((lower[i] as Float64Array)[k] as number) * ((lower[j] as Float64Array)[k] as number);
      (lower[i] as Float64Array)[j] =
        i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / ((lower[j] as Float64Array)[j] as number);
    }
  }

  const forward = new Array<number>(size).fill(0);
  for (let i = 0; i < size; i += 1) {
    let sum = vector[i] ?? 0;
    for (let k = 0; k < i; k += 1)
      sum -= ((lower[i] as Float64Array)[k] as number) * (forward[k] as number);
    forward[i] = sum / ((lower[i] as Float64Array)[i] as number);
  }
  const solution = new Array<number>(size).fill(0);
  for (let i = size - 1; i >= 0; i -= 1) {
    let sum = forward[i] ?? 0;
    for (let k = i + 1; k < size; k += 1)
      sum -= ((lower[k] as Float64Array)[i] as number) * (solution[k] as number);
    solution[i] = sum / ((lower[i] as Float64Array)[i] as number);
  }
  return solution;
}
