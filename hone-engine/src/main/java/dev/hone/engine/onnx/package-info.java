/**
 * ONNX, written: {@link dev.hone.engine.onnx.EncoderOnnxExport} writes a sentence encoder Hone
 * runs (pretrained or tuned, LoRA merged) as a {@code model.onnx} built from Hone's own weights,
 * beside its tokenizer and sentence-transformers pooling files, so ONNX Runtime pipelines
 * (LangChain4j's {@code OnnxEmbeddingModel} among them) embed as Hone does. A small protobuf
 * writer, the mirror image of the weights package's reader, keeps the engine free of a protobuf
 * dependency: no artifact on Maven Central carries ONNX's protobuf classes without pulling in a
 * native runtime.
 */
package dev.hone.engine.onnx;
