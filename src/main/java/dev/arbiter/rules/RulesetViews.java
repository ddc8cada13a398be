package dev.arbiter.rules;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Ruleset versions, test runs and activations as the API answers them. */
final class RulesetViews {

    private RulesetViews() {}

    record Summary(
            String version,
            String author,
            Instant createdAt,
            String parent,
            RulesetStatus status,
            String approvedBy,
            Instant approvedAt,
            String link) {
        static Summary of(RulesetVersion v) {
            return new Summary(
                    v.version(),
                    v.author(),
                    v.createdAt(),
                    v.parent(),
                    v.status(),
                    v.approvedBy(),
                    v.approvedAt(),
                    "/v1/rulesets/" + v.version());
        }
    }

    /** A version with its files: text as text, anything else (XLSX) base64-encoded. */
    record Detail(
            Summary summary, Map<String, String> files, Map<String, String> binaryFiles, List<RuleDefinition> rules) {
        static Detail of(RulesetVersion v, Ruleset ruleset, List<RuleDefinition> rules) {
            Map<String, String> text = new TreeMap<>();
            Map<String, String> binary = new TreeMap<>();
            for (String path : ruleset.paths()) {
                byte[] bytes = ruleset.content(path);
                try {
                    text.put(
                            path,
                            StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPORT)
                                    .decode(ByteBuffer.wrap(bytes))
                                    .toString());
                } catch (CharacterCodingException e) {
                    binary.put(path, Base64.getEncoder().encodeToString(bytes));
                }
            }
            return new Detail(Summary.of(v), text, binary, rules);
        }
    }

    record Outcome(String outcome, List<String> reasons, List<String> firedRules) {}

    record CaseRun(
            String file, String name, boolean passed, Outcome expected, Outcome actual, List<String> mismatches) {
        static CaseRun of(GoldenCaseResult r) {
            var e = r.goldenCase().expected();
            return new CaseRun(
                    r.goldenCase().file(),
                    r.goldenCase().name(),
                    r.passed(),
                    new Outcome(e.outcome().name(), e.reasons(), e.firedRules()),
                    new Outcome(r.decision().outcome().name(), r.reasonCodes(), r.firedRuleCodes()),
                    r.mismatches());
        }
    }

    record TestRun(String version, boolean passed, int cases, long failures, List<CaseRun> results) {
        static TestRun of(RulesetTestReport report) {
            return new TestRun(
                    report.version(),
                    report.passed(),
                    report.results().size(),
                    report.failures(),
                    report.results().stream().map(CaseRun::of).toList());
        }
    }

    record ActivationView(long sequence, String from, String to, String activatedBy, Instant activatedAt) {
        static ActivationView of(Activation a) {
            return new ActivationView(a.sequence(), a.from(), a.to(), a.activatedBy(), a.activatedAt());
        }
    }
}
