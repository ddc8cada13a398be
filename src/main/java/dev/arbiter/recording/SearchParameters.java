package dev.arbiter.recording;

import dev.arbiter.decision.ModelRole;
import dev.arbiter.decision.ModelStatus;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Product;
import dev.arbiter.web.AuditRefusal;
import dev.arbiter.web.DateRange;
import dev.arbiter.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the audit query's parameters into a filter, collecting every invalid one (unknown
 * names included) with what would be allowed, so a mistyped filter never silently matches all.
 */
final class SearchParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> NAMES = Set.of(
            "from",
            "to",
            "outcome",
            "finalOutcome",
            "reasonCode",
            "ruleCode",
            "rulesetVersion",
            "thinFile",
            "product",
            "dataRegion",
            "modelStatus",
            "modelRole",
            "cursor",
            "limit");
    private static final String CURSOR_TAG = "d1";

    private final Map<String, String> values;
    private final List<Problems.FieldProblem> errors = new ArrayList<>();

    private SearchParameters(Map<String, String> values) {
        this.values = values;
    }

    static DecisionFilter read(Map<String, String> values) {
        return new SearchParameters(values).filter();
    }

    private DecisionFilter filter() {
        values.keySet().stream()
                .filter(name -> !NAMES.contains(name))
                .sorted()
                .forEach(name -> errors.add(new Problems.FieldProblem(
                        name,
                        "",
                        "is not a filter of this query",
                        "one of " + NAMES.stream().sorted().collect(Collectors.joining(", ")))));
        Instant from = instant("from");
        Instant to = instant("to");
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new Problems.FieldProblem("to", "", "is not after from", "an instant after " + from));
        }
        DecisionFilter filter = new DecisionFilter(
                from,
                to,
                oneOf("outcome", Outcome.class),
                oneOf("finalOutcome", Outcome.class),
                code("reasonCode", "[A-Z][A-Z0-9-]{0,63}", "a reason code such as R-DTI"),
                code("ruleCode", "[A-Z][A-Z0-9-]{0,63}", "a rule code such as KO-01"),
                code("rulesetVersion", "[0-9a-f]{64}", "64 lower-case hex digits"),
                bool("thinFile"),
                oneOf("product", Product.class),
                code("dataRegion", "[A-Z]{2,8}", "a data region such as EU or US"),
                oneOf("modelStatus", ModelStatus.class),
                oneOf("modelRole", ModelRole.class),
                null,
                limit());
        DecisionFilter.Position after = cursor();
        if (!errors.isEmpty()) {
            boolean onlyCursor = errors.stream().allMatch(e -> e.field().equals("cursor"));
            throw new AuditRefusal(
                    onlyCursor ? Problems.INVALID_CURSOR : Problems.INVALID_PARAMETER,
                    errors.size() + " invalid parameter" + (errors.size() == 1 ? "" : "s") + ": "
                            + errors.stream()
                                    .map(Problems.FieldProblem::field)
                                    .distinct()
                                    .collect(Collectors.joining(", ")),
                    errors);
        }
        return new DecisionFilter(
                filter.from(),
                filter.to(),
                filter.outcome(),
                filter.finalOutcome(),
                filter.reasonCode(),
                filter.ruleCode(),
                filter.rulesetVersion(),
                filter.thinFile(),
                filter.product(),
                filter.dataRegion(),
                filter.modelStatus(),
                filter.modelRole(),
                after,
                filter.limit());
    }

    /** The opaque cursor: base64url of a version tag, the last row's decision time and its id. */
    static String cursor(DecisionFilter.Position position) {
        String raw = CURSOR_TAG + "|" + position.decidedAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private DecisionFilter.Position cursor() {
        String text = values.get("cursor");
        if (text == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !parts[0].equals(CURSOR_TAG)) {
                throw new IllegalArgumentException("not a cursor");
            }
            Instant decidedAt = Instant.parse(parts[1]);
            if (!DateRange.contains(decidedAt)) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new DecisionFilter.Position(decidedAt, UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            errors.add(new Problems.FieldProblem(
                    "cursor", "", "is not a cursor this query issued", "the nextCursor of a previous page, unchanged"));
            return null;
        }
    }

    private Instant instant(String name) {
        String text = values.get(name);
        if (text == null) {
            return null;
        }
        String allowed =
                "an ISO-8601 date (2026-11-01, midnight UTC) or instant (2026-11-01T00:00:00Z), " + DateRange.ALLOWED;
        Instant instant;
        try {
            instant = text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new Problems.FieldProblem(name, "", "is not a date or instant", allowed));
            return null;
        }
        if (!DateRange.contains(instant)) {
            errors.add(new Problems.FieldProblem(name, "", DateRange.OUTSIDE, allowed));
            return null;
        }
        return instant;
    }

    private String oneOf(String name, Class<? extends Enum<?>> type) {
        String text = values.get(name);
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (text != null
                && Arrays.stream(type.getEnumConstants())
                        .noneMatch(c -> c.name().equals(text))) {
            errors.add(new Problems.FieldProblem(name, "", "is not one of the allowed values", "one of " + allowed));
            return null;
        }
        return text;
    }

    private String code(String name, String pattern, String allowed) {
        String text = values.get(name);
        if (text != null && !text.matches(pattern)) {
            errors.add(new Problems.FieldProblem(name, "", "is not well formed", allowed));
            return null;
        }
        return text;
    }

    private Boolean bool(String name) {
        String text = values.get(name);
        if (text == null) {
            return null;
        }
        if (!text.equals("true") && !text.equals("false")) {
            errors.add(new Problems.FieldProblem(name, "", "is not a boolean", "true or false"));
            return null;
        }
        return Boolean.valueOf(text);
    }

    private int limit() {
        String text = values.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the allowed range
        }
        errors.add(new Problems.FieldProblem("limit", "", "is not a page size", "an integer from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }
}
