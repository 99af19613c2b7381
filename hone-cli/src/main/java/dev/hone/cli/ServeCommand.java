package dev.hone.cli;

import dev.hone.error.BadInputException;
import dev.hone.server.HoneServer;
import dev.hone.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

// One element per paragraph: picocli wraps each to the terminal's width.
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a candidate or a chat model over HTTP.",
            "Either way it answers GET /metrics, GET /healthz and GET /readyz, with a page at GET /.",
            "",
            "PATH is a candidate folder, or a run folder (then its recommended candidate is served): POST /v1/classify and"
                + " POST /v1/embeddings.",
            "",
            "PATH may also be a Hugging Face chat model folder (config.json of a Llama, Qwen2 or Mistral model, the"
                + " safetensors weights, tokenizer.json, tokenizer_config.json with its chat_template): OpenAI's"
                + " POST /v1/chat/completions (stream: true for server-sent events), POST /v1/completions (the prompt as"
                + " written; logprobs) and GET /v1/models, so any OpenAI client, Hone's own type: openai provider"
                + " included, can use it. An LLM candidate whose provider is type: local serves both: it classifies,"
                + " and its model chats.",
            "",
            "Each chat or completion request decodes in its own session: at most --max-generations at once, up to"
                + " --max-queued-generations more wait, and beyond that a request gets 503 (OpenAI clients retry it).",
            "",
            "When HONE_API_TOKEN is set, every endpoint but the health checks needs 'Authorization: Bearer <token>';"
                + " binding to anything but loopback without a token is refused. Ctrl-C or SIGTERM finishes in-flight"
                + " requests."},
        footer = {"", "Examples:", "  ./hone serve runs/demo", "  HONE_API_TOKEN=secret ./hone serve runs/demo --host 0.0.0.0 --port 9000",
            "  curl -s localhost:8080/v1/classify -d '{\"inputs\": [\"where is my parcel?\"]}'",
            "  ./hone serve ~/models/Qwen2.5-0.5B-Instruct",
            "  curl -s localhost:8080/v1/chat/completions -d '{\"max_tokens\": 64,",
            "    \"messages\": [{\"role\": \"user\", \"content\": \"Name three colours.\"}]}'",
            "  curl -sN localhost:8080/v1/chat/completions -d '{\"stream\": true,",
            "    \"messages\": [{\"role\": \"user\", \"content\": \"Tell me a story.\"}]}'"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH",
            description = "A candidate folder (runs/<run>/candidates/<name>), a run folder, or a Hugging Face chat model folder.")
    Path path;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-batch", defaultValue = "32", description = "Most texts merged into one model call (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "5",
            description = "Longest a text waits for others to join its batch (default: ${DEFAULT-VALUE}).")
    int maxWaitMillis;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", description = "Largest request body (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--max-inputs", defaultValue = "256", description = "Most texts per request (default: ${DEFAULT-VALUE}).")
    int maxInputs;

    @Option(names = "--max-generations", defaultValue = "" + ServerOptions.DEFAULT_MAX_GENERATIONS,
            description = "Chat or completion requests decoding at once (default: ${DEFAULT-VALUE}).")
    int maxGenerations;

    @Option(names = "--max-queued-generations", defaultValue = "" + ServerOptions.DEFAULT_MAX_QUEUED_GENERATIONS,
            description = "Chat or completion requests that may wait for a free session; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxQueuedGenerations;

    @Override
    public Integer call() throws InterruptedException {
        ServeTarget target = ServeTarget.of(path);
        PrintWriter out = spec.commandLine().getOut();
        out.println(target.describe(path));
        out.flush();
        HoneServer server = HoneServer.start(options(), target::load);
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: stop accepting, let in-flight requests finish, then exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "hone-serve-shutdown"));
        out.println("listening on http://" + host + ":" + server.port() + "/ (model loading in the background; GET /readyz)");
        out.flush();
        stopped.await();
        return 0;
    }

    private ServerOptions options() {
        try {
            return new ServerOptions(host, port, maxBatch, maxWaitMillis, maxBodyBytes, maxInputs, System.getenv("HONE_API_TOKEN"),
                    maxGenerations, maxQueuedGenerations);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("serve: " + e.getMessage().replace("maxBatch", "--max-batch")
                    .replace("maxWaitMillis", "--max-wait-ms").replace("maxBodyBytes", "--max-body-bytes")
                    .replace("maxInputsPerRequest", "--max-inputs").replace("maxQueuedGenerations", "--max-queued-generations")
                    .replace("maxGenerations", "--max-generations").replace("port", "--port"));
        }
    }
}
