package dev.hone.verdict;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.hone.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the few-shot protocol says about each route before this run's data does: how far a route's
 * test accuracy sat above or below the average route of the same cell (dataset, examples per class,
 * encoder), and how much that varied between datasets. The verdict leans on it only where the run's
 * own selection examples cannot separate two candidates; with enough of them the data outweigh it.
 *
 * <p>The figures ship with Hone ({@code few-shot-protocol.json}, from bench/RESULTS.md). A benchmark
 * judging the verdict on one of those datasets leaves that dataset out ({@value #EXCLUDE_PROPERTY}),
 * so the prior is never fitted on the data it is judged on.
 */
public final class RoutePrior {
    /** System property: comma-separated datasets of the protocol to leave out (for benchmarks judged on them). */
    public static final String EXCLUDE_PROPERTY = "hone.prior.exclude";
    private static final String RESOURCE = "few-shot-protocol.json";
    /** The sizes the protocol measured; others are interpolated on log(examples per class), clamped at the ends. */
    private static final int SMALL = 8;
    private static final int LARGE = 64;
    /** A spread measured on a handful of datasets can come out tiny by chance; no prior is surer than this. */
    private static final double MIN_SD = 0.02;

    private final List<String> routes;
    private final List<Cell> cells;

    /** A route's expected lead over the average route of a cell, and its spread between datasets (accuracy, 0–1). */
    public record Belief(double advantage, double sd) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Protocol(String about, List<String> routes, List<Cell> cells) {
    }

    /** One dataset, size and encoder: every route's test accuracy in percent, in {@code routes} order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Cell(String dataset, int perClass, String encoder, List<Double> accuracy) {
    }

    RoutePrior(List<String> routes, List<Cell> cells) {
        this.routes = List.copyOf(routes);
        this.cells = List.copyOf(cells);
        for (Cell c : cells) {
            if (c.accuracy().size() != routes.size()) {
                throw new IllegalArgumentException(RESOURCE + ": cell " + c.dataset() + "/" + c.perClass() + "/" + c.encoder()
                        + " has " + c.accuracy().size() + " figures for " + routes.size() + " routes");
            }
        }
    }

    /** The protocol shipped with Hone, without the datasets named in {@value #EXCLUDE_PROPERTY}. */
    public static RoutePrior builtin() {
        try (InputStream in = RoutePrior.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the hone-core jar; rebuild Hone");
            Protocol protocol = Json.MAPPER.readValue(in, Protocol.class);
            Set<String> excluded = Arrays.stream(System.getProperty(EXCLUDE_PROPERTY, "").split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
            return new RoutePrior(protocol.routes(), protocol.cells().stream().filter(c -> !excluded.contains(c.dataset())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the hone-core jar", e);
        }
    }

    /** No prior at all: every choice rests on the run's own evidence. */
    public static RoutePrior none() {
        return new RoutePrior(List.of(), List.of());
    }

    /**
     * The belief about {@code route} at {@code perClass} labelled examples per class on {@code encoder}
     * (that encoder's cells when the protocol ran it, else every encoder's); empty for a route the
     * protocol did not run (LLM routes, cascades).
     */
    public Optional<Belief> of(String route, double perClass, String encoder) {
        int r = routes.indexOf(route);
        if (r < 0 || cells.isEmpty()) return Optional.empty();
        boolean known = cells.stream().anyMatch(c -> c.encoder().equals(encoder));
        List<Cell> own = cells.stream().filter(c -> !known || c.encoder().equals(encoder)).toList();
        Belief small = at(own, r, SMALL);
        Belief large = at(own, r, LARGE);
        if (small == null || large == null) return Optional.ofNullable(small != null ? small : large);
        double t = Math.max(0, Math.min(1, Math.log(perClass / SMALL) / Math.log((double) LARGE / SMALL)));
        return Optional.of(new Belief(small.advantage() + t * (large.advantage() - small.advantage()),
                small.sd() + t * (large.sd() - small.sd())));
    }

    /** Mean and spread over the cells of one size of the route's lead over its cell's average route. */
    private static Belief at(List<Cell> cells, int route, int perClass) {
        List<Double> leads = new ArrayList<>();
        for (Cell c : cells) {
            if (c.perClass() != perClass) continue;
            double mean = c.accuracy().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            leads.add((c.accuracy().get(route) - mean) / 100);
        }
        if (leads.isEmpty()) return null;
        double mean = leads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double squares = leads.stream().mapToDouble(l -> (l - mean) * (l - mean)).sum();
        double sd = leads.size() < 2 ? 0.1 : Math.sqrt(squares / (leads.size() - 1));
        return new Belief(mean, Math.max(MIN_SD, sd));
    }
}
