package dev.hone.server;

import dev.hone.Classifier;
import dev.hone.Prediction;
import dev.hone.error.HoneException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoneServerTest {

    /** Labels a text "long" when it has more than 5 characters, and records every batch it sees. */
    static final class LengthClassifier implements Classifier {
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

        @Override public List<String> labels() { return List.of("short", "long"); }

        @Override public List<Prediction> predictBatch(List<String> texts) {
            batches.add(texts.size());
            return texts.stream().map(t -> t.length() > 5
                    ? new Prediction("long", 0.9, Map.of("long", 0.9, "short", 0.1))
                    : new Prediction("short", 0.8, Map.of("long", 0.2, "short", 0.8))).toList();
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final LengthClassifier classifier = new LengthClassifier();
    private HoneServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private HoneServer start(String token, int maxWaitMillis) throws InterruptedException {
        server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 32, maxWaitMillis, 200, 3, token),
                () -> new ServedModel("probe", classifier));
        while (!server.ready()) Thread.sleep(5);
        return server;
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void classifiesInOrderAndAnswersHealthChecks() throws Exception {
        start(null, 1);
        HttpResponse<String> r = send("POST", "/v1/classify", "{\"inputs\": [\"a long text\", \"hi\"]}", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"model\":\"probe\",\"results\":[{\"label\":\"long\"")
                .contains("{\"label\":\"short\",\"score\":0.8");
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/readyz", null, null).body()).contains("ready");
    }

    @Test
    void rejectsBadRequestsWithJsonErrors() throws Exception {
        start(null, 1);
        HttpResponse<String> malformed = send("POST", "/v1/classify", "{\"inputs\": [", null);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"error\"").contains("Malformed JSON").doesNotContain("at dev.hone");
        assertThat(send("POST", "/v1/classify", "{\"inputs\": [\"a\",\"b\",\"c\",\"d\"]}", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/classify", "{\"inputs\": [\"" + "x".repeat(300) + "\"]}", null).statusCode())
                .isEqualTo(413);
        assertThat(send("GET", "/v1/classify", null, null).statusCode()).isEqualTo(405);
        HttpResponse<String> missing = send("GET", "/nope", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"type\":\"not_found\"");
    }

    @Test
    void requiresTheBearerTokenExceptOnHealthChecks() throws Exception {
        start("s3cret", 1);
        HttpResponse<String> denied = send("POST", "/v1/classify", "{\"inputs\": [\"hi\"]}", null);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains("\"type\":\"unauthorized\"");
        assertThat(send("POST", "/v1/classify", "{\"inputs\": [\"hi\"]}", "wrong").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/v1/classify", "{\"inputs\": [\"hi\"]}", "s3cret").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void exposesPrometheusMetricsAfterRequests() throws Exception {
        // A 50 ms batching window: with 1 ms, a loaded machine split the request's two texts into two batches.
        start(null, 50);
        send("POST", "/v1/classify", "{\"inputs\": [\"a long text\", \"hi\"]}", null);
        send("GET", "/nope", null, null);
        // A request is counted once its exchange has closed, which can be just after the client has its answer.
        HttpResponse<String> metrics = send("GET", "/metrics", null, null);
        for (int i = 0; i < 100 && !metrics.body().contains("status=\"404\"} 1"); i++) {
            Thread.sleep(20);
            metrics = send("GET", "/metrics", null, null);
        }
        // Earlier scrapes are requests too: the histogram counts every request the counters count.
        long counted = metrics.body().lines().filter(l -> l.startsWith("hone_requests_total{"))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("hone_requests_total{endpoint=\"/v1/classify\",status=\"200\"} 1")
                .contains("hone_requests_total{endpoint=\"other\",status=\"404\"} 1")
                .contains("# TYPE hone_request_duration_seconds histogram", "hone_request_duration_seconds_bucket{le=\"+Inf\"} " + counted,
                        "hone_request_duration_seconds_count " + counted)
                .contains("hone_batch_size_count 1", "hone_batch_size_bucket{le=\"2\"} 1")
                .containsPattern("hone_model_load_seconds \\d+\\.\\d+");
    }

    @Test
    void embeddingsNeedAModelWithAnEncoder() throws Exception {
        start(null, 1);
        HttpResponse<String> r = send("POST", "/v1/embeddings", "{\"input\": \"hello\", \"model\": \"x\"}", null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("has no sentence encoder");
        assertThat(send("POST", "/v1/embeddings", "{\"input\": 3}", null).statusCode()).isEqualTo(400);
    }

    @Test
    void runningOutOfMemoryAnswers503AndTheServerKeepsServing() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        Classifier hungry = new Classifier() {
            @Override public List<String> labels() { return List.of("short", "long"); }

            @Override public List<Prediction> predictBatch(List<String> texts) {
                if (first.getAndSet(false)) throw new OutOfMemoryError("Java heap space");
                return classifier.predictBatch(texts);
            }
        };
        server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 32, 1, 200, 3, null), () -> new ServedModel("hungry", hungry));
        while (!server.ready()) Thread.sleep(5);

        HttpResponse<String> failed = send("POST", "/v1/classify", "{\"inputs\": [\"hello there\"]}", null);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("ran out of memory while classifying a batch of 1 texts").contains("HONE_JAVA_OPTS");
        // The batch worker survived: the next request is answered.
        assertThat(send("POST", "/v1/classify", "{\"inputs\": [\"hello there\"]}", null).statusCode()).isEqualTo(200);
    }

    @Test
    void closingFinishesRequestsAlreadyInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Classifier slow = new Classifier() {
            @Override public List<String> labels() { return List.of("short", "long"); }

            @Override public List<Prediction> predictBatch(List<String> texts) {
                entered.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return classifier.predictBatch(texts);
            }
        };
        server = HoneServer.start(new ServerOptions("127.0.0.1", 0, 32, 1, 200, 3, null), () -> new ServedModel("slow", slow));
        while (!server.ready()) Thread.sleep(5);
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/v1/classify", "{\"inputs\": [\"hi\"]}", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // Wait until the request is inside the slow classifier (a fixed sleep raced a loaded machine).
        assertThat(entered.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        server.close();     // what the SIGTERM hook of `hone serve` calls
        server = null;
        assertThat(inFlight.get().statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnOpenBindWithoutAToken() {
        assertThatThrownBy(() -> HoneServer.start(new ServerOptions("0.0.0.0", 0, 32, 5, 1024, 8, null),
                () -> new ServedModel("probe", classifier)))
                .isInstanceOf(HoneException.class).hasMessageContaining("HONE_API_TOKEN");
    }

    @Test
    void mergesConcurrentRequestsAndKeepsEachCallersOrder() throws Exception {
        start(null, 200);
        int callers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            responses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return send("POST", "/v1/classify", "{\"inputs\": [\"long text\", \"hi\"]}", null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (CompletableFuture<HttpResponse<String>> f : responses) {
            String body = f.join().body();
            assertThat(body.indexOf("\"long\",\"score\"")).isLessThan(body.indexOf("\"short\",\"score\""));
        }
        assertThat(classifier.batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * callers);
        assertThat(classifier.batches.size()).isLessThan(callers);
    }
}
