package dev.hone.dataset;

import dev.hone.config.DatasetConfig;
import dev.hone.error.BadInputException;
import dev.hone.error.HoneException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the configured files, splits test and validation off, checks labels and runs the dataset checks. */
public final class DatasetLoader {
    private DatasetLoader() {
    }

    /**
     * @param declaredLabels labels the config lists (may be empty: then the data defines them)
     * @param selection      decides, from the training examples, whether a validation split is held out
     */
    public static LabelledData load(DatasetConfig config, Set<String> declaredLabels, long seed, boolean skipBadRows,
                                    SelectionRule selection) {
        DatasetReader reader = new DatasetReader(config.textField(), config.labelField(), skipBadRows);
        DatasetReader.Result trainFile = reader.read(config.train());
        List<Example> train = trainFile.examples();
        List<Example> test;
        int skipped = trainFile.skipped();
        if (config.test() != null) {
            DatasetReader.Result testFile = reader.read(config.test());
            test = testFile.examples();
            skipped += testFile.skipped();
        } else {
            List<List<Example>> split = Splits.stratified(train, config.testFraction(), seed);
            train = split.get(0);
            test = split.get(1);
            if (test.isEmpty()) {
                throw new BadInputException(config.train() + ": test_fraction " + config.testFraction()
                        + " leaves no test examples; use a larger fraction or a separate test file");
            }
        }
        List<String> labels = labels(train, test, declaredLabels, config);
        String sha256 = sha256(config.test() == null ? List.of(config.train()) : List.of(config.train(), config.test()));
        SelectionPlan plan = selection.plan(train, config.validationFraction());
        if (plan.crossValidates()) {
            return new LabelledData(train, List.of(), test, labels, sha256, DatasetChecks.of(train, test), skipped, plan);
        }
        List<List<Example>> carved = Splits.stratified(train, config.validationFraction(), seed + 1);
        return new LabelledData(carved.get(0), carved.get(1), test, labels, sha256, DatasetChecks.of(train, test), skipped, plan);
    }

    private static List<String> labels(List<Example> train, List<Example> test, Set<String> declared, DatasetConfig config) {
        Map<String, Example> firstUse = new LinkedHashMap<>();
        for (Example e : train) firstUse.putIfAbsent(e.label(), e);
        if (!declared.isEmpty()) {
            for (Example e : train) {
                if (!declared.contains(e.label())) throw unknownLabel(e, declared);
            }
            for (Example e : test) {
                if (!declared.contains(e.label())) throw unknownLabel(e, declared);
            }
        }
        for (Example e : test) {
            if (!firstUse.containsKey(e.label())) {
                throw new BadInputException(e.location() + ": test label '" + e.label() + "' never appears in "
                        + config.train() + "; no strategy can learn it. Add training examples for it or drop it from the test set");
            }
        }
        if (firstUse.size() < 2) {
            throw new BadInputException(config.train() + ": found " + firstUse.size() + " label(s) " + firstUse.keySet()
                    + "; classification needs at least 2 (is label_field right?)");
        }
        if (!declared.isEmpty()) {
            List<String> ordered = new ArrayList<>();
            for (String label : declared) if (firstUse.containsKey(label)) ordered.add(label);
            return ordered;
        }
        return new ArrayList<>(new TreeSet<>(firstUse.keySet()));
    }

    private static BadInputException unknownLabel(Example e, Set<String> declared) {
        return new BadInputException(e.location() + ": label '" + e.label() + "' is not listed under labels: in the config ("
                + String.join(", ", new LinkedHashSet<>(declared)) + "); add it there or fix the row");
    }

    /** SHA-256 of the files' bytes, in order: the dataset hash results and evaluations record. */
    public static String sha256(List<Path> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) digest.update(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + files + " to hash it: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new HoneException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
