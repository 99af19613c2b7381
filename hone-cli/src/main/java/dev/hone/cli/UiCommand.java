package dev.hone.cli;

import dev.hone.error.BadInputException;
import dev.hone.server.Dashboard;
import dev.hone.server.ServerOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

// One element per paragraph: picocli wraps each to the terminal's width.
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Browse the run history in a web dashboard, until Ctrl-C.",
            "",
            "The dashboard serves the run store's history at the printed URL. Pages: the runs table (filter by task, sort by any column; check two runs to compare them), a run's summary and"
                + " its report.html (served from the run's folder while it is there), two runs side by side (score and cost"
                + " deltas, McNemar p-values and significance on a shared test set, the examples answered differently, config"
                + " and prompt diffs), and a task's page (recommended accuracy and monthly cost over time, its prompt versions"
                + " with their scores). The same data as JSON under /api/runs, /api/compare and /api/task.",
            "",
            "The token rules are hone serve's: binding to anything but loopback needs HONE_API_TOKEN, and then every page"
                + " needs 'Authorization: Bearer <token>' (a browser asks for a login: any user name, the token as the"
                + " password)."},
        footer = {"", "Examples:", "  ./hone ui", "  ./hone ui --port 9090 --store team-history.db",
            "  HONE_API_TOKEN=secret ./hone ui --host 0.0.0.0"})
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        ServerOptions defaults = ServerOptions.defaults(null);
        ServerOptions options;
        try {
            options = new ServerOptions(host, port, defaults.maxBatch(), defaults.maxWaitMillis(), defaults.maxBodyBytes(),
                    defaults.maxInputsPerRequest(), System.getenv("HONE_API_TOKEN"));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("ui: " + e.getMessage().replace("port", "--port"));
        }
        Dashboard dashboard = Dashboard.start(options, store.location());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }, "hone-ui-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String shown = host.contains(":") ? "[" + host + "]" : host;
        out.println("Run history of " + store.location().describe() + " at http://" + shown + ":" + dashboard.port() + "/"
                + (options.apiToken() == null ? "" : " (HONE_API_TOKEN required)") + "; Ctrl-C stops it");
        out.flush();
        stopped.await();
        return 0;
    }
}
