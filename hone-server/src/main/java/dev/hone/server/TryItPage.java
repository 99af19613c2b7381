package dev.hone.server;

import dev.hone.error.HoneException;
import dev.hone.results.CandidateCard;
import dev.hone.results.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;

/**
 * {@code GET /}: the served candidate's card (task, strategy, test accuracy with its interval,
 * provenance) and a box to try a text against {@code POST /v1/classify}. One self-contained page;
 * every value from the card is HTML-escaped, and the script writes answers with textContent only.
 */
final class TryItPage {
    private static final String STYLE = "body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:2em auto;padding:0 1em;"
            + "color:#1f2937}table{border-collapse:collapse}th,td{text-align:left;padding:2px 10px 2px 0;vertical-align:top}"
            + "th{color:#6b7280;font-weight:normal}textarea{width:100%;font:inherit}#label{font-size:1.4em;font-weight:600}"
            + ".muted{color:#6b7280}";
    private static final String SCRIPT = """
            const form = document.getElementById('try');
            form.addEventListener('submit', async (event) => {
              event.preventDefault();
              const headers = {'Content-Type': 'application/json'};
              const token = document.getElementById('token');
              if (token && token.value) headers['Authorization'] = 'Bearer ' + token.value;
              const label = document.getElementById('label');
              const scores = document.getElementById('scores');
              label.textContent = '…';
              scores.textContent = '';
              try {
                const response = await fetch('/v1/classify', {method: 'POST', headers,
                  body: JSON.stringify({inputs: [document.getElementById('text').value]})});
                const body = await response.json();
                if (!response.ok) { label.textContent = 'Error: ' + body.error.message; return; }
                const result = body.results[0];
                label.textContent = result.label + ' (' + result.score.toFixed(3) + ')'
                    + (result.truncated ? ' · text truncated to the model\\'s maximum length' : '');
                for (const [name, p] of Object.entries(result.scores).sort((a, b) => b[1] - a[1])) {
                  const row = document.createElement('tr');
                  const cell = document.createElement('td'); cell.textContent = name; row.appendChild(cell);
                  const value = document.createElement('td'); value.textContent = p.toFixed(3); row.appendChild(value);
                  scores.appendChild(row);
                }
              } catch (error) { label.textContent = 'Error: ' + error; }
            });
            // /?text=... fills the box and classifies at once: a link that shows an answer.
            const preset = new URLSearchParams(location.search).get('text');
            if (preset) { document.getElementById('text').value = preset; form.requestSubmit(); }
            """;

    private TryItPage() {
    }

    static String render(ServedModel model, boolean tokenRequired) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hone: ")
                .append(model == null ? "loading" : esc(model.name())).append("</title><style>").append(STYLE)
                .append("</style></head><body>");
        if (model == null) {
            return b.append("<h1>Hone</h1><p>The model is still loading; reload this page in a moment.</p></body></html>")
                    .toString();
        }
        if (model.classifier() == null) return chatModelPage(b, model);
        CandidateCard card = card(model.directory());
        b.append("<h1>").append(esc(model.name())).append("</h1><table>");
        row(b, "task", card == null || card.task() == null ? " ()" : card.task().name() + " (" + card.task().kind() + ")");
        row(b, "strategy", card == null || card.kind() == null ? "" : card.kind());
        row(b, "model", card == null || card.model() == null ? "" : card.model());
        if (card != null && card.metrics() != null) {
            List<Double> ci = card.metrics().accuracyCi95();
            row(b, "test accuracy", String.format(Locale.ROOT, "%.3f", card.metrics().accuracy())
                    + (ci != null && ci.size() == 2 ? String.format(Locale.ROOT, " (95%% interval %.3f–%.3f)", ci.get(0), ci.get(1)) : ""));
        }
        row(b, "labels", card == null || card.labels() == null ? "" : String.join(", ", card.labels()));
        Provenance p = card == null ? null : card.provenance();
        if (p != null) {
            // A hand-written card may leave fields out: only what it gives is shown.
            optionalRow(b, "hone version", p.honeVersion());
            optionalRow(b, "java version", p.javaVersion());
            row(b, "seed", String.valueOf(p.seed()));
            optionalRow(b, "dataset sha256", p.datasetSha256());
            optionalRow(b, "model", p.model());
            optionalRow(b, "started at", p.startedAt());
            if (p.hostCores() > 0) row(b, "host cores", String.valueOf(p.hostCores()));
        }
        b.append("</table><h2>Try it</h2><form id=\"try\">");
        if (tokenRequired) {
            b.append("<p><label>API token <input id=\"token\" type=\"password\" autocomplete=\"off\"></label></p>");
        }
        b.append("<p><textarea id=\"text\" rows=\"3\" placeholder=\"Type a text to classify\"></textarea></p>")
                .append("<p><button id=\"submit\" type=\"submit\">Classify</button></p></form>")
                .append("<p id=\"label\" aria-live=\"polite\"></p><table id=\"scores\"></table>")
                .append("<p class=\"muted\">POST /v1/classify · POST /v1/embeddings · GET /metrics</p>")
                .append("<script>").append(SCRIPT).append("</script></body></html>");
        return b.toString();
    }

    /** A chat model folder has no card and nothing to classify: the page names it and shows how to ask it. */
    private static String chatModelPage(StringBuilder b, ServedModel model) {
        b.append("<h1>").append(esc(model.name())).append("</h1><table>");
        if (model.directory() != null) row(b, "model folder", model.directory().toString());
        row(b, "architecture", model.chatModel().decoder().config().architecture().className());
        row(b, "context", model.chatModel().decoder().config().maxSequenceLength() + " tokens");
        b.append("</table><p>An OpenAI-compatible chat model. Ask it with any OpenAI client (base URL <code>/v1</code>), or:</p>")
                .append("<pre>curl -s ").append("http://HOST:PORT/v1/chat/completions -H 'Content-Type: application/json' \\\n")
                .append("  -d '{\"model\": \"").append(esc(model.name()))
                .append("\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'</pre>")
                .append("<p class=\"muted\">POST /v1/chat/completions · POST /v1/completions · GET /v1/models · GET /metrics</p>")
                .append("</body></html>");
        return b.toString();
    }

    /** The served candidate's card, or null when it has none (a candidate folder saved by hand) or it cannot be read. */
    private static CandidateCard card(Path directory) {
        if (directory == null || !Files.isRegularFile(directory.resolve(CandidateCard.FILE))) return null;
        try {
            return CandidateCard.read(directory);
        } catch (HoneException e) {
            return null;
        }
    }

    private static void optionalRow(StringBuilder b, String name, String value) {
        if (value != null) row(b, name, value);
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
