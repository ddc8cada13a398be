package dev.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A model factor is only a usable reason if the shipped reason-code table has consumer wording for it. */
class ShippedReasonCodesTest {

    private static final Pattern REASON_CODE = Pattern.compile("\"reasonCode\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    void everyReasonCodeAShippedModelCanGiveHasWordingInTheShippedTable() throws IOException {
        Set<String> table;
        try (Stream<String> lines = Files.lines(Path.of("rules/reason-codes.csv"))) {
            table = lines.filter(l -> !l.startsWith("#") && !l.startsWith("code,"))
                    .map(l -> l.substring(0, l.indexOf(',')))
                    .collect(Collectors.toSet());
        }
        Set<String> fromModels = new java.util.TreeSet<>();
        try (Stream<Path> models = Files.list(Path.of("engine/models"))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".json")).toList()) {
                Matcher m = REASON_CODE.matcher(Files.readString(model));
                while (m.find()) {
                    fromModels.add(m.group(1));
                }
            }
        }

        assertThat(fromModels).isNotEmpty();
        assertThat(table).containsAll(fromModels);
    }
}
