#!/usr/bin/env python3
"""Writes a sentence-transformers folder from a BERT encoder's ONNX export, as a team would have
one on disk: made outside Hone, by code that shares nothing with Hone's readers.

    /usr/bin/python3 hone-engine/src/test/python/st_folder_from_onnx.py \\
        --onnx all-minilm-l6-v2.onnx --tokenizer all-minilm-l6-v2-tokenizer.json \\
        --pooling mean --max-seq-length 256 --normalize --out /tmp/all-MiniLM-L6-v2

Needs only Debian's python3-onnx and python3-numpy (scripts/ensure-python-onnx installs them);
no torch, no transformers, no Hone code. The folder it writes holds what SentenceTransformer(DIR)
and AutoModel.from_pretrained(DIR) read:

  config.json                       BertModel, with the shape read from the graph (layers, heads from
                                    the attention's 1/sqrt(head size) scale, layer-norm epsilon, ...)
  model.safetensors                 every initialiser under its Hugging Face BertModel name, f32 (the
                                    int64 embeddings.position_ids buffer as I64, as older checkpoints
                                    carry it), written here: 8-byte little-endian header length, JSON
                                    header, raw little-endian data
  tokenizer.json                    copied as given; tokenizer_config.json, special_tokens_map.json
                                    and vocab.txt derived from it
  modules.json                      Transformer, Pooling, and Normalize with --normalize
  1_Pooling/config.json             the --pooling mode (mean or cls)
  2_Normalize/                      with --normalize (an empty folder, as sentence-transformers saves it)
  sentence_bert_config.json         --max-seq-length
  config_sentence_transformers.json cosine similarity

Exporters name most weights after the module (encoder.layer.0.attention.self.query.bias), but
torch.onnx gives the transposed MatMul weights anonymous names (onnx::MatMul_885). Each of those is
named by tracing the graph: the MatMul it feeds is followed by the Add of the module's bias, so
encoder.layer.0.attention.self.query.bias names encoder.layer.0.attention.self.query.weight; the
MatMul node's own name (/encoder/layer.0/attention/self/query/MatMul), when the exporter kept it,
must agree. MatMul weights are stored (in, out) and are transposed to PyTorch's (out, in).

The script fails, naming them, when an initialiser is left unmapped, a name falls outside
BertModel's state dict, a BertModel weight is missing or a shape does not fit the config.
The Java side is dev.hone.engine.model.OutsideMadeFolderTest.
"""
import argparse
import json
import pathlib
import re
import shutil
import struct
import sys

import numpy as np
import onnx
from onnx import numpy_helper

LAYER_PARTS = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
               "attention.output.LayerNorm", "intermediate.dense", "output.dense", "output.LayerNorm"]
EMBEDDINGS = ["embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight",
              "embeddings.token_type_embeddings.weight", "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"]
OPTIONAL = ["embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"]
MATMUL_NODE = re.compile(r"/(.+)/MatMul")
POOLING_MODES = {"mean": "pooling_mode_mean_tokens", "cls": "pooling_mode_cls_token"}
ALL_POOLING_MODES = ["pooling_mode_cls_token", "pooling_mode_mean_tokens", "pooling_mode_max_tokens",
                     "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens",
                     "pooling_mode_lasttoken"]


class Graph:
    """The parts of an ONNX graph the mapping reads: initialisers, constants, producers, consumers."""

    def __init__(self, model):
        graph = model.graph
        self.nodes = list(graph.node)
        self.initialisers = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
        self.constants = {}
        self.producer = {}
        self.consumers = {}
        for node in self.nodes:
            for output in node.output:
                self.producer[output] = node
            for name in node.input:
                self.consumers.setdefault(name, []).append(node)
            if node.op_type == "Constant":
                for attribute in node.attribute:
                    if attribute.name == "value":
                        self.constants[node.output[0]] = numpy_helper.to_array(attribute.t)

    def value(self, name):
        """A constant or initialiser's value, or None for a computed tensor."""
        if name in self.initialisers:
            return self.initialisers[name]
        return self.constants.get(name)

    def scalar(self, name):
        value = self.value(name)
        return float(value.reshape(-1)[0]) if value is not None and value.size == 1 else None


def fail(message):
    sys.exit("st_folder_from_onnx: " + message)


def matmul_weight_name(graph, weight, node):
    """The Hugging Face name of an anonymous MatMul weight, from the bias Add after its MatMul."""
    biases = []
    for add in graph.consumers.get(node.output[0], []):
        if add.op_type != "Add":
            continue
        for other in add.input:
            if other != node.output[0] and other in graph.initialisers and other.endswith(".bias"):
                biases.append(other)
    if len(biases) != 1:
        fail(f"initialiser {weight} feeds MatMul {node.name!r}, which is followed by {len(biases)} bias Adds "
             f"{biases}; cannot tell which Linear module it is")
    traced = biases[0][:-len(".bias")] + ".weight"
    named = MATMUL_NODE.fullmatch(node.name)
    if named and "/" in named.group(1):
        by_node = named.group(1).replace("/", ".") + ".weight"
        if by_node != traced:
            fail(f"initialiser {weight}: its MatMul node {node.name!r} says {by_node}, its bias Add says {traced}")
    return traced


def hugging_face_weights(graph):
    """Every initialiser under its BertModel name, in PyTorch's layout; fails on any it cannot name."""
    weights = {}
    unmapped = []
    for name, array in graph.initialisers.items():
        if name.startswith(("embeddings.", "encoder.", "pooler.")):
            hf_name, value = name, array
        else:
            uses = graph.consumers.get(name, [])
            matmuls = [n for n in uses if n.op_type == "MatMul" and len(n.input) == 2 and n.input[1] == name]
            if len(uses) != 1 or len(matmuls) != 1 or array.ndim != 2:
                unmapped.append(f"{name} {list(array.shape)} used by {[(n.op_type, n.name) for n in uses]}")
                continue
            hf_name, value = matmul_weight_name(graph, name, matmuls[0]), array.T
        if hf_name in weights:
            fail(f"two initialisers map to {hf_name}")
        weights[hf_name] = np.ascontiguousarray(value)
    if unmapped:
        fail("initialisers left unmapped (not a BERT module weight this script can name):\n  " + "\n  ".join(unmapped))
    return weights


def head_size(graph):
    """sqrt(head size) is the constant the first attention's scores are divided by (or 1/it, multiplied)."""
    for softmax in (n for n in graph.nodes if n.op_type == "Softmax"):
        frontier = [softmax.input[0]]
        for _ in range(3):
            next_frontier = []
            for tensor in frontier:
                node = graph.producer.get(tensor)
                if node is None:
                    continue
                if node.op_type in ("Div", "Mul"):
                    scale = graph.scalar(node.input[1])
                    if scale is not None:
                        size = scale * scale if node.op_type == "Div" else 1.0 / (scale * scale)
                        return int(round(size))
                next_frontier.extend(node.input)
            frontier = next_frontier
        break
    fail("found no scalar Div or Mul of the attention scores before the first Softmax; cannot tell the head count")


def layer_norm_epsilon(graph):
    for node in graph.nodes:
        if node.op_type == "LayerNormalization":
            for attribute in node.attribute:
                if attribute.name == "epsilon":
                    return attribute.f
            return 1e-5
    for sqrt in (n for n in graph.nodes if n.op_type == "Sqrt"):
        add = graph.producer.get(sqrt.input[0])
        if add is not None and add.op_type == "Add":
            for name in add.input:
                if graph.scalar(name) is not None:
                    return graph.scalar(name)
    fail("found no layer normalisation (LayerNormalization, or Sqrt of a variance plus epsilon)")


def bert_config(graph, weights, tokenizer):
    words = weights.get("embeddings.word_embeddings.weight")
    if words is None:
        fail("embeddings.word_embeddings.weight is missing")
    vocab_size, hidden = words.shape
    layers = 0
    while f"encoder.layer.{layers}.attention.self.query.bias" in weights:
        layers += 1
    if layers == 0:
        fail("no encoder.layer.0 weights")
    size = head_size(graph)
    if hidden % size:
        fail(f"hidden size {hidden} is not a multiple of the head size {size}")
    erf = sum(1 for n in graph.nodes if n.op_type == "Erf")
    if erf != layers:
        fail(f"expected one Erf (exact GELU) per layer, found {erf} for {layers} layers")
    intermediate = weights.get("encoder.layer.0.intermediate.dense.weight")
    if intermediate is None:
        fail("encoder.layer.0.intermediate.dense.weight is missing")
    pad = tokenizer["model"]["vocab"].get("[PAD]", 0)
    return {
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": int(hidden),
        "initializer_range": 0.02,
        "intermediate_size": int(intermediate.shape[0]),
        "layer_norm_eps": float(str(np.float32(layer_norm_epsilon(graph)))),  # 1e-12, not 9.99999996e-13
        "max_position_embeddings": int(weights["embeddings.position_embeddings.weight"].shape[0]),
        "model_type": "bert",
        "num_attention_heads": hidden // size,
        "num_hidden_layers": layers,
        "pad_token_id": pad,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "type_vocab_size": int(weights["embeddings.token_type_embeddings.weight"].shape[0]),
        "use_cache": True,
        "vocab_size": int(vocab_size),
    }


def check_against_bert(weights, config):
    """Every BertModel weight present with its shape, and nothing BertModel would not load."""
    hidden, inner = config["hidden_size"], config["intermediate_size"]
    expected = {
        "embeddings.word_embeddings.weight": (config["vocab_size"], hidden),
        "embeddings.position_embeddings.weight": (config["max_position_embeddings"], hidden),
        "embeddings.token_type_embeddings.weight": (config["type_vocab_size"], hidden),
        "embeddings.LayerNorm.weight": (hidden,),
        "embeddings.LayerNorm.bias": (hidden,),
    }
    for i in range(config["num_hidden_layers"]):
        for part in LAYER_PARTS:
            rows = inner if part == "intermediate.dense" else hidden
            columns = inner if part == "output.dense" else hidden
            prefix = f"encoder.layer.{i}.{part}"
            expected[prefix + ".weight"] = (rows,) if part.endswith("LayerNorm") else (rows, columns)
            expected[prefix + ".bias"] = (rows,)
    missing = [name for name in expected if name not in weights]
    if missing:
        fail(f"BertModel weights missing from the graph ({len(missing)}): {missing}")
    unexpected = [name for name in weights if name not in expected and name not in OPTIONAL]
    if unexpected:
        fail(f"names outside BertModel's state dict: {unexpected}")
    wrong = [f"{name} {list(weights[name].shape)} (expected {list(shape)})" for name, shape in expected.items()
             if tuple(weights[name].shape) != shape]
    if wrong:
        fail("shapes that do not fit the config: " + ", ".join(wrong))


def write_safetensors(path, weights):
    """The safetensors format: u64 LE header length, JSON header (padded to 8 bytes), raw LE data."""
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in sorted(weights):
        array = weights[name]
        if np.issubdtype(array.dtype, np.integer):
            data, dtype = array.astype("<i8").tobytes(), "I64"
        else:
            data, dtype = array.astype("<f4").tobytes(), "F32"
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(encoded)))
        out.write(encoded)
        for blob in blobs:
            out.write(blob)


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2) + "\n", encoding="utf-8")


def write_tokenizer_files(out, tokenizer_file, tokenizer):
    shutil.copyfile(tokenizer_file, out / "tokenizer.json")
    vocab = tokenizer["model"]["vocab"]
    by_id = sorted(vocab, key=vocab.get)
    (out / "vocab.txt").write_text("".join(token + "\n" for token in by_id), encoding="utf-8")
    normalizer = tokenizer.get("normalizer") or {}
    special = {"cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]",
               "unk_token": "[UNK]"}
    missing = [token for token in special.values() if token not in vocab]
    if missing:
        fail(f"{tokenizer_file}: not a BERT WordPiece vocabulary, it lacks {missing}")
    write_json(out / "special_tokens_map.json", special)
    write_json(out / "tokenizer_config.json", dict(special, **{
        "clean_up_tokenization_spaces": True,
        "do_basic_tokenize": True,
        "do_lower_case": bool(normalizer.get("lowercase", True)),
        "model_max_length": 512,
        "never_split": None,
        "strip_accents": normalizer.get("strip_accents"),
        "tokenize_chinese_chars": bool(normalizer.get("handle_chinese_chars", True)),
        "tokenizer_class": "BertTokenizer",
    }))


def write_sentence_transformers_files(out, config, pooling, normalize, max_seq_length):
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if normalize:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
        (out / "2_Normalize").mkdir(exist_ok=True)
    write_json(out / "modules.json", modules)
    pooling_config = {"word_embedding_dimension": config["hidden_size"]}
    pooling_config.update({mode: mode == POOLING_MODES[pooling] for mode in ALL_POOLING_MODES})
    pooling_config["include_prompt"] = True
    write_json(out / "1_Pooling" / "config.json", pooling_config)
    write_json(out / "sentence_bert_config.json", {"max_seq_length": max_seq_length, "do_lower_case": False})
    write_json(out / "config_sentence_transformers.json",
               {"prompts": {}, "default_prompt_name": None, "similarity_fn_name": "cosine"})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--onnx", required=True, type=pathlib.Path, help="the BERT encoder's ONNX export")
    parser.add_argument("--tokenizer", required=True, type=pathlib.Path, help="its Hugging Face tokenizer.json")
    parser.add_argument("--pooling", required=True, choices=sorted(POOLING_MODES))
    parser.add_argument("--max-seq-length", required=True, type=int)
    parser.add_argument("--normalize", action="store_true", help="add a Normalize module")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="the folder to write (created)")
    args = parser.parse_args()

    graph = Graph(onnx.load(str(args.onnx)))
    tokenizer = json.loads(args.tokenizer.read_text(encoding="utf-8"))
    weights = hugging_face_weights(graph)
    config = bert_config(graph, weights, tokenizer)
    check_against_bert(weights, config)
    if not 2 <= args.max_seq_length <= config["max_position_embeddings"]:
        fail(f"--max-seq-length must be within [2, {config['max_position_embeddings']}], got {args.max_seq_length}")

    args.out.mkdir(parents=True, exist_ok=True)
    write_json(args.out / "config.json", config)
    write_safetensors(args.out / "model.safetensors", weights)
    write_tokenizer_files(args.out, args.tokenizer, tokenizer)
    write_sentence_transformers_files(args.out, config, args.pooling, args.normalize, args.max_seq_length)
    print(f"{args.out}: BertModel, {config['num_hidden_layers']} layers, hidden {config['hidden_size']}, "
          f"{config['num_attention_heads']} heads, {len(weights)} tensors, {args.pooling} pooling, "
          f"max_seq_length {args.max_seq_length}{', normalised' if args.normalize else ''}")


if __name__ == "__main__":
    main()
