#!/usr/bin/env python3
"""Writes LoRA adapter fixtures for the decoder fixtures and what PyTorch computes with them.

Each adapter fixture is a seeded, non-zero LoRA adapter for one base fixture of
decoder_reference.py, in the folder layout Hugging Face PEFT's save_pretrained writes:

  adapter_config.json           peft_type LORA, task_type CAUSAL_LM, r, lora_alpha, target_modules, ...
  adapter_model.safetensors     base_model.model.model.layers.N.<module>.lora_A.weight (r × in) and
                                .lora_B.weight (out × r), in the fixture's dtype
  reference.json                the prompt and the logit positions stored
  reference-logits.safetensors  "logits": PyTorch's f32 logits of base + adapter at those positions

The adapted model is computed as PEFT merges an adapter (merge_and_unload): every targeted weight
becomes W + (lora_alpha / r)·B·A, in f32 on the stored base weights widened, and the forward pass
is decoder_reference.py's transcription of the Hugging Face modeling code. PEFT itself is not
installed here; its merge is the definition of what an adapter means, and the Java side applies
the adapter unmerged (x·Wᵀ + s·(x·Aᵀ)·Bᵀ), so the two meet only if both are right.

Run from the repository root, after decoder_reference.py, with Debian's python3-torch and numpy
(apt-get install python3-torch python3-numpy):

    /usr/bin/python3 hone-engine/src/test/python/lora_reference.py

The Java side is dev.hone.engine.decoder.PeftAdapterReferenceTest.
"""
import argparse
import json
import pathlib
import sys

import numpy as np
import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import decoder_reference as reference  # noqa: E402

MODULE_PATHS = {"q_proj": "self_attn.q_proj", "k_proj": "self_attn.k_proj", "v_proj": "self_attn.v_proj",
                "o_proj": "self_attn.o_proj", "gate_proj": "mlp.gate_proj", "up_proj": "mlp.up_proj",
                "down_proj": "mlp.down_proj"}

ADAPTERS = [
    # Every projection, rank 4, on the model with q/k/v biases; f32 adapter tensors as PEFT saves by default.
    dict(name="qwen2-bias-f16-lora", base="qwen2-bias-f16", dtype="F32", r=4, alpha=8.0,
         targets=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]),
    # The attention projections (PEFT's default for Llama), rank 2, saved in bf16 like the base.
    dict(name="llama3-rope-bf16-lora", base="llama3-rope-bf16", dtype="BF16", r=2, alpha=16.0,
         targets=["q_proj", "k_proj", "v_proj", "o_proj"]),
]


def adapter_tensors(spec, weights, config, rng):
    """A (r × in) as PEFT draws it (Kaiming-uniform, bound 1/√in) and B non-zero, as after training."""
    tensors = {}
    for layer in range(config["num_hidden_layers"]):
        for target in spec["targets"]:
            out_features, in_features = weights[f"model.layers.{layer}.{MODULE_PATHS[target]}.weight"].shape
            name = f"base_model.model.model.layers.{layer}.{MODULE_PATHS[target]}"
            bound = 1 / np.sqrt(in_features)
            tensors[name + ".lora_A.weight"] = rng.uniform(-bound, bound, (spec["r"], in_features)).astype(np.float32)
            tensors[name + ".lora_B.weight"] = rng.normal(0, 0.05, (out_features, spec["r"])).astype(np.float32)
    return tensors


def merged(weights, adapter, spec, config):
    """The base weights with W + (alpha/r)·B·A in every targeted projection, as PEFT's merge computes it."""
    scale = spec["alpha"] / spec["r"]
    result = dict(weights)
    for layer in range(config["num_hidden_layers"]):
        for target in spec["targets"]:
            path = f"model.layers.{layer}.{MODULE_PATHS[target]}"
            a = adapter[f"base_model.model.{path}.lora_A.weight"]
            b = adapter[f"base_model.model.{path}.lora_B.weight"]
            result[path + ".weight"] = weights[path + ".weight"] + scale * (b @ a)
    return result


def write_adapter(spec, index, seed, out):
    base_folder = out / spec["base"]
    folder = out / spec["name"]
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*"):
        old.unlink()
    config = json.loads((base_folder / "config.json").read_text())
    weights = reference.read_checkpoint(base_folder)
    rng = np.random.default_rng([seed, 100 + index])
    reference.write_safetensors(folder / "adapter_model.safetensors", adapter_tensors(spec, weights, config, rng), spec["dtype"])
    adapter_config = {
        "peft_type": "LORA", "task_type": "CAUSAL_LM", "base_model_name_or_path": spec["base"],
        "r": spec["r"], "lora_alpha": spec["alpha"], "lora_dropout": 0.05, "bias": "none",
        "target_modules": spec["targets"], "fan_in_fan_out": False, "use_rslora": False, "inference_mode": True,
        "modules_to_save": None, "layers_to_transform": None, "rank_pattern": {}, "alpha_pattern": {},
    }
    (folder / "adapter_config.json").write_text(json.dumps(adapter_config, indent=2) + "\n")

    adapter = reference.read_safetensors(folder / "adapter_model.safetensors")   # the stored values, widened
    prompt = [int(t) for t in rng.integers(0, config["vocab_size"], reference.PROMPT_TOKENS)]
    with torch.no_grad():
        logits = reference.forward(merged(weights, adapter, spec, config), config, prompt, torch.float32)
        exact = reference.forward(merged({k: v.double() for k, v in weights.items()},
                                         {k: v.double() for k, v in adapter.items()}, spec, config),
                                  config, prompt, torch.float64)
        base_logits = reference.forward(weights, config, prompt, torch.float32)
    positions = reference.LOGIT_POSITIONS
    reference.write_safetensors(folder / "reference-logits.safetensors", {"logits": logits[positions].numpy()}, "F32")
    f64_difference = float((logits.double() - exact).abs().max())
    adapter_effect = float((logits - base_logits).abs().max())
    (folder / "reference.json").write_text(json.dumps({
        "base": spec["base"],
        "prompt": prompt,
        "logit_positions": positions,
        "f32_vs_f64_max_abs_logit_difference": f64_difference,
        "max_abs_change_from_base": adapter_effect,
        "generated_by": f"lora_reference.py --seed {seed} (torch {torch.__version__})",
    }, indent=2) + "\n")
    size = sum(f.stat().st_size for f in folder.iterdir())
    print(f"{spec['name']:24} {size / 1024:6.1f} KiB  change from base {adapter_effect:6.3f}  f32 vs f64 {f64_difference:.2e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=reference.DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    torch.set_num_threads(1)
    for index, spec in enumerate(ADAPTERS):
        write_adapter(spec, index, args.seed, args.out)


if __name__ == "__main__":
    main()
