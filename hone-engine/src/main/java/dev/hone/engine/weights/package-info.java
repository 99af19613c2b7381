/**
 * Weight files read and written without native code: ONNX graphs (through a small protobuf reader)
 * imported into Hugging Face-named tensors, and the safetensors format. {@code engine.model} loads
 * pretrained encoders through it; {@code engine.train} saves tuned weights with it.
 */
package dev.hone.engine.weights;
