package dev.arbiter.rules;

import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The versioned table from reason code to the wording an applicant reads, as kept in
 * {@code reason-codes.csv}: a first line {@code # version: <id>}, a header
 * {@code code,source,text}, then one code per line ({@code source} is {@code rule},
 * {@code model} or {@code both}; a text holding a comma is double-quoted).
 */
public final class ReasonCodeTable {

    static final String FILE = "reason-codes.csv";

    private final String version;
    private final Map<String, String> texts;

    private ReasonCodeTable(String version, Map<String, String> texts) {
        this.version = version;
        this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    public String version() {
        return version;
    }

    public Optional<String> text(String code) {
        return Optional.ofNullable(texts.get(code));
    }

    public boolean has(String code) {
        return texts.containsKey(code);
    }

    /** Code to wording, in file order. */
    public Map<String, String> entries() {
        return texts;
    }

    /** A malformed line, with its 1-based line number. */
    static final class Malformed extends IllegalArgumentException {
        final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static ReasonCodeTable parse(byte[] csv) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\r?\n", -1);
        if (lines.length == 0
                || !lines[0].startsWith("# version:")
                || lines[0].substring(10).isBlank()) {
            throw new Malformed(1, "the first line must be '# version: <id>'");
        }
        String version = lines[0].substring(10).trim();
        if (lines.length < 2 || !lines[1].trim().equals("code,source,text")) {
            throw new Malformed(2, "the second line must be the header 'code,source,text'");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (int i = 2; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line, i + 1);
            if (fields.size() != 3) {
                throw new Malformed(i + 1, "expected 3 fields (code,source,text), found " + fields.size());
            }
            String code = fields.get(0).trim();
            String source = fields.get(1).trim();
            String text = fields.get(2).trim();
            if (code.isEmpty() || text.isEmpty()) {
                throw new Malformed(i + 1, "a reason needs a code and a text");
            }
            if (!List.of("rule", "model", "both").contains(source)) {
                throw new Malformed(i + 1, "source must be rule, model or both, not '" + source + "'");
            }
            if (Guardrails.isVague(new Reason(code, text))) {
                throw new Malformed(
                        i + 1,
                        "reason " + code + " says nothing specific ('" + text
                                + "'): adverse-action reasons name the factor, e.g. 'Length of employment'");
            }
            if (texts.putIfAbsent(code, text) != null) {
                throw new Malformed(i + 1, "reason code " + code + " is listed twice");
            }
        }
        return new ReasonCodeTable(version, texts);
    }

    private static List<String> fields(String line, int lineNumber) {
        try (CSVParser parser = CSVParser.parse(line, CSVFormat.RFC4180)) {
            List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of("") : records.get(0).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new Malformed(lineNumber, "unclosed quote");
        }
    }
}
