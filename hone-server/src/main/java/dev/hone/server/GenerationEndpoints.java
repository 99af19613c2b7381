package dev.hone.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.hone.error.BadInputException;
import dev.hone.error.OutOfMemoryException;
import dev.hone.json.Json;
import dev.hone.local.FinishReason;
import dev.hone.local.LocalCompletion;
import dev.hone.local.LocalModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * OpenAI's generation endpoints over the served chat model: {@code POST /v1/chat/completions}
 * (the model's chat template applied), {@code POST /v1/completions} (the prompt continued as
 * written), both with {@code logprobs} in their own shapes ({@link CompletionLogprobs}), and {@code GET /v1/models}. Each request decodes in a
 * session of its own once {@link GenerationSlots} admits it; with {@code stream: true} the answer
 * goes out as server-sent events, piece by piece as it is decoded, the last chunk carrying the
 * finish reason and the token usage, then {@code data: [DONE]}.
 */
final class GenerationEndpoints {
    private final GenerationSlots slots;
    private final ServerMetrics metrics;
    private final long created = System.currentTimeMillis() / 1000;

    GenerationEndpoints(ServerOptions options, ServerMetrics metrics) {
        this.slots = new GenerationSlots(options.maxGenerations(), options.maxQueuedGenerations());
        this.metrics = metrics;
    }

    /** The one model served, as {@code GET /v1/models} lists it. */
    ObjectNode models(ServedModel model) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("object", "list");
        out.putArray("data").addObject().put("id", model.name()).put("object", "model").put("created", created)
                .put("owned_by", "hone");
        return out;
    }

    void chat(HttpExchange ex, JsonNode body, ServedModel model) throws IOException {
        LocalModel local = chatModel(model);
        GenerationRequest request = GenerationRequest.chat(body, local.decoder().config().maxSequenceLength());
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        try (GenerationSlots.Slot slot = admit(ex)) {
            if (!request.stream()) {
                LocalCompletion answer = generate(() -> local.complete(request.messages(), request.settings(), null));
                ObjectNode choice = Json.MAPPER.createObjectNode().put("index", 0);
                choice.putObject("message").put("role", "assistant").put("content", answer.text());
                if (request.logprobs() == GenerationRequest.NO_LOGPROBS) {
                    choice.putNull("logprobs");
                } else {
                    choice.set("logprobs", CompletionLogprobs.chat(AnswerTokens.of(local.tokenizer(), answer), request.logprobs()));
                }
                choice.put("finish_reason", finishReason(answer));
                HoneServer.send(ex, 200, answer(id, "chat.completion", model, choice, answer));
                return;
            }
            EventStream events = new EventStream(ex);
            // The role goes out with the first piece, so a prompt refused before any text still gets a plain 400.
            Runnable role = () -> {
                if (!events.started()) {
                    events.send(chatChunk(id, model, Json.MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null));
                }
            };
            Consumer<String> onText = piece -> {
                role.run();
                events.send(chatChunk(id, model, Json.MAPPER.createObjectNode().put("content", piece), null));
            };
            stream(events, () -> local.complete(request.messages(), request.settings(), onText), answer -> {
                role.run();
                ObjectNode last = chatChunk(id, model, Json.MAPPER.createObjectNode(), finishReason(answer));
                last.set("usage", usage(answer));
                return last;
            });
        }
    }

    void completion(HttpExchange ex, JsonNode body, ServedModel model) throws IOException {
        LocalModel local = chatModel(model);
        GenerationRequest request = GenerationRequest.completion(body);
        String id = "cmpl-" + UUID.randomUUID().toString().replace("-", "");
        try (GenerationSlots.Slot slot = admit(ex)) {
            if (!request.stream()) {
                LocalCompletion answer = generate(() -> local.completeRaw(request.prompt(), request.settings(), null));
                ObjectNode choice = Json.MAPPER.createObjectNode().put("text", answer.text()).put("index", 0);
                if (request.logprobs() == GenerationRequest.NO_LOGPROBS) {
                    choice.putNull("logprobs");
                } else {
                    choice.set("logprobs", CompletionLogprobs.legacy(AnswerTokens.of(local.tokenizer(), answer), request.prompt()));
                }
                choice.put("finish_reason", finishReason(answer));
                HoneServer.send(ex, 200, answer(id, "text_completion", model, choice, answer));
                return;
            }
            EventStream events = new EventStream(ex);
            stream(events, () -> local.completeRaw(request.prompt(), request.settings(),
                    piece -> events.send(textChunk(id, model, piece, null))), answer -> {
                ObjectNode last = textChunk(id, model, "", finishReason(answer));
                last.set("usage", usage(answer));
                return last;
            });
        }
    }

    /** A free decoder session, or a 503 with {@code Retry-After}, which OpenAI clients wait before they retry. */
    private GenerationSlots.Slot admit(HttpExchange ex) {
        try {
            return slots.acquire();
        } catch (HttpError busy) {
            ex.getResponseHeaders().set("Retry-After", "1");
            throw busy;
        }
    }

    private static LocalModel chatModel(ServedModel model) {
        if (model.chatModel() == null) {
            throw new HttpError(400, "The served model " + model.name() + " is a classifier, not a chat model; use POST"
                    + " /v1/classify, or serve a Hugging Face chat model folder (or an LLM candidate of type: local)",
                    "invalid_request");
        }
        return model.chatModel();
    }

    /** The model's own refusals (a prompt longer than its context, a template that raises) are the caller's to fix: 400. */
    private LocalCompletion generate(Supplier<LocalCompletion> work) {
        LocalCompletion answer;
        try {
            answer = OutOfMemoryException.during("generating an answer", work);
        } catch (BadInputException | IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage(), "invalid_request");
        }
        metrics.generated(answer.promptTokenIds().length, answer.tokenIds().length);
        return answer;
    }

    /**
     * Runs a streamed generation. Before the first event an error is an ordinary status and JSON
     * body (thrown on to the server); after it, an error event ends the stream. A client that went
     * away ends the generation with nothing more to send.
     */
    private void stream(EventStream events, Supplier<LocalCompletion> work,
                        Function<LocalCompletion, ObjectNode> lastChunk) {
        try {
            LocalCompletion answer = generate(work);
            events.send(lastChunk.apply(answer));
            events.done();
        } catch (UncheckedIOException clientGone) {
            // Nobody is reading: the session is already released by the exception that stopped it.
        } catch (RuntimeException e) {
            if (!events.started()) throw e;
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.putObject("error").put("message", e.getMessage()).put("type", e instanceof HttpError h ? h.type : "server_error");
            try {
                events.send(error);
                events.done();
            } catch (UncheckedIOException clientGone) {
                // The client left as the generation failed: there is no one to tell.
            }
        }
    }

    private ObjectNode answer(String id, String object, ServedModel model, ObjectNode choice, LocalCompletion completion) {
        ObjectNode out = header(id, object, model);
        out.putArray("choices").add(choice);
        out.set("usage", usage(completion));
        return out;
    }

    private ObjectNode chatChunk(String id, ServedModel model, ObjectNode delta, String finishReason) {
        ObjectNode out = header(id, "chat.completion.chunk", model);
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return out;
    }

    private ObjectNode textChunk(String id, ServedModel model, String text, String finishReason) {
        ObjectNode out = header(id, "text_completion", model);
        out.putArray("choices").addObject().put("text", text).put("index", 0).putNull("logprobs")
                .put("finish_reason", finishReason);
        return out;
    }

    private ObjectNode header(String id, String object, ServedModel model) {
        return Json.MAPPER.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", model.name());
    }

    private static ObjectNode usage(LocalCompletion answer) {
        int prompt = answer.promptTokenIds().length;
        int completion = answer.tokenIds().length;
        return Json.MAPPER.createObjectNode().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
    }

    private static String finishReason(LocalCompletion answer) {
        return answer.finishReason() == FinishReason.STOP ? "stop" : "length";
    }
}
