"""Shared helpers for training: fixed seeds, binary screening figures, ONNX export checks."""
import random

import numpy as np
import torch


def fix_seeds(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def screening_figures(truth: np.ndarray, predicted: np.ndarray) -> dict:
    truth = truth.astype(bool)
    predicted = predicted.astype(bool)
    tp = int(np.sum(truth & predicted))
    fp = int(np.sum(~truth & predicted))
    tn = int(np.sum(~truth & ~predicted))
    fn = int(np.sum(truth & ~predicted))

    def ratio(a: int, b: int) -> float:
        return round(a / b, 5) if b else float("nan")

    return {
        "tp": tp, "fp": fp, "tn": tn, "fn": fn, "windows": tp + fp + tn + fn,
        "sensitivity": ratio(tp, tp + fn), "specificity": ratio(tn, tn + fp),
        "ppv": ratio(tp, tp + fp), "accuracy": ratio(tp + tn, tp + fp + tn + fn),
    }


def export_onnx(module: torch.nn.Module, example: torch.Tensor, path: str, input_name: str, output_name: str,
                dynamic_axes: dict) -> None:
    module.eval()
    kwargs = dict(input_names=[input_name], output_names=[output_name], dynamic_axes=dynamic_axes, opset_version=17)
    try:
        torch.onnx.export(module, example, path, dynamo=False, **kwargs)
    except TypeError:  # torch versions without the dynamo switch export with TorchScript already
        torch.onnx.export(module, example, path, **kwargs)
    import onnx
    onnx.checker.check_model(onnx.load(path))
