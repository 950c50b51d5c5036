/** Confusion counts and the screening figures derived from them. */

export interface ConfusionCounts {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export interface ScreeningFigures extends ConfusionCounts {
  readonly windows: number;
  readonly sensitivity: number;
  readonly specificity: number;
  readonly ppv: number;
  readonly accuracy: number;
}

export function confusion(truth: readonly boolean[], predicted: readonly boolean[]): ConfusionCounts {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  truth.forEach((t, i) => {
    const p = predicted[i] === true;
    if (t && p) tp++;
    else if (t) fn++;
    else if (p) fp++;
    else tn++;
  });
  return { tp, fp, tn, fn };
}

const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : Math.round((a / b) * 1e5) / 1e5);

export function screeningFigures(c: ConfusionCounts): ScreeningFigures {
  const windows = c.tp + c.fp + c.tn + c.fn;
  return {
    ...c,
    windows,
    sensitivity: ratio(c.tp, c.tp + c.fn),
    specificity: ratio(c.tn, c.tn + c.fp),
    ppv: ratio(c.tp, c.tp + c.fp),
    accuracy: ratio(c.tp + c.tn, windows),
  };
}

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative,
 * ties counting half (the Mann–Whitney statistic over midranks). NaN without both classes.
 */
export function rocAuc(truth: readonly boolean[], scores: readonly number[]): number {
  const order = scores.map((s, i) => ({ s, positive: truth[i] === true })).sort((a, b) => a.s - b.s);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]?.s === order[i]?.s) j++;
    const midrank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (order[k]?.positive === true) {
        positives++;
        rankSum += midrank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return Math.round(((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)) * 1e5) / 1e5;
}
