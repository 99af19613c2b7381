package dev.hone.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.error.HoneException;
import dev.hone.json.Json;
import dev.hone.store.StoreLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard over HTTP: its pages and JSON, its errors, and hone serve's token rules. */
class DashboardTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private Dashboard dashboard;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (dashboard != null) dashboard.close();
    }

    private String start(String token) throws Exception {
        Path folderA = Files.createDirectories(dir.resolve("runs/a"));
        Files.writeString(folderA.resolve("report.html"), "<html><body>report of A</body></html>");
        StoreLocation store = StoreLocation.ofFile(dir.resolve("store.db"));
        HistoryFixture.record(store, folderA, dir.resolve("runs/gone"));
        dashboard = Dashboard.start(new ServerOptions("127.0.0.1", 0, 32, 1, 1 << 20, 16, token), store);
        return "http://127.0.0.1:" + dashboard.port();
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) request.headers(headers);
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void servesPagesWithAPolicyThatForbidsScriptsAndTheSameDataAsJson() throws Exception {
        String base = start(null);
        HttpResponse<String> runs = get(base + "/");
        assertThat(runs.statusCode()).isEqualTo(200);
        assertThat(runs.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'none'"));
        assertThat(runs.body()).contains(HistoryFixture.A, HistoryFixture.B).doesNotContain("<script");

        JsonNode list = Json.MAPPER.readTree(get(base + "/api/runs").body());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("id").asText()).isEqualTo(HistoryFixture.B);
        assertThat(list.get(0).path("recommended_accuracy").asDouble()).isEqualTo(0.5);

        JsonNode compared = Json.MAPPER.readTree(get(base + "/api/compare?a=" + HistoryFixture.A + "&b=" + HistoryFixture.B).body());
        assertThat(compared.path("same_test_set").asBoolean()).isTrue();
        assertThat(compared.at("/candidates/0/p_value").asDouble()).isCloseTo(0.03125, within(1e-12));
        assertThat(compared.path("regression").asText()).isEqualTo("probe");

        JsonNode task = Json.MAPPER.readTree(get(base + "/api/task?name=" + DashboardPage.query(HistoryFixture.TASK)).body());
        assertThat(task.path("history")).hasSize(2);
        assertThat(task.at("/history/1/monthly_cost_usd").asDouble()).isEqualTo(10.0);
        assertThat(task.path("prompts")).hasSize(2);
        assertThat(task.at("/prompts/1/text").asText()).contains("A customer writes about {label}");

        assertThat(get(base + "/run/report?id=" + HistoryFixture.A).body()).isEqualTo("<html><body>report of A</body></html>");
        HttpResponse<String> gone = get(base + "/run/report?id=" + HistoryFixture.B);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).contains("moved or deleted");
    }

    @Test
    void comparingChecksTwoRunsAndPutsTheOlderFirst() throws Exception {
        String base = start(null);
        HttpResponse<String> newestFirst = get(base + "/compare?run=" + HistoryFixture.B + "&run=" + HistoryFixture.A);
        assertThat(newestFirst.statusCode()).isEqualTo(200);
        assertThat(newestFirst.body()).contains("A " + HistoryFixture.A + " → B " + HistoryFixture.B);
        HttpResponse<String> one = get(base + "/compare?run=" + HistoryFixture.A);
        assertThat(one.statusCode()).isEqualTo(400);
        assertThat(one.body()).contains("Check exactly two runs to compare; 1 were checked");
        HttpResponse<String> unknown = get(base + "/run?id=zzzz");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no run &#39;zzzz&#39;");
        assertThat(get(base + "/task?name=nothing").statusCode()).isEqualTo(404);
        assertThat(get(base + "/?limit=0").statusCode()).isEqualTo(400);
        assertThat(get(base + "/elsewhere").statusCode()).isEqualTo(404);
    }

    @Test
    void aTokenGuardsEveryPageButTheHealthCheckAndMayComeAsABearerOrABrowsersLogin() throws Exception {
        String base = start("s3cret");
        HttpResponse<String> denied = get(base + "/");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(denied.body()).contains("\"type\":\"unauthorized\"");
        assertThat(get(base + "/api/runs", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get(base + "/api/runs", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        String login = Base64.getEncoder().encodeToString("anyone:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(get(base + "/", "Authorization", "Basic " + login).statusCode()).isEqualTo(200);
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenOnlyRequestsAddressedToALoopbackNameAreAnswered() throws Exception {
        start(null);
        assertThat(statusFor("evil.example:" + dashboard.port())).as("a rebound name").isEqualTo(403);
        assertThat(statusFor("localhost:" + dashboard.port())).isEqualTo(200);
        assertThat(statusFor("127.0.0.1:" + dashboard.port())).isEqualTo(200);
        assertThat(statusFor("[::1]:" + dashboard.port())).isEqualTo(200);
    }

    /** The status of GET / sent with this Host header (the JDK's client will not set Host itself). */
    private int statusFor(String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", dashboard.port())) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void refusesANetworkAddressWithoutATokenAsHoneServeDoes() {
        StoreLocation store = StoreLocation.ofFile(dir.resolve("store.db"));
        assertThatThrownBy(() -> Dashboard.start(new ServerOptions("0.0.0.0", 0, 32, 1, 1 << 20, 16, null), store))
                .isInstanceOf(HoneException.class).hasMessageContaining("Refusing to listen on 0.0.0.0")
                .hasMessageContaining("HONE_API_TOKEN");
        assertThat(dir.resolve("store.db")).as("refused before the store is touched").doesNotExist();
    }
}
