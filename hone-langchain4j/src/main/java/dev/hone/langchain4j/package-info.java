/**
 * LangChain4j adapters both ways: Hone's in-process (and tuned) encoders as LangChain4j models, and
 * LangChain4j chat models (Anthropic, Gemini, any {@code ChatModel} on the class path) as Hone
 * providers of {@code type: langchain4j}.
 */
package dev.hone.langchain4j;
