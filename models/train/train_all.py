"""Trains every shipped model from the shared data and prints the evaluation table.

    /usr/bin/python3 models/train/train_all.py --data ../shared/data

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
import train_illness  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.environ.get("HEARTH_SHARED_DATA", "../shared/data"))
    parser.add_argument("--work", default=os.path.join(ROOT, "var", "models-train"))
    args = parser.parse_args()
    afdb = os.path.join(args.data, "afdb")
    replay = os.path.join(args.data, "wearable-replay")

    print(node("dist/models/train/export-af-features.js", "--data", afdb, "--out", args.work).strip())
    af = train_af.run(args.work, os.path.join(ROOT, "models", "af-rr"), afdb)

    print(node("dist/models/train/export-illness-features.js", "--data", replay, "--out", args.work).strip())
    train_illness.run(args.work, os.path.join(ROOT, "models", "illness-rhr"), replay)
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
    train_af.print_table(af)
    print()
    print("Illness warning, resting-HR elevations injected into the replay data")
    print(f"detection rate {evaluation['detectionRate']*100:.1f}% ({evaluation['detected']}/{evaluation['injections']}), "
          f"median hours onset to flag {evaluation['medianHoursToFlag']}, "
          f"false flags per person-month {evaluation['falseFlagsPerPersonMonth']} ({evaluation['falseFlags']} in {evaluation['personMonths']})")
    for peak, figures in evaluation["byPeakBpm"].items():
        print(f"  peak +{peak} bpm: {figures['detected']}/{figures['injections']}, median {figures['medianHoursToFlag']} h")


if __name__ == "__main__":
    main()
