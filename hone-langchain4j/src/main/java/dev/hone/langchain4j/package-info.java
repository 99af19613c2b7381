/** LangChain4j adapters: Hone's in-process (and tuned) encoders as LangChain4j models. */
package dev.hone.langchain4j;
