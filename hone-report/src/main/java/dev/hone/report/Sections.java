package dev.hone.report;

import static dev.hone.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** The report's lower sections: confusion matrix, error table, dataset checks, provenance. */
final class Sections {
    private static final int MAX_ERRORS = 50;

    private Sections() {
    }

    static String confusionAndErrors(JsonNode r, String recommended) {
        JsonNode chosen = null;
        for (JsonNode c : r.path("candidates")) {
            if (c.path("name").asText().equals(recommended)) {
                chosen = c;
            }
        }
        if (chosen == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Confusion matrix: ").append(esc(recommended))
                .append("</h2><table><tr><th>true \\ predicted</th>");
        JsonNode labels = chosen.path("confusion").path("labels");
        labels.forEach(l -> b.append("<th>").append(esc(l.asText())).append("</th>"));
        b.append("</tr>");
        JsonNode matrix = chosen.path("confusion").path("matrix");
        for (int i = 0; i < labels.size(); i++) {
            b.append("<tr><th>").append(esc(labels.get(i).asText())).append("</th>");
            for (int j = 0; j < labels.size(); j++) {
                int v = matrix.path(i).path(j).asInt();
                String bg = i == j ? "#dcfce7" : v > 0 ? "#fee2e2" : "transparent";
                b.append("<td class=\"n\" style=\"background:").append(bg).append("\">").append(v).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table><h2>Errors: ").append(esc(recommended)).append("</h2><table><tr><th>#</th><th>Text</th>"
                + "<th>True</th><th>Predicted</th></tr>");
        JsonNode test = r.path("examples").path("test");
        JsonNode predictions = chosen.path("test_predictions");
        int shown = 0;
        int errors = 0;
        for (int i = 0; i < test.size() && i < predictions.size(); i++) {
            String truth = test.get(i).path("label").asText();
            String predicted = predictions.get(i).asText();
            if (!truth.equals(predicted)) {
                errors++;
                if (shown++ < MAX_ERRORS) {
                    b.append("<tr><td class=\"n\">").append(i + 1).append("</td><td>")
                            .append(esc(test.get(i).path("text").asText())).append("</td><td>").append(esc(truth))
                            .append("</td><td>").append(esc(predicted)).append("</td></tr>");
                }
            }
        }
        b.append("</table><p class=\"muted\">").append(errors).append(" errors on the test split")
                .append(errors > MAX_ERRORS ? ", first " + MAX_ERRORS + " shown" : "").append(".</p>");
        return b.toString();
    }

    static String checks(JsonNode r) {
        StringBuilder b = new StringBuilder("<h2>Dataset checks</h2><table>");
        for (Map.Entry<String, JsonNode> e : r.path("checks").properties()) {
            b.append("<tr><th>").append(esc(e.getKey().replace('_', ' '))).append("</th><td>")
                    .append(value(e.getValue())).append("</td></tr>");
        }
        return b.append("</table>").toString();
    }

    static String provenance(JsonNode r) {
        StringBuilder b = new StringBuilder("<h2>Provenance</h2><table>");
        for (Map.Entry<String, JsonNode> e : r.path("provenance").properties()) {
            b.append("<tr><th>").append(esc(e.getKey().replace('_', ' '))).append("</th><td>")
                    .append(value(e.getValue())).append("</td></tr>");
        }
        JsonNode d = r.path("dataset");
        b.append("<tr><th>dataset</th><td>train ").append(esc(d.path("train").asText())).append(", test ")
                .append(esc(d.path("test").asText())).append("</td></tr>");
        return b.append("</table>").toString();
    }

    /** Renders any JSON value generically, escaping every string. */
    private static String value(JsonNode v) {
        if (v.isObject()) {
            StringBuilder b = new StringBuilder();
            v.properties().forEach(e -> b.append(esc(e.getKey().replace('_', ' '))).append(": ")
                    .append(value(e.getValue())).append("; "));
            return b.toString();
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder(v.isEmpty() ? "none" : "");
            v.forEach(x -> b.append(b.isEmpty() ? "" : ", ").append(value(x)));
            return b.toString();
        }
        return esc(v.asText());
    }
}
