package dev.arbiter.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decision tables as analysts write them in a spreadsheet and save as CSV. */
final class DecisionTableFixture {

    private DecisionTableFixture() {}

    /** One row, DT-01: a business-purpose loan is referred. */
    static String referBusinessPurpose() {
        try {
            return Files.readString(Path.of("src/test/resources/decision-tables/refer-business-purpose.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
