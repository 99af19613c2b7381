package dev.hone.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * How the decision fares over the draws of each cell (dataset, N, encoder): which strategies Hone
 * recommended, the test accuracy of the recommendation against the best candidate on test (the
 * regret of choosing without the test split), against the PyTorch SetFit peer trained on the same
 * draw ({@code bench/fewshot/setfit_peer.py}) and against SetFit-MPNet's published figure.
 */
final class VerdictStability {
    /** SetFit-MPNet's published accuracy (Tunstall et al. 2022, Table 2) where the paper reports one. */
    private static final Map<String, Double> SETFIT_MPNET = Map.of("emotion/8", 48.8, "emotion/64", 76.2);

    /**
     * One draw's outcome; accuracies are fractions. {@code peerAccuracy} and {@code peerTrainSeconds}
     * are NaN when the peer has not run on that draw.
     */
    record Draw(String recommended, double recommendedAccuracy, double recommendedTrainSeconds, String best,
                double bestAccuracy, double peerAccuracy, double peerTrainSeconds) {
        Draw {
            if (bestAccuracy < recommendedAccuracy) {
                throw new IllegalArgumentException("best accuracy " + bestAccuracy + " below the recommended " + recommendedAccuracy);
            }
        }

        boolean hasPeer() {
            return !Double.isNaN(peerAccuracy);
        }
    }

    /** Cell key "dataset|NNN|model" → its draws in the order they were added. */
    private final Map<String, List<Draw>> cells = new TreeMap<>();

    void add(String dataset, int n, String model, Draw draw) {
        cells.computeIfAbsent(String.format(Locale.ROOT, "%s|%03d|%s", dataset, n, model), k -> new ArrayList<>()).add(draw);
    }

    /** "contrastive 3, lora 2": which strategies were recommended in the cell, over how many draws. */
    String picks(String dataset, int n, String model) {
        List<Draw> draws = cells.getOrDefault(String.format(Locale.ROOT, "%s|%03d|%s", dataset, n, model), List.of());
        return draws.stream().collect(Collectors.groupingBy(Draw::recommended, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The per-cell table, then the averages over all cells. */
    String table() {
        StringBuilder out = new StringBuilder()
                .append("Verdict per cell: test accuracy % of the recommendation (mean ± sd over draws), the best candidate on test")
                .append(" (mean of each draw's best; the strategy best most often), regret = best − recommended (points, mean over draws),")
                .append(" the PyTorch SetFit peer on the same draws and test texts, and SetFit-MPNet's published figure.\n\n")
                .append("| dataset | N | model | draws | picks | **recommended** % | train s | best on test % | regret | ")
                .append("SetFit peer % (draws, train s) | rec − peer | SetFit-MPNet (paper) | rec − paper |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double regretSum = 0;
        int peerCells = 0;
        int peerMet = 0;
        double peerGapSum = 0;
        int paperCells = 0;
        int paperMet = 0;
        for (var cell : cells.entrySet()) {
            String[] key = cell.getKey().split("\\|");
            int n = Integer.parseInt(key[1]);
            List<Draw> draws = cell.getValue();
            double recommended = mean(draws, Draw::recommendedAccuracy) * 100;
            double regret = mean(draws, d -> d.bestAccuracy() - d.recommendedAccuracy()) * 100;
            regretSum += regret;
            String bestMostOften = draws.stream().collect(Collectors.groupingBy(Draw::best, Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %s | **%.1f ± %.1f** | %.0f | %.1f (%s) | %.1f | ",
                    key[0], n, key[2], draws.size(), picks(key[0], n, key[2]), recommended,
                    sd(draws, Draw::recommendedAccuracy) * 100, mean(draws, Draw::recommendedTrainSeconds),
                    mean(draws, Draw::bestAccuracy) * 100, bestMostOften, regret));
            List<Draw> withPeer = draws.stream().filter(Draw::hasPeer).toList();
            if (withPeer.isEmpty()) {
                out.append("— | — | ");
            } else {
                // Compared on the draws the peer ran on, so both sides saw the same texts.
                double gap = mean(withPeer, d -> d.recommendedAccuracy() - d.peerAccuracy()) * 100;
                out.append(String.format(Locale.ROOT, "%.1f ± %.1f (%d, %.0f s) | %+.1f | ",
                        mean(withPeer, Draw::peerAccuracy) * 100, sd(withPeer, Draw::peerAccuracy) * 100, withPeer.size(),
                        mean(withPeer, Draw::peerTrainSeconds), gap));
                peerCells++;
                peerGapSum += gap;
                if (gap >= 0) peerMet++;
            }
            Double paper = SETFIT_MPNET.get(key[0] + "/" + n);
            if (paper == null) {
                out.append("— | — |\n");
            } else {
                paperCells++;
                // At the paper's precision (one decimal), so 48.8 against 48.8 is met whatever the float's last bit.
                boolean met = Math.round(recommended * 10) >= Math.round(paper * 10);
                if (met) paperMet++;
                out.append(String.format(Locale.ROOT, "%.1f | %+.1f %s |%n", paper, recommended - paper, met ? "met" : "missed"));
            }
        }
        if (cells.isEmpty()) return out.toString();
        out.append(String.format(Locale.ROOT, "%nAverage regret over %d cells: %.2f points.", cells.size(), regretSum / cells.size()));
        if (peerCells > 0) {
            out.append(String.format(Locale.ROOT, " Recommendation ≥ SetFit peer in %d of %d cells (mean %+.1f points).",
                    peerMet, peerCells, peerGapSum / peerCells));
        }
        if (paperCells > 0) {
            out.append(String.format(Locale.ROOT, " ≥ SetFit-MPNet paper in %d of %d cells.", paperMet, paperCells));
        }
        return out.append('\n').toString();
    }

    private static double mean(List<Draw> draws, ToDoubleFunction<Draw> value) {
        return draws.stream().mapToDouble(value).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (0 for one draw). */
    private static double sd(List<Draw> draws, ToDoubleFunction<Draw> value) {
        double mean = mean(draws, value);
        return Math.sqrt(draws.stream().mapToDouble(d -> Math.pow(value.applyAsDouble(d) - mean, 2)).sum()
                / Math.max(1, draws.size() - 1));
    }
}
