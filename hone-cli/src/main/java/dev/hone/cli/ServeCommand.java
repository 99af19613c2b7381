package dev.hone.cli;

import dev.hone.Hone;
import dev.hone.error.BadInputException;
import dev.hone.results.CandidateCard;
import dev.hone.server.HoneServer;
import dev.hone.server.ServedModel;
import dev.hone.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a candidate over HTTP: POST /v1/classify, POST /v1/embeddings, GET /metrics,",
            "GET /healthz, GET /readyz and a try-it page at GET /.",
            "PATH is a candidate folder, or a run folder (then its recommended candidate is served).",
            "When HONE_API_TOKEN is set, every endpoint but the health checks needs 'Authorization: Bearer <token>';",
            "binding to anything but loopback without a token is refused. Ctrl-C or SIGTERM finishes in-flight requests."},
        footer = {"", "Examples:", "  ./hone serve runs/demo", "  HONE_API_TOKEN=secret ./hone serve runs/demo --host 0.0.0.0 --port 9000",
            "  curl -s localhost:8080/v1/classify -d '{\"inputs\": [\"where is my parcel?\"]}'"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "A candidate folder (runs/<run>/candidates/<name>) or a run folder.")
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

    @Override
    public Integer call() throws InterruptedException {
        Path candidate = Hone.candidateDirectory(path);
        if (!Files.isRegularFile(candidate.resolve(CandidateCard.FILE))) {
            // Fail before binding: a retrieval run's recommendation is a search mode, not a servable candidate.
            throw new BadInputException(candidate + " holds no candidate.json; serve a classification run's folder"
                    + " or one of its candidates (runs/<run>/candidates/<name>)");
        }
        String name = candidate.getFileName().toString();
        PrintWriter out = spec.commandLine().getOut();
        out.println(candidate.equals(path) ? "serving candidate " + name + " from " + candidate
                : "serving " + name + ", the recommended candidate of run " + path);
        out.flush();
        HoneServer server = HoneServer.start(options(), () -> new ServedModel(name, candidate, Hone.load(candidate)));
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
            return new ServerOptions(host, port, maxBatch, maxWaitMillis, maxBodyBytes, maxInputs, System.getenv("HONE_API_TOKEN"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("serve: " + e.getMessage().replace("maxBatch", "--max-batch")
                    .replace("maxWaitMillis", "--max-wait-ms").replace("maxBodyBytes", "--max-body-bytes")
                    .replace("maxInputsPerRequest", "--max-inputs").replace("port", "--port"));
        }
    }
}
