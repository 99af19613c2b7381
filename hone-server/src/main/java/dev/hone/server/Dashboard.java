package dev.hone.server;

import static dev.hone.report.Html.esc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hone.error.BadInputException;
import dev.hone.json.Json;
import dev.hone.store.HistoryPoint;
import dev.hone.store.RecordedRun;
import dev.hone.store.RunComparison;
import dev.hone.store.RunStore;
import dev.hone.store.StoreException;
import dev.hone.store.StoreJson;
import dev.hone.store.StoreLocation;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code hone ui}: the run history in a browser, served by the same HTTP stack and token rules as
 * {@code hone serve} ({@link HttpStack}). Pages: {@code GET /} the runs table, {@code /run?id=} a
 * run and {@code /run/report?id=} its report.html, {@code /compare?a=&b=} (or two {@code run=}) two
 * runs side by side, {@code /task?name=} a task's history and prompt versions; the same data as JSON
 * under {@code /api/runs}, {@code /api/compare} and {@code /api/task}; {@code /healthz}.
 *
 * <p>Each request opens the store and closes it (a {@link RunStore} is one connection, not shared
 * between threads), so runs recorded while the dashboard is up show on the next load. Pages carry
 * no script, and a Content-Security-Policy forbids any: text from the store is escaped, and would
 * stay inert if it were not.
 */
public final class Dashboard implements AutoCloseable {
    /** Most runs the table lists unless {@code ?limit=} asks for more. */
    static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 100_000;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final ServerOptions options;
    private final StoreLocation store;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private Dashboard(ServerOptions options, StoreLocation store, HttpServer http) {
        this.options = options;
        this.store = store;
        this.http = http;
    }

    /**
     * Binds, opens the store once (so a store that cannot be opened fails here, not on the first page) and starts serving.
     *
     * @throws dev.hone.error.HoneException if the bind address is not loopback and no token is set, the port is taken, or the
     *                                      store cannot be opened
     */
    public static Dashboard start(ServerOptions options, StoreLocation store) {
        HttpServer http = HttpStack.bind(options, "read the run history");
        try {
            RunStore.open(store).close();
        } catch (RuntimeException e) {
            http.stop(0);
            throw e;
        }
        Dashboard dashboard = new Dashboard(options, store, http);
        http.setExecutor(dashboard.threads);
        http.createContext("/", dashboard::handle);
        http.start();
        return dashboard;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        boolean api = path.startsWith("/api/");
        try {
            route(ex, path);
        } catch (HttpError e) {
            fail(ex, api, e.status, e.getMessage(), e.type);
        } catch (BadInputException e) {
            fail(ex, api, 404, e.getMessage(), "not_found");
        } catch (StoreException e) {
            fail(ex, api, 503, e.getMessage(), "store_unavailable");
        } catch (RuntimeException e) {
            fail(ex, api, 500, "Internal error: " + e.getMessage(), "server_error");
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        HttpStack.requireMethod(ex.getRequestMethod(), "GET");
        if (path.equals("/healthz")) {
            HttpStack.send(ex, 200, Json.MAPPER.createObjectNode().put("status", "ok"));
            return;
        }
        requireLoopbackName(ex);
        HttpStack.authorize(ex, options.apiToken(), true);
        Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
        switch (path) {
            case "/" -> {
                String task = first(query, "task");
                int limit = limit(query);
                try (RunStore history = RunStore.open(store)) {
                    page(ex, RunsPage.render(history.runs(task, limit), history.tasks(), task, first(query, "sort"),
                            first(query, "order"), limit));
                }
            }
            case "/run" -> {
                try (RunStore history = RunStore.open(store)) {
                    RecordedRun run = history.find(required(query, "id"));
                    page(ex, RunPage.render(run, previous(history.history(run.run().task()), run.run().id())));
                }
            }
            case "/run/report" -> report(ex, required(query, "id"));
            case "/compare" -> {
                Pair pair = pair(query);
                try (RunStore history = RunStore.open(store)) {
                    RecordedRun a = history.find(pair.a());
                    RecordedRun b = history.find(pair.b());
                    if (pair.byTime() && a.run().startedAt().compareTo(b.run().startedAt()) > 0) {
                        RecordedRun older = b;
                        b = a;
                        a = older;
                    }
                    page(ex, ComparePage.render(a, b, RunComparison.of(a, b)));
                }
            }
            case "/task" -> {
                String task = required(query, "name");
                try (RunStore history = RunStore.open(store)) {
                    List<HistoryPoint> points = history.history(task);
                    if (points.isEmpty()) throw new HttpError(404, "No runs of task '" + task + "' in the store", "not_found");
                    page(ex, TaskPage.render(task, points, history.prompts(task)));
                }
            }
            case "/api/runs" -> {
                try (RunStore history = RunStore.open(store)) {
                    List<String> lines = history.runs(first(query, "task"), limit(query)).stream().map(StoreJson::runLine).toList();
                    HttpStack.sendText(ex, 200, "application/json; charset=utf-8", "[" + String.join(",\n", lines) + "]");
                }
            }
            case "/api/compare" -> {
                Pair pair = pair(query);
                try (RunStore history = RunStore.open(store)) {
                    HttpStack.sendText(ex, 200, "application/json; charset=utf-8",
                            StoreJson.comparison(RunComparison.of(history.find(pair.a()), history.find(pair.b()))));
                }
            }
            case "/api/task" -> {
                String task = required(query, "name");
                try (RunStore history = RunStore.open(store)) {
                    HttpStack.sendText(ex, 200, "application/json; charset=utf-8",
                            StoreJson.task(task, history.history(task), history.prompts(task)));
                }
            }
            default -> throw new HttpError(404, "No page " + path + "; the dashboard has /, /run?id=, /compare?a=&b=, /task?name="
                    + " and /api/runs, /api/compare, /api/task", "not_found");
        }
    }

    /**
     * Without a token the dashboard listens on loopback only, and answers only requests addressed to a loopback name: a page
     * of another site whose host name it makes resolve to 127.0.0.1 (DNS rebinding) cannot read the history through a
     * visitor's browser. With a token, the token guards it.
     */
    private void requireLoopbackName(HttpExchange ex) {
        if (options.apiToken() != null) return;
        String host = ex.getRequestHeaders().getFirst("Host");
        String name = host == null ? "" : host.strip().toLowerCase(Locale.ROOT).replaceFirst(":[0-9]+$", "").replaceAll("^\\[|]$", "");
        if (name.equals("localhost") || name.equals("::1") || name.startsWith("127.") || name.equals(options.host())) return;
        throw new HttpError(403, "This dashboard answers requests to localhost or 127.0.0.1 only, not to '" + host
                + "'; to reach it by another name, set HONE_API_TOKEN", "forbidden");
    }

    /** The run's report.html from its folder, with the dashboard's policy (the report has no script either). */
    private void report(HttpExchange ex, String id) throws IOException {
        RecordedRun run;
        try (RunStore history = RunStore.open(store)) {
            run = history.find(id);
        }
        Path report = RunPage.report(run.run());
        if (report == null) {
            throw new HttpError(404, "The report of run " + run.run().id() + " is not at " + Path.of(run.run().out()).resolve(RunPage.REPORT)
                    + ": the folder was moved or deleted, or has no report (hone report FOLDER writes one)", "not_found");
        }
        headers(ex);
        HttpStack.sendBytes(ex, 200, HTML, Files.readAllBytes(report));
    }

    /** The run of the same task just before {@code id}, or null. */
    private static String previous(List<HistoryPoint> history, String id) {
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).runId().equals(id)) return history.get(i - 1).runId();
        }
        return null;
    }

    /**
     * The two runs to compare: {@code a} and {@code b} as given, or two {@code run} values (the runs table's check boxes),
     * then ordered by start time so the older is the baseline.
     */
    private record Pair(String a, String b, boolean byTime) {
    }

    private static Pair pair(Map<String, List<String>> query) {
        List<String> checked = query.getOrDefault("run", List.of());
        if (!checked.isEmpty()) {
            if (checked.size() != 2) {
                throw new HttpError(400, "Check exactly two runs to compare; " + checked.size() + " were checked", "invalid_request");
            }
            return new Pair(checked.get(0), checked.get(1), true);
        }
        return new Pair(required(query, "a"), required(query, "b"), false);
    }

    private static int limit(Map<String, List<String>> query) {
        String given = first(query, "limit");
        if (given == null) return DEFAULT_LIMIT;
        try {
            int limit = Integer.parseInt(given);
            if (limit >= 1 && limit <= MAX_LIMIT) return limit;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpError(400, "limit must be a whole number within [1, " + MAX_LIMIT + "], got '" + given + "'", "invalid_request");
    }

    private static String required(Map<String, List<String>> query, String name) {
        String value = first(query, name);
        if (value == null) throw new HttpError(400, "Missing query parameter '" + name + "'", "invalid_request");
        return value;
    }

    /** A parameter's first non-blank value, or null. */
    private static String first(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).findFirst().orElse(null);
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return values;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "Malformed query string: " + e.getMessage(), "invalid_request");
        }
    }

    private static void headers(HttpExchange ex) {
        ex.getResponseHeaders().set("Content-Security-Policy", POLICY);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
    }

    private static void page(HttpExchange ex, String html) throws IOException {
        headers(ex);
        HttpStack.sendText(ex, 200, HTML, html);
    }

    private static void fail(HttpExchange ex, boolean api, int status, String message, String type) throws IOException {
        if (api || status == 401 || status == 405) {
            HttpStack.send(ex, status, HttpStack.error(message, type));
            return;
        }
        headers(ex);
        HttpStack.sendText(ex, status, HTML, DashboardPage.page("Error " + status, "<h1>Error " + status + "</h1><p id=\"error\">"
                + esc(message) + "</p>"));
    }

    /** Stops accepting connections and lets in-flight requests finish (up to 1 s). */
    @Override
    public void close() {
        http.stop(1);
        threads.close();
    }
}
