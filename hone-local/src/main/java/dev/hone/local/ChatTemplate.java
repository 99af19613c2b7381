package dev.hone.local;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.hone.error.BadInputException;
import dev.hone.provider.ChatMessage;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model's own {@code chat_template} (Jinja, from {@code tokenizer_config.json}) rendered the way
 * {@code transformers}' {@code apply_chat_template} renders it: trim_blocks and lstrip_blocks on,
 * {@code messages}, {@code bos_token}, {@code eos_token} and {@code add_generation_prompt} bound,
 * and the helpers templates call, {@code raise_exception(message)} and {@code strftime_now(format)}.
 */
public final class ChatTemplate {
    private final String template;
    private final String source;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;

    /**
     * @param source names the file the template came from, for error messages
     * @throws BadInputException when the template cannot render a single user message
     */
    public ChatTemplate(String template, String source, String bosToken, String eosToken) {
        if (template == null || template.isBlank()) throw new BadInputException(source + " has no chat_template: this model is not set up for chat");
        this.template = template;
        this.source = source;
        this.bosToken = bosToken == null ? "" : bosToken;
        this.eosToken = eosToken == null ? "" : eosToken;
        // Jinja semantics where Jinjava's defaults differ: "{{-" strips like "{%-", and a filter binds
        // tighter than "+" ("'a' + content | trim" trims content only), as chat templates rely on.
        LegacyOverrides jinja = LegacyOverrides.newBuilder().withParseWhitespaceControlStrictly(true)
                .withUseTrimmingForNotesAndExpressions(true).withUseNaturalOperatorPrecedence(true).build();
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true)
                .withLegacyOverrides(jinja).build());
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(
                new ELFunctionDefinition("", "strftime_now", ChatTemplate.class, "strftimeNow", String.class));
        // Every chat template must at least render one user turn; finding out at load names the file early.
        render(List.of(ChatMessage.user("Hello")), true);
    }

    /**
     * The prompt text for {@code messages}; with {@code addGenerationPrompt} it ends where the
     * assistant's answer starts.
     *
     * @throws BadInputException when the template fails or raises (its message included)
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> turns = new ArrayList<>();
        for (ChatMessage message : messages) turns.add(Map.of("role", message.role(), "content", message.content()));
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("messages", turns);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        RenderResult result;
        try {
            result = jinjava.renderForResult(template, bindings);
        } catch (RuntimeException e) {
            throw new BadInputException(source + ": the chat_template failed: " + rootMessage(e), e);
        }
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                String where = error.getLineno() > 0 ? " (template line " + error.getLineno() + ")" : "";
                throw new BadInputException(source + ": the chat_template failed" + where + ": " + describe(error));
            }
        }
        return result.getOutput();
    }

    /** {@code raise_exception(message)}: what templates call to refuse a conversation (a role they do not know…). */
    public static String raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** {@code strftime_now(format)}: today's date for templates that print it (Llama 3.1+), in C strftime syntax. */
    public static String strftimeNow(String format) {
        ZonedDateTime now = ZonedDateTime.now();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                text.append(c);
                continue;
            }
            char code = format.charAt(++i);
            text.append(switch (code) {
                case 'd' -> String.format(Locale.ROOT, "%02d", now.getDayOfMonth());
                case 'm' -> String.format(Locale.ROOT, "%02d", now.getMonthValue());
                case 'Y' -> Integer.toString(now.getYear());
                case 'b' -> now.format(DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH));
                case 'B' -> now.format(DateTimeFormatter.ofPattern("MMMM", Locale.ENGLISH));
                case 'H' -> String.format(Locale.ROOT, "%02d", now.getHour());
                case 'M' -> String.format(Locale.ROOT, "%02d", now.getMinute());
                case '%' -> "%";
                default -> "%" + code;
            });
        }
        return text.toString();
    }

    /** The template's own words when it called raise_exception, else Jinjava's message. */
    private static String describe(TemplateError error) {
        for (Throwable e = error.getException(); e != null && e.getCause() != e; e = e.getCause()) {
            if (e instanceof TemplateRaisedException) return "raise_exception: " + e.getMessage();
        }
        return error.getMessage();
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e.getMessage();
    }

    /** What {@code raise_exception} throws; its message is the template's own. */
    static final class TemplateRaisedException extends RuntimeException {
        TemplateRaisedException(String message) {
            super(message);
        }
    }
}
