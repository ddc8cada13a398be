package dev.arbiter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every applicant's personal data any test sends through {@link Http} (the {@code pii} object of
 * a request body), appended one value a line to the file the failsafe run names, so that
 * {@code NoPersonalDataInLogsIT} can look for each in what all the ITs logged.
 */
public final class SentPersonalData {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SentPersonalData() {}

    static void record(byte[] body) {
        String file = System.getProperty("arbiter.test.sent-pii");
        if (file == null || body.length == 0 || !new String(body, StandardCharsets.UTF_8).contains("\"pii\"")) {
            return;
        }
        JsonNode pii;
        try {
            pii = JSON.readTree(body).path("pii");
        } catch (RuntimeException notJson) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : pii) {
            if (value.isString() && value.asString().length() >= 6) {
                values.add(value.asString());
            }
        }
        if (values.isEmpty()) {
            return;
        }
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.getParent());
            synchronized (SentPersonalData.class) {
                Files.write(path, values, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values sent so far in this build. */
    public static List<String> sent() throws IOException {
        String file = System.getProperty("arbiter.test.sent-pii");
        if (file == null || !Files.exists(Path.of(file))) {
            return List.of();
        }
        return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
                .distinct()
                .toList();
    }
}
