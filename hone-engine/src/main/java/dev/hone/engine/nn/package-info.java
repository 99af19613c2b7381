/**
 * The layers of a BERT-family encoder written in {@code autograd} ops: linear layers with optional
 * LoRA adapters, layer norms, the transformer block and the whole model, shaped by
 * {@link dev.hone.engine.nn.BertConfig}. Parameters carry Hugging Face names, so {@code weights}
 * fills them and {@code train} saves them without a translation table.
 */
package dev.hone.engine.nn;
