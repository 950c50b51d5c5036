"""Trains every shipped model from the shared data and prints the evaluation table.

    /usr/bin/python3 models/train/train_all.py --data ../shared/data [--only af,illness,apnea]

Needs the TypeScript build (dist/) for the feature exporters and the illness evaluation, so that
training reads exactly the features the hub computes. Work files go to var/models-train/.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import train_af  # noqa: E402
import train_apnea  # noqa: E402
import train_illness  # noqa: E402

MODELS = ("af", "illness", "apnea")


def node(*args: str) -> str:
    return subprocess.run(["node", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


# Two participants whose evaluation test/inference/illness-eval.test.ts re-runs against the manifest
# (the whole folder takes minutes; these two take well under one).
SUBSET = ["A0NVTRV", "A36HR6Y"]


def evaluate_subset(replay: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        for person in SUBSET:
            for kind in ("hr", "steps"):
                name = f"{person}_{kind}.csv.gz"
                os.symlink(os.path.abspath(os.path.join(replay, name)), os.path.join(folder, name))
        figures = json.loads(node("dist/hub/cli/main.js", "eval", "illness", "--data", folder))
    figures["dataDir"] = f"{replay} ({', '.join(SUBSET)} only)"
    return figures


# Records of five people (one per category, and the borderline AHI of 5) whose evaluation
# test/apps/sleeporacle/apnea-eval.test.ts re-runs against the manifest.
APNEA_SUBSET = ["a03", "b05", "c02", "x09", "x10"]


def evaluate_apnea_subset(apnea_dir: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        names = ["records.csv"] + [f"{r}_{kind}" for r in APNEA_SUBSET for kind in ("rr.csv.gz", "apnea.csv")]
        for name in names:
            os.symlink(os.path.abspath(os.path.join(apnea_dir, name)), os.path.join(folder, name))
        figures = json.loads(node("dist/hub/cli/main.js", "eval", "apnea", "--data", folder))
    figures["dataDir"] = f"{apnea_dir} ({', '.join(APNEA_SUBSET)} only)"
    return figures


def train_apnea_model(data: str, work: str) -> dict:
    apnea_dir = os.path.join(data, "apnea-ecg")
    out_dir = os.path.join(ROOT, "models", "apnea-rr")
    print(node("dist/models/train/export-apnea-features.js", "--data", apnea_dir, "--out", work).strip())
    manifest = train_apnea.run(work, out_dir, apnea_dir)
    everything = json.loads(node("dist/hub/cli/main.js", "eval", "apnea", "--data", apnea_dir))
    python_counts = {k: manifest["evaluation"]["inSample"]["minutes"][k] for k in ("tp", "fp", "tn", "fn")}
    hub_counts = {k: everything["minutes"][k] for k in ("tp", "fp", "tn", "fn")}
    if python_counts != hub_counts:
        print(f"note: the hub's ONNX run and torch disagree on some minutes: hub {hub_counts}, torch {python_counts}")
    everything.pop("perRecord")
    manifest["evaluation"]["allData"] = {
        "note": "hearth eval apnea on the whole training folder with the shipped model: training data, optimistic",
        **everything,
    }
    manifest["evaluation"]["subset"] = evaluate_apnea_subset(apnea_dir)
    train_apnea.write_manifest(out_dir, manifest)
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.environ.get("HEARTH_SHARED_DATA", "../shared/data"))
    parser.add_argument("--work", default=os.path.join(ROOT, "var", "models-train"))
    parser.add_argument("--only", default=",".join(MODELS), help=f"comma-separated subset of {', '.join(MODELS)}")
    args = parser.parse_args()
    only = set(args.only.split(","))
    unknown = only - set(MODELS)
    if unknown:
        parser.error(f"unknown models {', '.join(sorted(unknown))}")

    if "af" in only:
        train_af_model(args.data, args.work)
    if "illness" in only:
        train_illness_model(args.data, args.work)
    if "apnea" in only:
        apnea = train_apnea_model(args.data, args.work)
        print()
        train_apnea.print_table(apnea)


def train_af_model(data: str, work: str) -> None:
    afdb = os.path.join(data, "afdb")
    print(node("dist/models/train/export-af-features.js", "--data", afdb, "--out", work).strip())
    af = train_af.run(work, os.path.join(ROOT, "models", "af-rr"), afdb)
    print()
    train_af.print_table(af)
    print()


def train_illness_model(data: str, work: str) -> None:
    replay = os.path.join(data, "wearable-replay")
    print(node("dist/models/train/export-illness-features.js", "--data", replay, "--out", work).strip())
    train_illness.run(work, os.path.join(ROOT, "models", "illness-rhr"), replay)
    evaluation = json.loads(node("dist/hub/cli/main.js", "eval", "illness", "--data", replay))
    manifest_path = os.path.join(ROOT, "models", "illness-rhr", "model.json")
    manifest = json.load(open(manifest_path))
    manifest["evaluation"] = {
        "protocol": "hearth eval illness on the training folder (see the card); subset: the same on two participants",
        "replay": evaluation,
        "subset": evaluate_subset(replay),
    }
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")

    print()
    print("Illness warning, resting-HR elevations injected into the replay data")
    print(f"detection rate {evaluation['detectionRate']*100:.1f}% ({evaluation['detected']}/{evaluation['injections']}), "
          f"median hours onset to flag {evaluation['medianHoursToFlag']}, "
          f"false flags per person-month {evaluation['falseFlagsPerPersonMonth']} ({evaluation['falseFlags']} in {evaluation['personMonths']})")
    for peak, figures in evaluation["byPeakBpm"].items():
        print(f"  peak +{peak} bpm: {figures['detected']}/{figures['injections']}, median {figures['medianHoursToFlag']} h")


if __name__ == "__main__":
    main()
