package dev.hone.strategy;

import dev.hone.dataset.Example;
import java.util.List;

/** Nine support tickets in three classes, and three queries, for strategy tests on the {@link WordHashEncoder}. */
public final class TicketTexts {
    public static final List<String> LABELS = List.of("refund", "shipping", "login");
    public static final List<Example> TRAIN = List.of(
            new Example("please refund my money", "refund", "t:1"),
            new Example("I want my money back for the lamp", "refund", "t:2"),
            new Example("refund the broken jacket", "refund", "t:3"),
            new Example("where is my parcel", "shipping", "t:4"),
            new Example("my parcel is late", "shipping", "t:5"),
            new Example("track the delivery of my order", "shipping", "t:6"),
            new Example("I cannot log in", "login", "t:7"),
            new Example("password reset does not work", "login", "t:8"),
            new Example("my account is locked after login", "login", "t:9"));
    public static final List<String> QUERIES = List.of("money back please", "parcel delivery is late", "login password locked");

    private TicketTexts() {
    }
}
