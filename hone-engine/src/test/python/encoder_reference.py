#!/usr/bin/env python3
"""Writes the encoder architecture fixtures: tiny random RoBERTa and MPNet models in the
sentence-transformers folder layout, each with an ONNX export of the same weights for ONNX Runtime.

Each fixture folder holds what SentenceTransformer(DIR) reads:

  config.json                   model_type, architectures and the shape, as transformers writes it
  model.safetensors             the weights, f32, under Hugging Face names (no "roberta."/"mpnet." prefix,
                                as AutoModel.save_pretrained writes a base model)
  tokenizer.json                a tiny WordPiece tokenizer written here (RoBERTa's and MPNet's special
                                tokens <s> <pad> </s> <unk> at ids 0-3, as their vocabularies have them)
  modules.json                  Transformer, Pooling (and Normalize where the fixture says)
  1_Pooling/config.json         the pooling mode
  sentence_bert_config.json     max_seq_length (only where the fixture sets one)
  onnx/model.onnx               torch.onnx.export of the same module: inputs input_ids, attention_mask,
                                output last_hidden_state (the oracle the Java test runs in ONNX Runtime)

and, for roberta-mean only, onnx/model_fp16.onnx with onnx/model_fp16.onnx_data: the same export with
its initializers in f16, the larger ones stored in the external data file (for Hone's ONNX reader).

The modules below are written here from the Hugging Face modeling code's math (modeling_roberta.py,
modeling_mpnet.py), not imported: transformers is not installed here, and an implementation we did
not write is the point (the Java engine is the other one; ONNX Runtime runs this one's export).
RoBERTa: BERT's blocks, position ids counted from padding_idx + 1 over the non-padding tokens, one
token type. MPNet: no token types, the same position ids, attention modules named attn.q/k/v/o and a
T5-style bucketed relative position bias (32 buckets, max distance 128) added to every layer's scores.

Run from the repository root with Debian's python3-torch (apt-get install python3-torch python3-numpy):

    /usr/bin/python3 hone-engine/src/test/python/encoder_reference.py

The Java side is dev.hone.engine.model.EncoderFolderParityTest.

    /usr/bin/python3 hone-engine/src/test/python/encoder_reference.py --check DIR

checks a folder Hone saved from a full fine-tune or LoRA tuning of one of these fixtures: its
model.safetensors loads strictly into the modules below, and its adapters sit on modules that exist.
SentenceTransformersExportTest keeps copies of what it saves when run with
-Dhone.test.keep=/tmp/saved on the Maven command line (then check each folder under /tmp/saved).
"""
import json
import math
import pathlib
import struct

import torch
from torch import nn

DEFAULT_OUT = pathlib.Path(__file__).resolve().parents[1] / "resources" / "encoder"
PAD = 1
COMMON = dict(vocab_size=0, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64,
              hidden_act="gelu", layer_norm_eps=1e-5, pad_token_id=PAD, bos_token_id=0, eos_token_id=2,
              max_position_embeddings=42, initializer_range=0.2)

FIXTURES = [
    dict(name="roberta-mean", seed=11, max_seq_length=32, normalize=True, pooling="pooling_mode_mean_tokens",
         config=dict(architectures=["RobertaModel"], model_type="roberta", type_vocab_size=1,
                     position_embedding_type="absolute")),
    dict(name="mpnet-cls", seed=12, max_seq_length=None, normalize=False, pooling="pooling_mode_cls_token",
         config=dict(architectures=["MPNetModel"], model_type="mpnet", relative_attention_num_buckets=32)),
]

WORDS = ["the", "a", "is", "my", "order", "refund", "where", "want", "i", "package", "arrived", "damaged",
         "box", "hello", "thanks", "cancel", "plan", "what", "and", "to"]


def vocabulary():
    tokens = ["<s>", "<pad>", "</s>", "<unk>"] + list(".,!?'") + [chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens += ["##" + chr(c) for c in range(ord("a"), ord("z") + 1)] + [str(d) for d in range(10)] + WORDS
    tokens = list(dict.fromkeys(tokens))  # "a" and "i" are letters and words
    return {token: i for i, token in enumerate(tokens)}


def tokenizer_json(vocab):
    special = [dict(id=vocab[t], content=t, single_word=False, lstrip=False, rstrip=False, normalized=False,
                    special=True) for t in ["<s>", "<pad>", "</s>", "<unk>"]]
    return dict(
        version="1.0", truncation=None, padding=None, added_tokens=special,
        normalizer=dict(type="BertNormalizer", clean_text=True, handle_chinese_chars=True, strip_accents=None,
                        lowercase=True),
        pre_tokenizer=dict(type="BertPreTokenizer"),
        post_processor=dict(
            type="TemplateProcessing",
            single=[dict(SpecialToken=dict(id="<s>", type_id=0)), dict(Sequence=dict(id="A", type_id=0)),
                    dict(SpecialToken=dict(id="</s>", type_id=0))],
            pair=[dict(SpecialToken=dict(id="<s>", type_id=0)), dict(Sequence=dict(id="A", type_id=0)),
                  dict(SpecialToken=dict(id="</s>", type_id=0)), dict(Sequence=dict(id="B", type_id=0)),
                  dict(SpecialToken=dict(id="</s>", type_id=0))],
            special_tokens={t: dict(id=t, ids=[vocab[t]], tokens=[t]) for t in ["<s>", "</s>"]}),
        decoder=dict(type="WordPiece", prefix="##", cleanup=True),
        model=dict(type="WordPiece", unk_token="<unk>", continuing_subword_prefix="##",
                   max_input_chars_per_word=100, vocab=vocab))


def position_ids(input_ids):
    """RoBERTa's and MPNet's positions: padding_idx + 1, + 2, ... over the real tokens, padding_idx on padding."""
    mask = input_ids.ne(PAD).int()
    return (torch.cumsum(mask, dim=1).type_as(mask) * mask).long() + PAD


def relative_position_bucket(relative_position, num_buckets=32, max_distance=128):
    """T5's bidirectional buckets as MPNet uses them: half the buckets for each direction, exact up
    to a quarter of the buckets, then logarithmic up to max_distance."""
    n = -relative_position
    num_buckets //= 2
    bucket = (n < 0).to(torch.long) * num_buckets
    n = torch.abs(n)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    large = max_exact + (torch.log(n.float() / max_exact) / math.log(max_distance / max_exact)
                         * (num_buckets - max_exact)).to(torch.long)
    large = torch.min(large, torch.full_like(large, num_buckets - 1))
    return bucket + torch.where(is_small, n, large)


class Embeddings(nn.Module):
    def __init__(self, c, token_types):
        super().__init__()
        self.word_embeddings = nn.Embedding(c["vocab_size"], c["hidden_size"], padding_idx=PAD)
        self.position_embeddings = nn.Embedding(c["max_position_embeddings"], c["hidden_size"], padding_idx=PAD)
        if token_types:
            self.token_type_embeddings = nn.Embedding(c["type_vocab_size"], c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.token_types = token_types

    def forward(self, input_ids):
        x = self.word_embeddings(input_ids)
        if self.token_types:
            x = x + self.token_type_embeddings(torch.zeros_like(input_ids))
        x = x + self.position_embeddings(position_ids(input_ids))
        return self.LayerNorm(x)


class SelfAttention(nn.Module):
    """Scaled dot-product attention over heads; `names` are the q, k, v projections' attribute names,
    and `output`, when set, the projection MPNet applies inside this module."""

    def __init__(self, c, names, output=None):
        super().__init__()
        h = c["hidden_size"]
        self.names = names
        for name in names + ([output] if output else []):
            setattr(self, name, nn.Linear(h, h))
        self.output_name = output
        self.heads = c["num_attention_heads"]

    def forward(self, x, mask_bias, position_bias):
        b, s, h = x.shape
        d = h // self.heads
        q, k, v = (getattr(self, n)(x).view(b, s, self.heads, d).transpose(1, 2) for n in self.names)
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
        if position_bias is not None:
            scores = scores + position_bias
        scores = scores + mask_bias
        context = torch.matmul(torch.softmax(scores, dim=-1), v).transpose(1, 2).reshape(b, s, h)
        return getattr(self, self.output_name)(context) if self.output_name else context


class Intermediate(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.dense = nn.Linear(c["hidden_size"], c["intermediate_size"])

    def forward(self, x):
        return nn.functional.gelu(self.dense(x))                              # exact (erf) GELU


class Output(nn.Module):
    """A projection, then the residual and LayerNorm (BERT's SelfOutput and Output)."""

    def __init__(self, c, inputs):
        super().__init__()
        self.dense = nn.Linear(inputs, c["hidden_size"])
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class RobertaAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = SelfAttention(c, ["query", "key", "value"])
        self.output = Output(c, c["hidden_size"])

    def forward(self, x, mask_bias, position_bias):
        return self.output(self.self(x, mask_bias, position_bias), x)


class MPNetAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attn = SelfAttention(c, ["q", "k", "v"], output="o")
        self.LayerNorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, x, mask_bias, position_bias):
        return self.LayerNorm(self.attn(x, mask_bias, position_bias) + x)


class Layer(nn.Module):
    def __init__(self, c, mpnet):
        super().__init__()
        self.attention = MPNetAttention(c) if mpnet else RobertaAttention(c)
        self.intermediate = Intermediate(c)
        self.output = Output(c, c["intermediate_size"])

    def forward(self, x, mask_bias, position_bias):
        x = self.attention(x, mask_bias, position_bias)                       # residual and norm inside
        return self.output(self.intermediate(x), x)


class Encoder(nn.Module):
    def __init__(self, c, mpnet):
        super().__init__()
        self.layer = nn.ModuleList([Layer(c, mpnet) for _ in range(c["num_hidden_layers"])])
        if mpnet:
            self.relative_attention_bias = nn.Embedding(c["relative_attention_num_buckets"], c["num_attention_heads"])
        self.mpnet = mpnet

    def position_bias(self, seq):
        positions = torch.arange(seq, dtype=torch.long)
        relative = positions[None, :] - positions[:, None]                    # memory − context, (seq, seq)
        values = self.relative_attention_bias(relative_position_bucket(relative))  # (seq, seq, heads)
        return values.permute(2, 0, 1).unsqueeze(0)                           # (1, heads, seq, seq)

    def forward(self, x, mask_bias):
        bias = self.position_bias(x.shape[1]) if self.mpnet else None
        for layer in self.layer:
            x = layer(x, mask_bias, bias)
        return x


class Model(nn.Module):
    def __init__(self, c, mpnet):
        super().__init__()
        self.embeddings = Embeddings(c, token_types=not mpnet)
        self.encoder = Encoder(c, mpnet)

    def forward(self, input_ids, attention_mask):
        mask_bias = (1.0 - attention_mask[:, None, None, :].float()) * -1e9
        return self.encoder(self.embeddings(input_ids), mask_bias)


def write_safetensors(path, tensors):
    header = {}
    offset = 0
    blobs = []
    for name, tensor in tensors.items():
        data = tensor.detach().contiguous().float().numpy().tobytes()
        header[name] = dict(dtype="F32", shape=list(tensor.shape), data_offsets=[offset, offset + len(data)])
        offset += len(data)
        blobs.append(data)
    header["__metadata__"] = dict(format="pt")
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)


def write_json(path, value):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2) + "\n")


def write_fixture(fixture, out):
    vocab = vocabulary()
    config = dict(COMMON, **fixture["config"], vocab_size=len(vocab))
    mpnet = config["model_type"] == "mpnet"
    torch.manual_seed(fixture["seed"])
    model = Model(config, mpnet).eval()
    with torch.no_grad():
        for name, parameter in model.named_parameters():  # larger than the 0.02 default, so every part matters
            if "LayerNorm" in name:
                parameter.copy_((1.0 if name.endswith("weight") else 0.0) + 0.1 * torch.randn_like(parameter))
            else:
                parameter.normal_(0.0, config["initializer_range"])
    folder = out / fixture["name"]
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "config.json", config)
    write_safetensors(folder / "model.safetensors", dict(model.state_dict()))
    write_json(folder / "tokenizer.json", tokenizer_json(vocab))
    modules = [dict(idx=0, name="0", path="", type="sentence_transformers.models.Transformer"),
               dict(idx=1, name="1", path="1_Pooling", type="sentence_transformers.models.Pooling")]
    if fixture["normalize"]:
        modules.append(dict(idx=2, name="2", path="2_Normalize", type="sentence_transformers.models.Normalize"))
        (folder / "2_Normalize").mkdir(exist_ok=True)
    write_json(folder / "modules.json", modules)
    pooling = {mode: mode == fixture["pooling"] for mode in [
        "pooling_mode_cls_token", "pooling_mode_mean_tokens", "pooling_mode_max_tokens",
        "pooling_mode_mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken"]}
    write_json(folder / "1_Pooling" / "config.json", dict(word_embedding_dimension=config["hidden_size"], **pooling))
    if fixture["max_seq_length"] is not None:
        write_json(folder / "sentence_bert_config.json", dict(max_seq_length=fixture["max_seq_length"],
                                                               do_lower_case=False))
    (folder / "onnx").mkdir(exist_ok=True)
    ids = torch.tensor([[0, 40, 41, 42, 2]], dtype=torch.long)
    torch.onnx.export(model, (ids, torch.ones_like(ids)), str(folder / "onnx" / "model.onnx"),
                      input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                    "attention_mask": {0: "batch", 1: "sequence"},
                                    "last_hidden_state": {0: "batch", 1: "sequence"}},
                      opset_version=14, do_constant_folding=True)
    print("wrote", folder)


# A minimal protobuf codec, enough to rewrite an ONNX file's initializers (the onnx package is not
# installed here). Field numbers follow onnx.proto3: ModelProto.graph 7, GraphProto.initializer 5,
# TensorProto data_type 2, raw_data 9, external_data 13 (key 1, value 2), data_location 14.
def read_varint(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def fields(data):
    """(field number, wire type, value) of each field: ints for varints, bytes otherwise."""
    at = 0
    while at < len(data):
        key, at = read_varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = read_varint(data, at)
        elif wire == 1:
            value, at = data[at:at + 8], at + 8
        elif wire == 2:
            length, at = read_varint(data, at)
            value, at = data[at:at + length], at + length
        elif wire == 5:
            value, at = data[at:at + 4], at + 4
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, wire, value


def encode(parts):
    out = bytearray()
    for number, wire, value in parts:
        out += varint(number << 3 | wire)
        if wire == 0:
            out += varint(value)
        elif wire == 2:
            out += varint(len(value)) + value
        else:
            out += value
    return bytes(out)


def half_precision_external(onnx_path, out_path, data_name, threshold=1024):
    """Writes the model with every f32 initializer in f16 (data_type 10), those of at least
    `threshold` bytes moved into the file `data_name` beside it (data_location EXTERNAL, as
    onnx.save_model(..., save_as_external_data=True) writes them). The graph's value types are left
    f32: the file is for Hone's weight reader, not for running."""
    external = bytearray()

    def tensor(data):
        parts = list(fields(data))
        data_type = next(v for n, w, v in parts if n == 2)
        raw = next((v for n, w, v in parts if n == 9), None)
        if data_type != 1 or raw is None:
            return data
        halves = torch.frombuffer(bytearray(raw), dtype=torch.float32).half().numpy().tobytes()
        kept = [(n, w, 10 if n == 2 else v) for n, w, v in parts if n != 9]
        if len(halves) < threshold:
            return encode(kept + [(9, 2, halves)])
        offset = len(external)
        external.extend(halves)
        external.extend(b"\0" * (-len(external) % 16))
        entries = [encode([(1, 2, k.encode()), (2, 2, v.encode())])
                   for k, v in [("location", data_name), ("offset", str(offset)), ("length", str(len(halves)))]]
        return encode(kept + [(13, 2, e) for e in entries] + [(14, 0, 1)])

    def graph(data):
        return encode([(n, w, tensor(v) if n == 5 else v) for n, w, v in fields(data)])

    model = pathlib.Path(onnx_path).read_bytes()
    rewritten = encode([(n, w, graph(v) if n == 7 else v) for n, w, v in fields(model)])
    pathlib.Path(out_path).write_bytes(rewritten)
    (pathlib.Path(out_path).parent / data_name).write_bytes(bytes(external))


def read_safetensors(path):
    data = pathlib.Path(path).read_bytes()
    length = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + length])
    header.pop("__metadata__", None)
    body = data[8 + length:]
    tensors = {}
    for name, spec in header.items():
        assert spec["dtype"] == "F32", name
        begin, end = spec["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(body[begin:end]), dtype=torch.float32).reshape(spec["shape"])
    return tensors


def check_saved(folder):
    """Checks a folder Hone saved from one of these fixtures loads into this file's modules as
    AutoModel would load it: every weight name and shape matches the architecture (strict), and any
    PEFT adapter names modules that exist."""
    folder = pathlib.Path(folder)
    base = folder
    if not (folder / "config.json").exists():  # adapters: the model is their base's
        base = pathlib.Path(json.loads((folder / "adapter_config.json").read_text())["base_model_name_or_path"])
    config = json.loads((base / "config.json").read_text())
    model = Model(config, config["model_type"] == "mpnet")
    if (folder / "model.safetensors").exists():
        model.load_state_dict(read_safetensors(folder / "model.safetensors"), strict=True)
        print("model.safetensors: %d tensors load strictly into %s" % (len(model.state_dict()), config["architectures"]))
    if (folder / "adapter_config.json").exists():
        adapter = json.loads((folder / "adapter_config.json").read_text())
        modules = {name for name, _ in model.named_modules()}
        for name in read_safetensors(folder / "adapter_model.safetensors"):
            module = name[len("base_model.model."):].rsplit(".lora_", 1)[0]
            assert module in modules, module
            assert any(module.endswith("." + target) for target in adapter["target_modules"]), module
        print("adapter_model.safetensors: every adapter is on a module of the model and in target_modules")
    for name in ["tokenizer.json", "modules.json", "1_Pooling/config.json", "sentence_bert_config.json"]:
        assert (folder / name).exists() or not (folder / "model.safetensors").exists(), name


def main():
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check_saved(sys.argv[2])
        return
    for fixture in FIXTURES:
        write_fixture(fixture, DEFAULT_OUT)
    onnx = DEFAULT_OUT / "roberta-mean" / "onnx"
    half_precision_external(onnx / "model.onnx", onnx / "model_fp16.onnx", "model_fp16.onnx_data")


if __name__ == "__main__":
    main()
