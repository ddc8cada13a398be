package dev.arbiter.tools;

import dev.arbiter.decision.Application;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts all 1,000 German credit applicants to a running Arbiter and prints the outcome
 * counts and the StatLog cost of its decisions against the data's good/bad labels, beside the
 * primary model alone at its cost-optimal cut-off, on all 1,000 and on the 300 held out from
 * training (the split {@link TrainScorecard} uses).
 *
 * <p>Usage: {@code RunGermanCredit [baseUrl] [runLabel]}. Application ids carry the run
 * label, so a second run against the same database decides afresh instead of replaying.
 */
public final class RunGermanCredit {

    enum Outcome {
        APPROVE,
        DENY,
        REFER
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** With a 5:1 cost of accepting a bad versus rejecting a good applicant, accepting pays below risk 1/6. */
    private static final double MODEL_CUT_OFF = 1.0 / 6;

    private RunGermanCredit() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String label = args.length > 1 ? args[1] : "run-" + System.currentTimeMillis();
        List<GermanCredit.Row> rows = GermanCredit.read(Path.of("engine/data/german-credit/credit-g.arff"));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        SignedPoster signer = SignedPoster.fromKeyFile(
                Path.of(System.getenv().getOrDefault("ARBITER_KEY_FILE", "data/keys/originator.key")));

        Map<Outcome, int[]> byOutcome = new EnumMap<>(Outcome.class); // [good, bad]
        for (Outcome o : Outcome.values()) {
            byOutcome.put(o, new int[2]);
        }
        Map<String, Integer> failures = new TreeMap<>();
        Map<String, Integer> byRule = new TreeMap<>();
        int modelCost = 0;
        int modelScored = 0;
        // [all, held out]: the policy's cost with REFER counted as a denial, the model's alone, applicants
        int[] policyCost = new int[2];
        int[] aloneCost = new int[2];
        int[] counted = new int[2];
        boolean[] bad = new boolean[rows.size()];
        for (int i = 0; i < bad.length; i++) {
            bad[i] = !rows.get(i).good();
        }
        boolean[] inTraining = TrainScorecard.stratifiedSplit(bad, TrainScorecard.SEED, TrainScorecard.TRAIN_SHARE);
        long started = System.nanoTime();
        for (int index = 0; index < rows.size(); index++) {
            GermanCredit.Row row = rows.get(index);
            String body = JSON.writeValueAsString(
                    request(row.application(), label + "-" + row.application().applicationId(), row.monitoring()));
            HttpResponse<String> response = signer.post(client, base, "/v1/decisions", body);
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                failures.merge("HTTP " + response.statusCode(), 1, Integer::sum);
                continue;
            }
            JsonNode decision = JSON.readTree(response.body());
            Outcome outcome = Outcome.valueOf(decision.path("outcome").asString());
            byOutcome.get(outcome)[row.good() ? 0 : 1]++;
            double primaryRisk = decision.path("scores").get(0).path("risk").asDouble(Double.NaN);
            if (!Double.isNaN(primaryRisk)) {
                boolean modelAccepts = primaryRisk <= MODEL_CUT_OFF;
                int alone = modelAccepts ? (row.good() ? 0 : 5) : (row.good() ? 1 : 0);
                int policy = outcome == Outcome.APPROVE ? (row.good() ? 0 : 5) : (row.good() ? 1 : 0);
                modelCost += alone;
                modelScored++;
                for (int part = 0; part < (inTraining[index] ? 1 : 2); part++) {
                    policyCost[part] += policy;
                    aloneCost[part] += alone;
                    counted[part]++;
                }
            }
            for (JsonNode fired : decision.path("explanation").path("firedRules")) {
                if (gave(fired, outcome)) {
                    byRule.merge(outcome + " " + fired.path("ruleCode").asString(), 1, Integer::sum);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        print(rows.size(), byOutcome, failures, seconds);
        System.out.printf(
                "for comparison, the primary model alone at the cost-optimal cut-off (risk <= 1/6 accepted): "
                        + "StatLog cost %.3f per applicant over %d scored%n",
                (double) modelCost / modelScored, modelScored);
        System.out.println(
                "StatLog cost per applicant, REFER counted as a denial: the policy against the primary model "
                        + "alone at its cost-optimal cut-off (risk <= 1/6); the target is at most the model's + 5 %");
        String[] names = {"all", "held out"};
        for (int part = 0; part < 2; part++) {
            double policy = (double) policyCost[part] / counted[part];
            double alone = (double) aloneCost[part] / counted[part];
            System.out.printf(
                    "  %-9s %4d applicants: policy %.3f, model alone %.3f, gap %+.3f (%+.1f %%) %s%n",
                    names[part],
                    counted[part],
                    policy,
                    alone,
                    policy - alone,
                    100 * (policy - alone) / alone,
                    policy <= alone * 1.05 ? "within target" : "ABOVE TARGET");
        }
        System.out.println("rules behind each outcome (an applicant can count under several):");
        byRule.forEach((rule, n) -> System.out.printf("  %-12s %5d%n", rule, n));
    }

    /** The applicant as a request body under the given application id, exactly as a lender would send it. */
    public static Map<String, Object> request(Application a, String applicationId, Map<String, Object> monitoring) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applicationId", applicationId);
        body.put("product", a.product().name());
        body.put("requestedAmount", a.requestedAmount());
        body.put("currency", a.currency());
        body.put("termMonths", a.termMonths());
        body.put("purpose", a.purpose());
        body.put("dataRegion", a.dataRegion());
        body.put("applicant", JSON.convertValue(a.applicant(), Map.class));
        body.put("creditFile", a.creditFile() == null ? null : JSON.convertValue(a.creditFile(), Map.class));
        if (a.alternativeData() != null) {
            body.put("alternativeData", JSON.convertValue(a.alternativeData(), Map.class));
        }
        if (a.device() != null) {
            body.put("device", JSON.convertValue(a.device(), Map.class));
        }
        body.put("attributes", a.attributes().values());
        body.put("monitoring", monitoring);
        return body;
    }

    private static void print(int total, Map<Outcome, int[]> byOutcome, Map<String, Integer> failures, double seconds) {
        System.out.printf(
                "German credit: %d applicants decided in %.1f s (%.0f decisions/s)%n", total, seconds, total / seconds);
        System.out.printf("%-8s %6s %6s %6s%n", "outcome", "total", "good", "bad");
        for (var e : byOutcome.entrySet()) {
            int[] gb = e.getValue();
            System.out.printf("%-8s %6d %6d %6d%n", e.getKey(), gb[0] + gb[1], gb[0], gb[1]);
        }
        failures.forEach((what, n) -> System.out.printf("failed   %6d (%s)%n", n, what));
        int[] approved = byOutcome.get(Outcome.APPROVE);
        int[] denied = byOutcome.get(Outcome.DENY);
        int[] referred = byOutcome.get(Outcome.REFER);
        // StatLog cost matrix: a bad applicant accepted costs 5, a good one rejected costs 1
        int automatedCost = 5 * approved[1] + denied[0];
        int decidedAutomatically = approved[0] + approved[1] + denied[0] + denied[1];
        System.out.printf(
                "StatLog cost of automated decisions (REFER left out): %d over %d = %.3f per applicant%n",
                automatedCost,
                decidedAutomatically,
                decidedAutomatically == 0 ? 0 : (double) automatedCost / decidedAutomatically);
        int referAsDeny = automatedCost + referred[0];
        int referAsApprove = automatedCost + 5 * referred[1];
        System.out.printf(
                "StatLog cost per applicant if every REFER were denied: %.3f; if approved: %.3f%n",
                (double) referAsDeny / total, (double) referAsApprove / total);
        System.out.printf(
                "approval rate %.1f %%; bad rate among approved %.1f %%%n",
                100.0 * (approved[0] + approved[1]) / total,
                approved[0] + approved[1] == 0 ? 0 : 100.0 * approved[1] / (approved[0] + approved[1]));
    }

    /** Whether a fired rule of the answer set or supported the outcome in one of its steps. */
    private static boolean gave(JsonNode fired, Outcome outcome) {
        for (JsonNode effect : fired.path("effects")) {
            if (effect.path("kind").asString().equals(outcome.name())) {
                return true;
            }
        }
        return false;
    }
}
