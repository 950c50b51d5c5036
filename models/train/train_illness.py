"""Early illness warning: an LSTM autoencoder (after LAAD, Bogu & Snyder 2021) on 8-hour windows of
resting heart rate z-scored against each person's adaptive baseline.

Reads the window table written by models/train/export-illness-features.ts, trains on every window
of the replay data (which has no illness labels) and writes models/illness-rhr/. The hub's illness
score is the level of the last day against the personal baseline (DECISION_THRESHOLD below); the
autoencoder's residual is kept in the manifest for comparison.
"""
import csv
import json
import os

import numpy as np
import torch
from torch import nn

from common import export_onnx, fix_seeds

SEED = 20240612
HOURS = 8
EPOCHS = 60
THRESHOLD_QUANTILE = 0.97
# The hub's illness score is the level of the last day's resting HR against the person's baseline
# (hub/inference/level-score.ts), not the autoencoder's residual, which missed sustained rises. The
# threshold is the one chosen on `hearth eval illness` (under one false flag per person-month).
DECISION_THRESHOLD = 1.25
SCORE = ("illness_score = mean over the resting hours of the last 24 h (at least 4) of z = (bpm - baseline) / spread, "
         "each z clipped to +-3; an hour is anomalous when the score is over decisionThreshold")


class RhrAutoencoder(nn.Module):
    def __init__(self, hidden: int = 16, latent: int = 4):
        super().__init__()
        self.encoder = nn.LSTM(1, hidden, batch_first=True)
        self.to_latent = nn.Linear(hidden, latent)
        self.decoder = nn.LSTM(latent, hidden, batch_first=True)
        self.to_output = nn.Linear(hidden, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h, _) = self.encoder(x)
        latent = torch.tanh(self.to_latent(h[-1]))
        # A fixed repeat count keeps the output's time dimension static in the exported graph.
        repeated = latent.unsqueeze(1).repeat(1, HOURS, 1)
        decoded, _ = self.decoder(repeated)
        return self.to_output(decoded)


def read_windows(path: str):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    z = np.array([[float(r[f"z{k}"]) for k in range(HOURS)] for r in rows], dtype=np.float32)
    return rows, z


def scores(model: RhrAutoencoder, z: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        rec = model(torch.tensor(z).unsqueeze(2)).squeeze(2).numpy()
    return (z - rec).mean(axis=1)


def run(work_dir: str, out_dir: str, data_dir: str) -> dict:
    rows, z = read_windows(os.path.join(work_dir, "illness-windows.csv"))
    fix_seeds(SEED)
    torch.set_num_threads(1)
    model = RhrAutoencoder()
    # Extreme hours (|z| > 6) are mostly sensor glitches; clipping keeps them from steering the fit.
    xt = torch.tensor(np.clip(z, -6, 6)).unsqueeze(2)
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    generator = torch.Generator().manual_seed(SEED)
    for _ in range(EPOCHS):
        order = torch.randperm(len(xt), generator=generator)
        for start in range(0, len(xt), 256):
            batch = xt[order[start:start + 256]]
            optimiser.zero_grad()
            loss = nn.functional.mse_loss(model(batch), batch)
            loss.backward()
            optimiser.step()
    model.eval()
    s = scores(model, z)
    residual_quantile = round(float(np.quantile(s, THRESHOLD_QUANTILE)), 4)

    os.makedirs(out_dir, exist_ok=True)
    export_onnx(model, xt[:2], os.path.join(out_dir, "model.onnx"), "rhr_z", "reconstruction",
                {"rhr_z": {0: "batch"}, "reconstruction": {0: "batch"}})
    people = sorted({r["person"] for r in rows})
    manifest_path = os.path.join(out_dir, "model.json")
    previous = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    evaluation = previous.get("evaluation", {})
    manifest = {
        "id": "illness-rhr",
        "version": "1.1.0",
        "task": "Early warning of illness from a sustained rise of resting heart rate above the person's baseline",
        "inputs": [{"name": "rhr_z", "dtype": "float32", "shape": ["batch", HOURS, 1],
                    "meaning": "the last 8 hourly resting heart rates (within 24 h), each as (bpm - baseline) / spread"}],
        "outputs": [{"name": "reconstruction", "dtype": "float32", "shape": ["batch", HOURS, 1],
                     "meaning": "the autoencoder's reconstruction of rhr_z; kept for comparison, it no longer decides (see score)"}],
        "window": {
            "unit": "hours", "length": HOURS, "maxSpanHours": 24,
            "restingHr": "mean heart rate of minutes whose previous 12 minutes have zero steps (Mishra et al. 2020); an hour needs 5 such minutes",
            "baseline": "median and 1.4826*MAD of hourly resting HR over the previous 28 days, leaving out the last 24 h; at least 48 hours; spread at least 1.5 bpm",
            "persistence": {"minAnomalousHours": 6, "withinHours": 24, "quietHours": 96},
        },
        "decisionThreshold": DECISION_THRESHOLD,
        "score": SCORE,
        "derivedMetric": "illness_score",
        "evaluation": evaluation,
        "training": {
            "data": "Stanford COVID-19 wearables study (Mishra et al. 2020), 8 participants as published in gireeshkbogu/AnomalyDetect; no illness labels",
            "dataDir": data_dir, "people": people, "windows": int(len(z)), "seed": SEED, "epochs": EPOCHS,
            "threshold": "chosen on hearth eval illness: the lowest of 1.0/1.25/1.5 under one false flag per person-month",
            "residualQuantile": {"quantile": THRESHOLD_QUANTILE, "value": residual_quantile},
            "framework": f"torch {torch.__version__}",
            "featureCode": "hub/inference/resting-hr.ts, rhr-baseline.ts, illness-windows.ts via models/train/export-illness-features.ts",
        },
    }
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(f"illness-rhr: {len(z)} windows of {len(people)} people, threshold {DECISION_THRESHOLD}")
    return manifest


if __name__ == "__main__":
    import sys
    run(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "../shared/data/wearable-replay")
