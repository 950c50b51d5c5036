"""Apnea screening from RR intervals: per-minute apnea probability and a per-night AHI estimate.

Reads the minute table written by models/train/export-apnea-features.ts (the hub's own features,
hub/apps/sleeporacle/apnea-features.ts) and evaluates leave-one-person-out: each of the clusters of
records.csv (records of one person, or of people whose recordings are copies of each other) is held
out in turn. One of each pair of copied recordings is dropped (README-apnea-stress.md).

Nothing is chosen on a held-out person. Inside each outer fold, the whole procedure runs on the
training clusters only:
  1. the model family (logistic regression or a one-hidden-layer MLP of 16 units, each with a fixed
     weight decay) is chosen by the log-loss of grouped 4-fold cross-validation over the training
     clusters;
  2. the line (through the origin) from apnea minutes per hour to the AHI scale is fitted on the out-of-fold predictions
     of that same inner cross-validation (so the line sees predictions on nights the model had not
     trained on, as it will in use), against the recorded AHI;
  3. the chosen family is trained on all training clusters and scores the held-out cluster.
The shipped model is the same procedure run on every cluster.
"""
import csv
import json
import math
import os

import numpy as np
import torch
from torch import nn

from common import export_onnx, fix_seeds, screening_figures

SEED = 20240917
FEATURES = ["mean_rr_ms", "sdnn_ms", "rmssd_ms", "pnn50", "ctx_mean_rr_ms", "ctx_sdnn_ms", "ctx_rmssd_ms", "ctx_pnn50",
            "ctx_minute_mean_sd_ms", "delta_prev_mean_rr_ms", "delta_next_mean_rr_ms", "log_vlf", "log_lf", "log_hf",
            "log_lf_hf", "vlf_share", "cvhr_share", "cvhr_autocorrelation", "hf_peak_hz", "rel_mean_rr", "rel_ctx_sdnn",
            "rel_log_vlf", "rel_log_hf", "rel_cvhr_share"]
# The copy dropped from each pair of identical recordings (README-apnea-stress.md, "People").
DROPPED_COPIES = {"c06": "c05", "x35": "x22", "x34": "x33"}
# Fixed in advance, not searched: the inner cross-validation only picks between these two.
FAMILIES = {
    "logistic": {"hidden": 0, "weight_decay": 1e-4, "steps": 500, "lr": 0.02},
    "mlp16": {"hidden": 16, "weight_decay": 1e-3, "steps": 400, "lr": 0.02},
}
INNER_FOLDS = 4
THRESHOLD = 0.5
MIN_VALID_MINUTES = 60  # hub/apps/sleeporacle/apnea-night.ts
CATEGORY_FLOORS = (5.0, 15.0, 30.0)
CATEGORIES = ("normal", "mild", "moderate", "severe")

# Published figures (README-apnea-stress.md): the official split, trained on a/b/c and tested on x
# records, which puts the same people on both sides; so they are optimistic for unseen people.
ANCHORS = {
    "source": "Wang et al., PeerJ 2019;7:e7731, official Apnea-ECG split (people on both sides), 16,945 test minutes, figures recomputed in README-apnea-stress.md",
    "perMinute": [
        {"model": "LeNet-5 (RR + R amplitude, +-2 min)", "accuracy": 0.8756, "sensitivity": 0.8314, "specificity": 0.9030},
        {"model": "SVM", "accuracy": 0.814, "sensitivity": 0.769, "specificity": 0.843},
        {"model": "LR", "accuracy": 0.808, "sensitivity": 0.757, "specificity": 0.840},
        {"model": "kNN", "accuracy": 0.775, "sensitivity": 0.681, "specificity": 0.834},
        {"model": "MLP", "accuracy": 0.811, "sensitivity": 0.713, "specificity": 0.872},
    ],
    "perRecording": {"model": "LeNet-5, apnea when > 5 apnea minutes per hour", "accuracy": 0.971, "sensitivity": 1.0,
                     "specificity": 0.917, "auc": 0.996, "correlation": 0.943},
}


class ApneaScreen(nn.Module):
    """Imputes missing features, standardises with the training statistics, then the classifier."""

    def __init__(self, fill: np.ndarray, centre: np.ndarray, scale: np.ndarray, hidden: int):
        super().__init__()
        self.register_buffer("fill", torch.tensor(fill, dtype=torch.float32))
        self.register_buffer("centre", torch.tensor(centre, dtype=torch.float32))
        self.register_buffer("scale", torch.tensor(scale, dtype=torch.float32))
        n = len(FEATURES)
        self.net = nn.Linear(n, 1) if hidden == 0 else nn.Sequential(nn.Linear(n, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.where(torch.isnan(x), self.fill.expand_as(x), x)
        x = torch.clamp((x - self.centre) / self.scale, -8.0, 8.0)
        return self.net(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logits(x))


def read_tables(work_dir: str):
    with open(os.path.join(work_dir, "apnea-minutes.csv"), newline="") as f:
        reader = csv.DictReader(f)
        exported = reader.fieldnames[6:]
        if exported != FEATURES:
            raise SystemExit(f"the exported features {exported} are not the trainer's {FEATURES}")
        rows = list(reader)
    with open(os.path.join(work_dir, "apnea-records.csv"), newline="") as f:
        records = {r["record"]: {"cluster": r["cluster"], "ahi": float(r["ahi"]), "labelled": int(r["labelled_minutes"])} for r in csv.DictReader(f)}
    minutes = {
        "record": np.array([r["record"] for r in rows]),
        "cluster": np.array([r["cluster"] for r in rows]),
        "y": np.array([int(r["is_apnea"]) for r in rows], dtype=np.float32),
        "valid": np.array([r["valid"] == "1" for r in rows]),
        "x": np.array([[float(r[n]) for n in FEATURES] for r in rows], dtype=np.float32),
    }
    return minutes, records


def train(x: np.ndarray, y: np.ndarray, family: str, seed: int) -> ApneaScreen:
    spec = FAMILIES[family]
    fix_seeds(seed)
    fill = np.nanmedian(x, axis=0)
    filled = np.where(np.isnan(x), fill, x)
    centre = filled.mean(axis=0)
    scale = filled.std(axis=0) + 1e-6
    model = ApneaScreen(fill, centre, scale, spec["hidden"])
    # The imputation and scaling are fixed buffers: applied once here, not on every step.
    zt = torch.tensor(np.clip((filled - centre) / scale, -8.0, 8.0), dtype=torch.float32)
    yt = torch.tensor(y).unsqueeze(1)
    optimiser = torch.optim.Adam(model.net.parameters(), lr=spec["lr"], weight_decay=spec["weight_decay"])
    loss_fn = nn.BCEWithLogitsLoss()
    for _ in range(spec["steps"]):  # full batch: the data fit in memory and the result does not depend on shuffling
        optimiser.zero_grad()
        loss = loss_fn(model.net(zt), yt)
        loss.backward()
        optimiser.step()
    model.eval()
    return model


def predict(model: ApneaScreen, x: np.ndarray) -> np.ndarray:
    with torch.no_grad():
        return model(torch.tensor(x)).squeeze(1).numpy()


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Mann-Whitney over midranks, as hub/inference/binary-metrics.ts rocAuc."""
    order = np.argsort(p, kind="mergesort")
    sorted_p = p[order]
    ranks = np.empty(len(p))
    i = 0
    while i < len(p):
        j = i
        while j < len(p) and sorted_p[j] == sorted_p[i]:
            j += 1
        ranks[order[i:j]] = (i + 1 + j) / 2
        i = j
    pos = y.astype(bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return round(float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)), 5)


def category(ahi: float) -> str:
    return CATEGORIES[sum(ahi >= floor for floor in CATEGORY_FLOORS)]


def minutes_per_hour(p: np.ndarray) -> float | None:
    """Apnea minutes per hour of valid RR; None under an hour of it (apnea-night.ts)."""
    if len(p) < MIN_VALID_MINUTES:
        return None
    return float(np.sum(p >= THRESHOLD) * 60 / len(p))


def fit_mapping(rates: list, ahis: list) -> dict:
    """Least-squares line through the origin from apnea minutes per hour to recorded AHI.

    Through the origin because a night without apnea minutes has no events (on the experts' own
    minute labels the free line's intercept is -0.35 events/h). A free intercept is pulled up by
    the apnea nights whose cycling the model misses (few predicted minutes, high AHI) and, at about
    7 events/h, put every night above the screening cut-off of 5.
    """
    x = np.array(rates, dtype=np.float64)
    y = np.array(ahis, dtype=np.float64)
    slope = float(np.sum(x * y) / np.sum(x * x)) if np.sum(x * x) > 0 else 1.0
    return {"slope": round(slope, 6), "intercept": 0.0}


def estimate_ahi(rate: float | None, mapping: dict) -> float | None:
    return None if rate is None else max(0.0, mapping["slope"] * rate + mapping["intercept"])


def inner_folds(clusters: list) -> list:
    """Grouped folds over the given clusters, assigned by a seeded shuffle (not by looking at them)."""
    rng = np.random.RandomState(SEED)
    shuffled = list(clusters)
    rng.shuffle(shuffled)
    return [set(shuffled[k::INNER_FOLDS]) for k in range(INNER_FOLDS)]


def fit_procedure(m: dict, records: dict, use: np.ndarray) -> dict:
    """The whole training procedure on the minutes in `use` (valid minutes of the training clusters)."""
    clusters = sorted(set(m["cluster"][use]))
    oof = {family: np.full(len(m["y"]), np.nan, dtype=np.float32) for family in FAMILIES}
    for k, fold in enumerate(inner_folds(clusters)):
        held = use & np.isin(m["cluster"], list(fold))
        fit = use & ~held
        for family in FAMILIES:
            model = train(m["x"][fit], m["y"][fit], family, SEED + k)
            oof[family][held] = predict(model, m["x"][held])
    losses = {family: round(log_loss(m["y"][use], oof[family][use]), 5) for family in FAMILIES}
    family = min(FAMILIES, key=lambda f: (losses[f], f))
    rates, ahis = [], []
    for record in sorted(set(m["record"][use])):
        rate = minutes_per_hour(oof[family][use & (m["record"] == record)])
        if rate is not None:
            rates.append(rate)
            ahis.append(records[record]["ahi"])
    mapping = fit_mapping(rates, ahis)
    model = train(m["x"][use], m["y"][use], family, SEED)
    return {"family": family, "innerLogLoss": losses, "mapping": mapping, "model": model}


def night_figures(nights: list) -> dict:
    """nights: dicts with recordedAhi and estimatedAhi (None when not estimated)."""
    estimated = [n for n in nights if n["estimatedAhi"] is not None]
    truth = np.array([n["recordedAhi"] >= CATEGORY_FLOORS[0] for n in estimated])
    called = np.array([n["estimatedAhi"] >= CATEGORY_FLOORS[0] for n in estimated])
    screen = screening_figures(truth, called)
    same = sum(category(n["estimatedAhi"]) == category(n["recordedAhi"]) for n in estimated)
    confusion = {c: {d: 0 for d in CATEGORIES} for c in CATEGORIES}
    for n in estimated:
        confusion[category(n["recordedAhi"])][category(n["estimatedAhi"])] += 1
    rec = np.array([n["recordedAhi"] for n in estimated])
    est = np.array([n["estimatedAhi"] for n in estimated])
    return {
        "nights": len(estimated), "unestimated": len(nights) - len(estimated),
        "screeningAccuracy": screen["accuracy"], "sensitivity": screen["sensitivity"], "specificity": screen["specificity"],
        "tp": screen["tp"], "fp": screen["fp"], "tn": screen["tn"], "fn": screen["fn"],
        "categoryAccuracy": round(same / len(estimated), 5) if estimated else float("nan"),
        "categoryConfusion": {"rows": "recorded", "columns": "estimated", "counts": confusion},
        "ahiCorrelation": round(float(np.corrcoef(rec, est)[0, 1]), 4) if len(estimated) > 2 else float("nan"),
        "ahiMeanAbsoluteError": round(float(np.mean(np.abs(rec - est))), 3) if estimated else float("nan"),
    }


def minute_figures(y: np.ndarray, p: np.ndarray) -> dict:
    f = screening_figures(y, p >= THRESHOLD)
    return {"accuracy": f["accuracy"], "sensitivity": f["sensitivity"], "specificity": f["specificity"], "auc": auc(y, p),
            "tp": f["tp"], "fp": f["fp"], "tn": f["tn"], "fn": f["fn"], "scored": f["windows"]}


def feature_reference(x: np.ndarray, y: np.ndarray) -> dict:
    """Quartiles of each feature in normal and in apnea minutes, for explanations."""
    return {name: {"normal": [round(float(np.nanpercentile(x[y == 0, i], q)), 5) for q in (25, 50, 75)],
                   "apnea": [round(float(np.nanpercentile(x[y == 1, i], q)), 5) for q in (25, 50, 75)]}
            for i, name in enumerate(FEATURES)}


def run(work_dir: str, out_dir: str, data_dir: str) -> dict:
    torch.set_num_threads(1)
    m, records = read_tables(work_dir)
    kept_records = sorted(r for r in records if r not in DROPPED_COPIES)
    kept = np.isin(m["record"], kept_records)
    use_all = kept & m["valid"]
    clusters = sorted(set(m["cluster"][kept]))

    lopo_p = np.full(len(m["y"]), np.nan, dtype=np.float32)
    nights, per_cluster = [], []
    for cluster in clusters:
        held_out = kept & (m["cluster"] == cluster)
        procedure = fit_procedure(m, records, use_all & ~held_out)
        test = held_out & m["valid"]
        lopo_p[test] = predict(procedure["model"], m["x"][test])
        cluster_nights = []
        for record in sorted(set(m["record"][held_out])):
            p = lopo_p[test & (m["record"] == record)]
            rate = minutes_per_hour(p)
            est = estimate_ahi(rate, procedure["mapping"])
            night = {"record": record, "cluster": cluster, "scoredMinutes": int(len(p)),
                     "unscoredMinutes": int(np.sum(held_out & ~m["valid"] & (m["record"] == record))),
                     "labelledApneaMinutes": int(np.sum(m["y"][held_out & (m["record"] == record)])),
                     "estimatedApneaMinutes": int(np.sum(p >= THRESHOLD)),
                     "apneaMinutesPerHour": None if rate is None else round(rate, 3),
                     "estimatedAhi": None if est is None else round(est, 3), "recordedAhi": records[record]["ahi"],
                     "category": None if est is None else category(est), "recordedCategory": category(records[record]["ahi"])}
            nights.append(night)
            cluster_nights.append(record)
        per_cluster.append({"cluster": cluster, "records": cluster_nights, "family": procedure["family"],
                            "innerLogLoss": procedure["innerLogLoss"], "mapping": procedure["mapping"],
                            "minutes": minute_figures(m["y"][test], lopo_p[test])})
        print(f"  held out {cluster} ({', '.join(cluster_nights)}): {procedure['family']}, "
              f"minute accuracy {per_cluster[-1]['minutes']['accuracy']}", flush=True)

    scored = use_all
    lopo = {"minutes": {**minute_figures(m["y"][scored], lopo_p[scored]), "unscored": int(np.sum(kept & ~m["valid"]))},
            "nights": night_figures(nights), "perRecord": nights, "perCluster": per_cluster}

    final = fit_procedure(m, records, use_all)
    model = final["model"]
    all_valid = m["valid"]
    in_sample = minute_figures(m["y"][all_valid], predict(model, m["x"][all_valid]))

    os.makedirs(out_dir, exist_ok=True)
    export_onnx(model, torch.tensor(m["x"][:4]), os.path.join(out_dir, "model.onnx"), "features", "apnea_probability",
                {"features": {0: "batch"}, "apnea_probability": {0: "batch"}})
    manifest = {
        "id": "apnea-rr",
        "version": "1.0.0",
        "task": "Screening for sleep apnea: the probability that each minute of a night holds an apnea or hypopnea, from the RR intervals of a chest strap, and the night's apnea-hypopnea estimate",
        "inputs": [{"name": "features", "dtype": "float32", "shape": ["batch", len(FEATURES)],
                    "meaning": "features of one minute with two minutes of context either side, in the order of window.features; NaN where a feature is undefined"}],
        "outputs": [{"name": "apnea_probability", "dtype": "float32", "shape": ["batch", 1],
                     "meaning": "probability that the minute is an apnea minute"}],
        "window": {"unit": "minutes", "length": 1, "contextMinutes": 2, "features": FEATURES,
                   "cleaning": "RR outside 300-2000 ms, and RR more than 20 % from the median of the 5 plausible intervals either side, are left out; no successive difference across a left-out beat",
                   "validMinute": "kept intervals cover at least half of the minute; other minutes get no probability",
                   "labelRule": "Apnea-ECG minute labels: A when an apnea or hypopnea was in progress at the start of the minute (experts, from respiration and SpO2)",
                   "featureCode": "hub/apps/sleeporacle/apnea-features.ts"},
        "decisionThreshold": THRESHOLD,
        "derivedMetric": "apnea_probability",
        "night": {
            "ahiMapping": final["mapping"],
            "estimate": "estimated AHI = max(0, slope x apnea minutes per hour of valid RR + intercept); apnea minutes are minutes at or above decisionThreshold; no estimate under 60 valid minutes",
            "mappingFit": "least squares through the origin against the recorded AHI, on out-of-fold predictions of grouped 4-fold cross-validation over the training clusters",
            "categories": {"normal": "< 5", "mild": "5 - < 15", "moderate": "15 - < 30", "severe": ">= 30"},
        },
        "featureReference": feature_reference(m["x"][use_all], m["y"][use_all]),
        "evaluation": {
            "protocol": ("leave-one-person-out over the clusters of records.csv, after dropping "
                         + ", ".join(f"{d} (copy of {k})" for d, k in DROPPED_COPIES.items())
                         + "; model family and AHI line chosen inside each fold on the training clusters only "
                           "(see models/train/train_apnea.py); per-minute figures pooled over all held-out scored minutes; "
                           "per-night: estimated AHI >= 5 against recorded AHI >= 5, and the four categories"),
            "leaveOnePersonOut": lopo,
            "anchors": ANCHORS,
            "inSample": {"note": "the shipped model on every valid minute of every record (copies included): training data, optimistic; `hearth eval apnea` on the same folder reproduces the minute counts",
                         "minutes": in_sample},
        },
        "training": {
            "data": "PhysioNet Apnea-ECG Database 1.0.0 (Penzel et al. 2000; Goldberger et al. 2000), ODC-By 1.0; RR from the database's unaudited sqrs125 QRS detections",
            "dataDir": data_dir, "records": kept_records, "droppedCopies": DROPPED_COPIES, "clusters": len(clusters),
            "minutes": int(np.sum(use_all)), "apneaMinutes": int(np.sum(m["y"][use_all])),
            "family": final["family"], "families": FAMILIES, "innerLogLoss": final["innerLogLoss"], "innerFolds": INNER_FOLDS,
            "seed": SEED, "optimiser": "full-batch Adam, binary cross-entropy", "framework": f"torch {torch.__version__}",
            "featureCode": "hub/apps/sleeporacle/apnea-features.ts via models/train/export-apnea-features.ts",
        },
    }
    write_manifest(out_dir, manifest)
    return manifest


def write_manifest(out_dir: str, manifest: dict) -> None:
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(without_nan(manifest), f, indent=2, allow_nan=False)
        f.write("\n")


def without_nan(value):
    """JSON has no NaN: an undefined figure is written as null."""
    if isinstance(value, dict):
        return {k: without_nan(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_nan(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def pct(v) -> str:
    return "   n/a" if v is None else f"{v * 100:6.2f}%"


def print_table(manifest: dict) -> None:
    ev = manifest["evaluation"]
    lopo = ev["leaveOnePersonOut"]
    mins, nights = lopo["minutes"], lopo["nights"]
    print("Apnea screening from RR intervals (Apnea-ECG)")
    print(f"{'per minute':52} {'accuracy':>8} {'Se':>7} {'Sp':>7} {'AUC':>6}")
    print(f"{'apnea-rr, leave-one-person-out (' + str(lopo['minutes']['scored']) + ' minutes)':52} "
          f"{pct(mins['accuracy'])} {pct(mins['sensitivity'])} {pct(mins['specificity'])} {mins['auc']:6.3f}")
    for a in ev["anchors"]["perMinute"]:
        print(f"{'  anchor, official split (people on both sides): ' + a['model']:52} "
              f"{pct(a['accuracy'])} {pct(a['sensitivity'])} {pct(a['specificity'])}")
    print(f"{'per night':52} {'screen':>8} {'Se':>7} {'Sp':>7} {'categ.':>7}")
    print(f"{'apnea-rr, leave-one-person-out (' + str(nights['nights']) + ' nights)':52} "
          f"{pct(nights['screeningAccuracy'])} {pct(nights['sensitivity'])} {pct(nights['specificity'])} {pct(nights['categoryAccuracy'])}")
    r = ev["anchors"]["perRecording"]
    print(f"{'  anchor, official split: LeNet-5 per recording':52} {pct(r['accuracy'])} {pct(r['sensitivity'])} {pct(r['specificity'])}")
    print(f"AHI estimate vs recorded: r = {nights['ahiCorrelation']}, mean absolute error {nights['ahiMeanAbsoluteError']} events/h; "
          f"shipped family {manifest['training']['family']}, AHI = {manifest['night']['ahiMapping']['slope']} x apnea min/h "
          f"+ {manifest['night']['ahiMapping']['intercept']}")


if __name__ == "__main__":
    import sys
    result = run(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "../shared/data/apnea-ecg")
    print_table(result)
