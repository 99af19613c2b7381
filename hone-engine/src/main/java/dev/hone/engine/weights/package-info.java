/**
 * Weight files read and written without native code: ONNX graphs (through a small protobuf reader)
 * imported into Hugging Face-named tensors, the safetensors format, a Hugging Face model folder's
 * safetensors weights (single file or shards with their index) read in their stored width
 * ({@link dev.hone.engine.weights.SafetensorsCheckpoint}), and the folder a tuned model is
 * saved in ({@link dev.hone.engine.weights.TunedCheckpoint}: {@code tuning.json}, PEFT-layout LoRA
 * adapters or a full checkpoint, a classifier head). {@code engine.model} loads pretrained encoders
 * through it, {@code engine.decoder} decoders; {@code engine.train} saves and loads tuned weights with it.
 */
package dev.hone.engine.weights;
