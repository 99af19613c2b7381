package dev.hone.report;

import static dev.hone.report.Html.esc;

import dev.hone.results.ClassificationResults.Checks;
import dev.hone.results.ClassificationResults.LabelledText;
import dev.hone.results.ClassificationResults;
import dev.hone.results.ClassifierResult;
import dev.hone.results.Provenance;
import java.util.List;
import java.util.Map;

/** The report's lower sections: confusion matrix, error table, dataset checks, provenance. */
final class Sections {
    private static final int MAX_ERRORS = 50;

    private Sections() {
    }

    static String confusionAndErrors(ClassificationResults r, String recommended) {
        ClassifierResult chosen = r.candidate(recommended);
        if (chosen == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Confusion matrix: ").append(esc(recommended))
                .append("</h2><table><tr><th>true \\ predicted</th>");
        List<String> labels = chosen.confusion() == null || chosen.confusion().labels() == null ? List.of()
                : chosen.confusion().labels();
        labels.forEach(l -> b.append("<th>").append(esc(l)).append("</th>"));
        b.append("</tr>");
        int[][] matrix = chosen.confusion() == null ? null : chosen.confusion().matrix();
        for (int i = 0; i < labels.size(); i++) {
            b.append("<tr><th>").append(esc(labels.get(i))).append("</th>");
            for (int j = 0; j < labels.size(); j++) {
                int v = count(matrix, i, j);
                String bg = i == j ? "#dcfce7" : v > 0 ? "#fee2e2" : "transparent";
                b.append("<td class=\"n\" style=\"background:").append(bg).append("\">").append(v).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table><h2>Errors: ").append(esc(recommended)).append("</h2><table><tr><th>#</th><th>Text</th>"
                + "<th>True</th><th>Predicted</th></tr>");
        List<LabelledText> test = testExamples(r);
        List<String> predictions = chosen.testPredictions();
        int shown = 0;
        int errors = 0;
        for (int i = 0; i < test.size() && i < predictions.size(); i++) {
            String truth = Html.text(test.get(i).label());
            String predicted = predictions.get(i);
            if (!truth.equals(predicted)) {
                errors++;
                if (shown++ < MAX_ERRORS) {
                    b.append("<tr><td class=\"n\">").append(i + 1).append("</td><td>")
                            .append(esc(test.get(i).text())).append("</td><td>").append(esc(truth))
                            .append("</td><td>").append(esc(predicted)).append("</td></tr>");
                }
            }
        }
        b.append("</table><p class=\"muted\">").append(errors).append(" errors on the test split")
                .append(errors > MAX_ERRORS ? ", first " + MAX_ERRORS + " shown" : "").append(".</p>");
        return b.toString();
    }

    /** The test texts with their gold labels, in prediction order; empty when the file has none. */
    static List<LabelledText> testExamples(ClassificationResults r) {
        return r.examples() == null || r.examples().test() == null ? List.of() : r.examples().test();
    }

    /** What the dataset checks found, one row per check; a check the file lacks has no row. */
    static String checks(ClassificationResults r) {
        StringBuilder b = new StringBuilder("<h2>Dataset checks</h2><table>");
        Checks c = r.checks();
        if (c != null) {
            row(b, "train counts", counts(c.trainCounts()));
            row(b, "test counts", counts(c.testCounts()));
            row(b, "imbalance ratio", String.valueOf(c.imbalanceRatio()));
            row(b, "duplicates in train", String.valueOf(c.duplicatesInTrain()));
            row(b, "exact leaks", list(c.exactLeaks()));
            row(b, "near duplicate leaks", list(c.nearDuplicateLeaks()));
            row(b, "warnings", list(c.warnings()));
        }
        return b.append("</table>").toString();
    }

    /**
     * Who ran it with what, one row per field the file has, then the data files ({@code train} and
     * {@code test} as the task kind names them: sizes for classification, files for generation).
     */
    static String provenance(Provenance p, String train, String test) {
        StringBuilder b = new StringBuilder("<h2>Provenance</h2><table>");
        if (p != null) {
            row(b, "hone version", escaped(p.honeVersion()));
            row(b, "java version", escaped(p.javaVersion()));
            row(b, "seed", String.valueOf(p.seed()));
            row(b, "dataset sha256", escaped(p.datasetSha256()));
            row(b, "model", escaped(p.model()));
            row(b, "started at", escaped(p.startedAt()));
            row(b, "host cores", String.valueOf(p.hostCores()));
            row(b, "finished at", escaped(p.finishedAt()));
        }
        b.append("<tr><th>dataset</th><td>train ").append(esc(train)).append(", test ")
                .append(esc(test)).append("</td></tr>");
        return b.append("</table>").toString();
    }

    /** A row of heading and already escaped value; none when the value is null (the file lacks it). */
    private static void row(StringBuilder b, String heading, String value) {
        if (value != null) {
            b.append("<tr><th>").append(heading).append("</th><td>").append(value).append("</td></tr>");
        }
    }

    private static String escaped(String s) {
        return s == null ? null : esc(s);
    }

    /** Per label counts as {@code label: n; } (underscores in labels read as spaces); null when absent. */
    private static String counts(Map<String, Integer> counts) {
        if (counts == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((label, n) -> b.append(esc(label.replace('_', ' '))).append(": ").append(n).append("; "));
        return b.toString();
    }

    /** Escaped items joined by commas, {@code none} when empty; null when absent. */
    private static String list(List<String> items) {
        return items == null ? null : items.isEmpty() ? "none" : String.join(", ", items.stream().map(Html::esc).toList());
    }

    private static int count(int[][] matrix, int row, int column) {
        return matrix != null && row < matrix.length && column < matrix[row].length ? matrix[row][column] : 0;
    }
}
