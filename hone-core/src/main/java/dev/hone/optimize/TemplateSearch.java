package dev.hone.optimize;

import dev.hone.dataset.Example;
import dev.hone.engine.model.TextEncoder;
import dev.hone.results.OptimizationEvidence;
import dev.hone.strategy.TrainingData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The encoder's zero-shot prompt search, with no LLM: a built-in family of label templates, each with
 * every {@link LabelForm label form}, is tried in a fixed order (the user's template first) until the
 * trial budget is spent, and the label sentences that give the build's training examples' right
 * labels the highest mean probability are kept ({@link TrialScore#fitsBetterThan}); the configured
 * sentences stay unless another prompt does strictly better. Zero-shot fits nothing on those examples, so scoring on all of them is scoring on held-out
 * folds; validation and test are never seen (the build is not given them to read).
 *
 * <p>On the calibration data the better of two templates differed by up to 5 points (emotion,
 * bge-small: a template 55.6, the bare label name 50.1); which wording wins depends on the encoder
 * and the labels, which is why it is searched rather than fixed.
 */
public final class TemplateSearch {
    /** Templates that need only the label; {@code {label}} is filled in one of the label forms. */
    static final List<String> TEMPLATES = List.of(
            "{label}",
            "This text is about {label}.",
            "A {label} message.",
            "Topic: {label}",
            "This is {label}.",
            "A text about {label}.",
            "Category: {label}.",
            "It is about {label}.");
    /** Templates that also use the label's description, tried when the config describes the labels. */
    static final List<String> DESCRIPTION_TEMPLATES = List.of(
            "This text is about {label}. {description}",
            "{label}: {description}");

    /** One prompt: its template, label form, and the sentence it writes for each label. */
    record Prompt(String template, LabelForm form, List<String> sentences) {
        String describe() {
            return form == null ? "the configured template '" + template + "'"
                    : "template '" + template + "', labels " + form.words();
        }
    }

    private TemplateSearch() {
    }

    /** The best prompt found and the record of the search. */
    public record Result(List<String> sentences, OptimizationEvidence evidence) {
    }

    /**
     * Searches label sentences for {@code data}'s labels, starting from {@code userSentences} (the
     * configured template as zero-shot writes it).
     */
    public static Result search(TrainingData data, String userTemplate, List<String> userSentences, OptimizeConfig optimize) {
        long started = System.nanoTime();
        List<Prompt> prompts = prompts(data.labels(), data.descriptions(), new Prompt(userTemplate, null, userSentences),
                optimize.maxTrials());
        List<Example> train = data.train();
        int[] truth = new int[train.size()];
        for (int i = 0; i < truth.length; i++) truth[i] = data.labels().indexOf(train.get(i).label());
        float[][] queries = data.model().embed(train.stream().map(Example::text).toList());

        List<OptimizationEvidence.Trial> trials = new ArrayList<>();
        int best = 0;
        TrialScore bestScore = null;
        TrialScore configured = null;
        for (int t = 0; t < prompts.size(); t++) {
            TrialScore score = score(data.model(), prompts.get(t).sentences(), queries, truth);
            if (t == 0) configured = score;
            boolean kept = bestScore == null || score.fitsBetterThan(bestScore);
            if (kept) {
                best = t;
                bestScore = score;
            }
            trials.add(new OptimizationEvidence.Trial(t, t == 0 ? null : 0, prompts.get(t).describe(), score.meanTrueProbability(), kept));
        }
        Prompt chosen = prompts.get(best);
        data.listener().message(String.format(Locale.ROOT, "  prompt search: %d templates tried on %d training examples; "
                + "kept %s (mean probability of the right label %.3f, accuracy %.3f; the configured one %.3f, %.3f)",
                trials.size(), train.size(), chosen.describe(), bestScore.meanTrueProbability(), bestScore.accuracy(),
                configured.meanTrueProbability(), configured.accuracy()));
        var evidence = new OptimizationEvidence(optimize.method().id(), "template", "mean probability of the right label on the "
                + train.size() + " training examples of this build; zero-shot fits nothing on them, so each is held out"
                + " (validation and test are never read)",
                train.size(), written(data.labels(), userSentences), written(data.labels(), chosen.sentences()), best,
                optimize.maxTrials(), trials, 0, 0, 0, 0, (System.nanoTime() - started) / 1e9);
        return new Result(chosen.sentences(), evidence);
    }

    /**
     * The prompts to try, in order, at most {@code maxTrials}: the user's, then each built-in template
     * in each label form, skipping any that write the same sentences as one before.
     */
    static List<Prompt> prompts(List<String> labels, Map<String, String> descriptions, Prompt user, int maxTrials) {
        List<Prompt> prompts = new ArrayList<>(List.of(user));
        Set<List<String>> seen = new HashSet<>(List.of(user.sentences()));
        List<String> templates = new ArrayList<>(TEMPLATES);
        boolean described = labels.stream().anyMatch(l -> descriptions.getOrDefault(l, "").strip().length() > 0);
        if (described) templates.addAll(DESCRIPTION_TEMPLATES);
        for (String template : templates) {
            for (LabelForm form : LabelForm.values()) {
                if (prompts.size() >= maxTrials) return prompts;
                if (form == LabelForm.DESCRIPTION && (!described || template.contains("{description}"))) continue;
                List<String> sentences = new ArrayList<>();
                for (String label : labels) {
                    String description = descriptions.getOrDefault(label, "");
                    String name = form.write(label, description);
                    // A label without a description keeps its readable name in the description form.
                    if (name == null) name = LabelForm.READABLE.write(label, description);
                    sentences.add(template.replace("{label}", name).replace("{description}", description).strip());
                }
                if (seen.add(sentences)) prompts.add(new Prompt(template, form, List.copyOf(sentences)));
            }
        }
        return prompts;
    }

    /** Each training example's cosine with each label's sentence (embeddings are L2-normalised), scored. */
    private static TrialScore score(TextEncoder encoder, List<String> sentences, float[][] queries, int[] truth) {
        float[][] labels = encoder.embed(sentences);
        double[][] scores = new double[queries.length][labels.length];
        for (int i = 0; i < queries.length; i++) {
            for (int l = 0; l < labels.length; l++) scores[i][l] = dot(queries[i], labels[l]);
        }
        return TrialScore.of(scores, truth);
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    /** The prompt as it runs: one "label → sentence" line per label. */
    static String written(List<String> labels, List<String> sentences) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) text.append('\n');
            text.append(labels.get(i)).append(" → ").append(sentences.get(i));
        }
        return text.toString();
    }
}
