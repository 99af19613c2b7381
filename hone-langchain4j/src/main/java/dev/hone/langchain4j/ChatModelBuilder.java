package dev.hone.langchain4j;

import dev.hone.config.ConfigNode;
import dev.hone.provider.ProviderConfig;
import dev.hone.provider.ProviderException;
import dev.langchain4j.model.chat.ChatModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a LangChain4j {@link ChatModel} from a provider's {@code chat_model} and {@code settings} by
 * reflection on the class's static {@code builder()}: {@code model} becomes {@code modelName},
 * {@code base_url} {@code baseUrl} (else the vendor's default), {@code timeout_seconds} {@code timeout},
 * LangChain4j's own retries are switched off ({@code maxRetries(0)}: Hone retries), and each setting is
 * one builder call by name, its text converted to the parameter's type (String, int, long, double,
 * float, boolean, an enum constant, or a Duration given in seconds).
 */
final class ChatModelBuilder {

    /** A chat model known by a short name, and the Maven artifact that carries it. */
    record Alias(String className, String artifact) {
    }

    static final Map<String, Alias> ALIASES = Map.of(
            "anthropic", new Alias("dev.langchain4j.model.anthropic.AnthropicChatModel", "dev.langchain4j:langchain4j-anthropic"),
            "gemini", new Alias("dev.langchain4j.model.googleai.GoogleAiGeminiChatModel", "dev.langchain4j:langchain4j-google-ai-gemini"),
            "openai", new Alias("dev.langchain4j.model.openai.OpenAiChatModel", "dev.langchain4j:langchain4j-open-ai"));

    /** Builder calls Hone makes from the provider's own keys; a setting may not make them again. */
    private static final Map<String, String> RESERVED = Map.of(
            "apiKey", "keys must not be written in the config; name the environment variable with api_key_env",
            "modelName", "is set from model:", "baseUrl", "is set from base_url:", "timeout", "is set from timeout_seconds:",
            "maxRetries", "is set from max_retries: (Hone retries; LangChain4j's own retries stay off)");

    private ChatModelBuilder() {
    }

    /** The class chat_model names: an alias's class or a fully qualified class name. */
    static String className(String chatModel) {
        Alias alias = ALIASES.get(chatModel.toLowerCase(Locale.ROOT));
        return alias != null ? alias.className() : chatModel;
    }

    /**
     * What is wrong with config's chat_model and settings before anything is built: key under the
     * provider → message. Empty when the model can be built.
     */
    static Map<String, String> problems(ProviderConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        Class<?> builderType;
        try {
            builderType = builderType(config.chatModel());
        } catch (ProviderException e) {
            problems.put("chat_model", e.getMessage());
            return problems;
        }
        for (Map.Entry<String, String> setting : config.settings().entrySet()) {
            String name = setting.getKey();
            if (RESERVED.containsKey(name)) {
                problems.put("settings." + name, RESERVED.get(name));
                continue;
            }
            List<Method> methods = setters(builderType, name);
            if (methods.isEmpty()) {
                Set<String> names = settingNames(builderType);
                problems.put("settings." + name, "is not a method of " + builderType.getName() + ConfigNode.suggestion(name, names)
                        + " (its settings: " + String.join(", ", names) + ")");
            } else if (methods.stream().noneMatch(m -> convert(setting.getValue(), m.getParameterTypes()[0]).isPresent())) {
                problems.put("settings." + name, "cannot be '" + setting.getValue() + "': " + name + " takes "
                        + methods.stream().map(m -> m.getParameterTypes()[0].getSimpleName()).distinct().toList()
                        + (methods.stream().anyMatch(m -> m.getParameterTypes()[0] == Duration.class) ? " (a Duration is given in seconds)" : ""));
            }
        }
        return problems;
    }

    /** The chat model config describes, with the key given (read from api_key_env by the caller, never kept here). */
    static ChatModel build(ProviderConfig config, String apiKey) {
        Class<?> builderType = builderType(config.chatModel());
        Object builder = newBuilder(config.chatModel());
        if (!apiKey.isEmpty()) call(builder, builderType, "apiKey", apiKey);
        call(builder, builderType, "modelName", config.model());
        if (config.baseUrl() != null) call(builder, builderType, "baseUrl", config.baseUrl().toString());
        call(builder, builderType, "timeout", String.valueOf(config.timeoutSeconds()));
        // Hone retries with its own backoff, counted against max_retries: two layers would multiply the attempts.
        if (!setters(builderType, "maxRetries").isEmpty()) call(builder, builderType, "maxRetries", "0");
        config.settings().forEach((name, value) -> call(builder, builderType, name, value));
        try {
            Object model = builderType.getMethod("build").invoke(builder);
            if (model instanceof ChatModel chatModel) return chatModel;
            throw new ProviderException("provider '" + config.name() + "': " + builderType.getName() + ".build() made a "
                    + model.getClass().getName() + ", not a LangChain4j ChatModel");
        } catch (InvocationTargetException e) {
            throw new ProviderException("provider '" + config.name() + "': the chat model " + className(config.chatModel())
                    + " could not be built: " + scrub(e.getCause().getMessage(), apiKey), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ProviderException("provider '" + config.name() + "': " + builderType.getName() + " has no public build()", e);
        }
    }

    private static Class<?> builderType(String chatModel) {
        try {
            Method builder = modelClass(chatModel).getMethod("builder");
            if (!Modifier.isStatic(builder.getModifiers())) throw new NoSuchMethodException("builder() is not static");
            return builder.getReturnType();
        } catch (NoSuchMethodException e) {
            throw new ProviderException(className(chatModel) + " has no static builder(); name a LangChain4j ChatModel class that has one");
        }
    }

    private static Object newBuilder(String chatModel) {
        try {
            return modelClass(chatModel).getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new ProviderException("cannot start a builder of " + className(chatModel) + ": " + e, e);
        }
    }

    private static Class<?> modelClass(String chatModel) {
        Alias alias = ALIASES.get(chatModel.toLowerCase(Locale.ROOT));
        Class<?> type;
        try {
            type = Class.forName(className(chatModel), true, ChatModelBuilder.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            if (alias != null) {
                throw new ProviderException("'" + chatModel + "' needs " + alias.artifact() + " on the class path (it holds " + alias.className()
                        + "); add that Maven artifact, version " + ChatModel.class.getPackage().getImplementationVersion() + " or the"
                        + " langchain4j-core version in use");
            }
            throw new ProviderException("'" + chatModel + "' is neither an alias (" + String.join(", ", new TreeSet<>(ALIASES.keySet()))
                    + ") nor a class on the class path" + suggestionOrPeriod(chatModel)
                    + " A class must be a fully qualified LangChain4j ChatModel, its module on the class path");
        }
        if (!ChatModel.class.isAssignableFrom(type)) {
            throw new ProviderException(type.getName() + " is not a LangChain4j ChatModel (dev.langchain4j.model.chat.ChatModel)");
        }
        return type;
    }

    private static String suggestionOrPeriod(String chatModel) {
        String suggestion = ConfigNode.suggestion(chatModel, ALIASES.keySet());
        return suggestion.isEmpty() ? "." : suggestion;
    }

    /** Public one-argument methods of the builder called name (overloads included), bridges left out. */
    private static List<Method> setters(Class<?> builderType, String name) {
        return Arrays.stream(builderType.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == 1 && !m.isBridge() && !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    /** Every builder method a setting can name, for messages. */
    private static Set<String> settingNames(Class<?> builderType) {
        Set<String> names = new TreeSet<>();
        for (Method m : builderType.getMethods()) {
            if (m.getParameterCount() == 1 && !m.isBridge() && !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() != Object.class
                    && !RESERVED.containsKey(m.getName())) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static void call(Object builder, Class<?> builderType, String name, String value) {
        for (Method method : setters(builderType, name)) {
            Optional<Object> argument = convert(value, method.getParameterTypes()[0]);
            if (argument.isEmpty()) continue;
            try {
                method.trySetAccessible();
                method.invoke(builder, argument.get());
                return;
            } catch (InvocationTargetException e) {
                throw new ProviderException(builderType.getName() + "." + name + " refused its value: " + e.getCause().getMessage(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new ProviderException("cannot call " + builderType.getName() + "." + name + ": " + e.getMessage(), e);
            }
        }
        throw new ProviderException(builderType.getName() + " has no method " + name + " taking '" + ("apiKey".equals(name) ? "[key]" : value) + "'");
    }

    /** value converted to type, or empty when it does not fit. */
    static Optional<Object> convert(String value, Class<?> type) {
        try {
            if (type == String.class || type == Object.class) return Optional.of(value);
            if (type == int.class || type == Integer.class) return Optional.of(Integer.parseInt(value.strip()));
            if (type == long.class || type == Long.class) return Optional.of(Long.parseLong(value.strip()));
            if (type == double.class || type == Double.class) return Optional.of(Double.parseDouble(value.strip()));
            if (type == float.class || type == Float.class) return Optional.of(Float.parseFloat(value.strip()));
            if (type == boolean.class || type == Boolean.class) {
                String text = value.strip().toLowerCase(Locale.ROOT);
                return text.equals("true") || text.equals("false") ? Optional.of(Boolean.parseBoolean(text)) : Optional.empty();
            }
            if (type == Duration.class) return Optional.of(Duration.ofMillis(Math.round(Double.parseDouble(value.strip()) * 1000)));
            if (type.isEnum()) {
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equalsIgnoreCase(value.strip())) return Optional.of(constant);
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String scrub(String text, String apiKey) {
        if (text == null) return "";
        return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "[key]");
    }
}
