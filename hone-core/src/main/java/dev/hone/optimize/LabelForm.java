package dev.hone.optimize;

import java.util.Locale;

/**
 * How a label's name goes into a zero-shot template: dataset labels are often codes
 * ({@code ABBR}, {@code card_arrival}) whose most useful wording differs by encoder, so the search
 * tries each form.
 */
enum LabelForm {
    /** Underscores and hyphens as spaces, case kept: what {@code zero-shot} writes by default. */
    READABLE("readable"),
    /** Readable and lower-cased. */
    LOWER_CASE("lower-case"),
    /** Exactly as the data writes it. */
    AS_GIVEN("as given"),
    /** The user's description of the label (the {@code labels:} block) in place of its name. */
    DESCRIPTION("description");

    private final String words;

    LabelForm(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    /** The label in this form; null when the form has nothing to offer (no description). */
    String write(String label, String description) {
        return switch (this) {
            case READABLE -> label.replace('_', ' ').replace('-', ' ');
            case LOWER_CASE -> label.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
            case AS_GIVEN -> label;
            case DESCRIPTION -> description == null || description.isBlank() ? null : description.strip();
        };
    }
}
