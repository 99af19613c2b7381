#!/usr/bin/env python3
"""Checks a merged model Hone exported (hone export ADAPTER --merge --format hf) against PyTorch.

    merge_check.py ADAPTER_FIXTURE MERGED_FOLDER

ADAPTER_FIXTURE is a LoRA fixture folder written by lora_reference.py (its adapter_config.json
names its base fixture beside it); MERGED_FOLDER is what Hone wrote from it. PyTorch merges the
adapter itself as PEFT's merge_and_unload does (W + (alpha/r)·B·A in f32 on the stored base weights)
and, independently, reads Hone's merged folder; it prints:

  - how many weights of Hone's folder differ from PyTorch's merge rounded to the base's stored type
    (an element can differ by one unit of the last place where the two f32 sums of B·A round apart)
    and whether every weight the adapter does not touch is the base's, bit for bit;
  - the 32 greedy tokens after the fixture's prompt of PyTorch's f32 merge and of Hone's folder
    (decoder_reference.py's forward pass in f32), and whether they are the same.

Exit status 1 when the greedy tokens differ or an untouched weight changed. Run from the repository
root with Debian's python3-torch and numpy.
"""
import json
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import decoder_reference as reference  # noqa: E402
import lora_reference  # noqa: E402

GREEDY_TOKENS = 32
STORED = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16}


def stored_dtype(folder):
    data = (folder / "model.safetensors").read_bytes() if (folder / "model.safetensors").exists() else None
    if data is None:
        index = json.loads((folder / "model.safetensors.index.json").read_text())
        data = (folder / sorted(set(index["weight_map"].values()))[0]).read_bytes()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + length])
    return STORED[header["model.embed_tokens.weight"]["dtype"]]


def main(adapter_folder, merged_folder):
    adapter_config = json.loads((adapter_folder / "adapter_config.json").read_text())
    base_folder = adapter_folder.parent / adapter_config["base_model_name_or_path"]
    config = json.loads((base_folder / "config.json").read_text())
    spec = dict(r=adapter_config["r"], alpha=adapter_config["lora_alpha"], targets=adapter_config["target_modules"])
    base = reference.read_checkpoint(base_folder)
    adapter = reference.read_safetensors(adapter_folder / "adapter_model.safetensors")
    ours = lora_reference.merged(base, adapter, spec, config)              # f32, as PEFT merges
    hone = reference.read_checkpoint(merged_folder)                          # Hone's file, widened
    dtype = stored_dtype(base_folder)

    untouched_changed, rounded_apart, total = [], 0, 0
    for name, values in base.items():
        if name not in hone:
            sys.exit(f"{merged_folder} has no tensor {name}")
        if ours[name] is values:                                             # not an adapted weight
            if not torch.equal(hone[name], values):
                untouched_changed.append(name)
            continue
        rounded = ours[name].to(dtype).float()
        rounded_apart += int((rounded != hone[name]).sum())
        total += values.numel()

    prompt = json.loads((adapter_folder / "reference.json").read_text())["prompt"]
    with torch.no_grad():
        expected, _ = reference.greedy(ours, config, prompt, GREEDY_TOKENS)
        actual, _ = reference.greedy(hone, config, prompt, GREEDY_TOKENS)
        difference = float((reference.forward(ours, config, prompt, torch.float32)
                            - reference.forward(hone, config, prompt, torch.float32)).abs().max())
    same = expected == actual
    print(f"{adapter_folder.name}: adapted weights {total}, {rounded_apart} apart from PyTorch's merge rounded to "
          f"{str(dtype).replace('torch.', '')}; untouched weights changed: {len(untouched_changed)}; "
          f"max |logit difference| over the prompt {difference:.4f} (f32 merge vs Hone's stored merge)")
    print(f"  PyTorch f32 merge greedy: {expected}")
    print(f"  Hone merged folder greedy: {actual}")
    print(f"  greedy tokens {'the same' if same else 'DIFFERENT'} ({sum(a == b for a, b in zip(expected, actual))}/{GREEDY_TOKENS})")
    return 0 if same and not untouched_changed else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: merge_check.py ADAPTER_FIXTURE MERGED_FOLDER")
    sys.exit(main(pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])))
