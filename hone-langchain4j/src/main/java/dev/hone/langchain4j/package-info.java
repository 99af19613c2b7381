/**
 * LangChain4j adapters both ways: Hone's in-process (and tuned) encoders as LangChain4j embedding models
 * and its saved candidates as LangChain4j text classifiers, and
 * LangChain4j chat models (Anthropic, Gemini, any {@code ChatModel} on the class path) as Hone
 * providers of {@code type: langchain4j}.
 */
package dev.hone.langchain4j;
