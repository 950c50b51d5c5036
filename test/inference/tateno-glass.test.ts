import t from 'tap';
import { buildTatenoGlassCdfs, cdfOnGrid, fitThreshold, meanRrBin, tatenoGlassDistance, type TatenoGlassReference } from '../../hub/inference/tateno-glass.js';

const grid = { gridStartMs: -16, gridStepMs: 8, gridCount: 5 } as const;

t.test('empirical CDF on the grid', async (t) => {
  t.same(cdfOnGrid([-8, 0, 8], grid.gridStartMs, grid.gridStepMs, grid.gridCount), [0, 1 / 3, 2 / 3, 1, 1]);
});

t.test('KS distance to the reference of the window mean-RR bin', async (t) => {
  const reference: TatenoGlassReference = {
    meanRrStartMs: 400,
    meanRrBinMs: 100,
    ...grid,
    cdfs: [
      [0, 0, 0.5, 1, 1],
      [0, 1, 1, 1, 1],
    ],
    threshold: 0.4,
  };
  t.ok(Math.abs(tatenoGlassDistance([-8, 0, 8], 450, reference) - 1 / 3) < 1e-12, 'first bin');
  t.ok(Math.abs(tatenoGlassDistance([-8, 0, 8], 520, reference) - 2 / 3) < 1e-12, 'second bin');
  t.ok(Math.abs(tatenoGlassDistance([-8, 0, 8], 5000, reference) - 2 / 3) < 1e-12, 'beyond the last bin uses the last');
  t.equal(meanRrBin(100, 400, 100, 2), 0, 'below the first bin uses the first');
});

t.test('reference bins with too few differences borrow from their neighbours', async (t) => {
  const layout = { meanRrStartMs: 400, meanRrBinMs: 100, binCount: 3, ...grid };
  const many = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? -8 : 8));
  const cdfs = buildTatenoGlassCdfs([{ meanRrMs: 450, deltas: many }], layout);
  t.same(cdfs[0], [0, 0.5, 0.5, 1, 1]);
  t.same(cdfs[2], cdfs[0], 'an empty bin takes the nearest filled one');
});

t.test('threshold fitted between the classes', async (t) => {
  const scored = [
    { distance: 0.1, isAf: true },
    { distance: 0.2, isAf: true },
    { distance: 0.3, isAf: false },
    { distance: 0.4, isAf: false },
  ];
  t.ok(Math.abs(fitThreshold(scored) - 0.25) < 1e-12);
});
