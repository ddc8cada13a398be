package dev.arbiter.rules;

import static dev.arbiter.RulesetFixture.activeVersion;
import static dev.arbiter.RulesetFixture.approved;
import static dev.arbiter.RulesetFixture.ensureActive;
import static dev.arbiter.RulesetFixture.person;
import static dev.arbiter.RulesetFixture.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@AuthoringIT
class RulesetAuthoringIT {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    Http http;
    dev.arbiter.RulesetFixture.Person alice;
    dev.arbiter.RulesetFixture.Person bob;
    String shipped;

    @BeforeEach
    void client() {
        alice = person(context, "alice");
        bob = person(context, "bob");
        http = alice.http();
        shipped = systemVersion();
        ensureActive(bob, shipped);
    }

    private String systemVersion() {
        for (JsonNode version : http.get("/v1/rulesets").json()) {
            if (version.path("author").asString().equals("system")) {
                return version.path("version").asString();
            }
        }
        throw new IllegalStateException("the shipped ruleset was not imported");
    }

    private JsonNode decide() {
        Http.Answer answer =
                http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("app-" + UUID.randomUUID()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private static List<String> codes(JsonNode problem) {
        return List.of(problem.path("code").asString());
    }

    @Test
    void theShippedFolderIsImportedOnFirstStartAsTheActiveVersionWithItsCases() {
        JsonNode version = http.get("/v1/rulesets/" + shipped).json();

        assertThat(version.path("summary").path("status").asString()).isEqualTo("ACTIVE");
        assertThat(version.path("summary").path("author").asString()).isEqualTo("system");
        assertThat(version.path("files").has("cases/deny-under-age.json")).isTrue();
        assertThat(version.path("files").path("risk.drl").asString())
                .isEqualTo(RulesetFixture.shipped().get("risk.drl"));
        assertThat(decide().path("rulesetVersion").asString()).isEqualTo(shipped);
    }

    @Test
    void anUploadedDraftIsStoredWithItsAuthorAndParentAndTheSameFilesGiveTheSameVersion() {
        Map<String, String> files = RulesetFixture.shippedCopy();

        Http.Answer first = alice.http().post("/v1/rulesets", upload(files, shipped));
        Http.Answer again = alice.http().post("/v1/rulesets", upload(files, shipped));

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().path("status").asString()).isEqualTo("DRAFT");
        assertThat(first.json().path("author").asString()).isEqualTo(alice.clientId());
        assertThat(first.json().path("parent").asString()).isEqualTo(shipped);
        assertThat(first.headers().firstValue("Location"))
                .hasValue("/v1/rulesets/" + first.json().path("version").asString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("version")).isEqualTo(first.json().path("version"));
    }

    @Test
    void aRulesetThatDoesNotCompileIsRefusedWithEveryErrorAndNothingChanges() {
        Map<String, String> files = RulesetFixture.shippedCopy();
        files.put("risk.drl", files.get("risk.drl").replaceFirst("\nwhen\n", "\nwhenn\n"));
        files.put(
                "knockouts.drl",
                files.get("knockouts.drl").replace("knockOut(\"R-UNDERAGE\")", "knockOut(\"R-NO-SUCH-CODE\")"));
        int versionsBefore = http.get("/v1/rulesets").json().size();

        Http.Answer refused = alice.http().post("/v1/rulesets", upload(files));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(codes(refused.json())).containsExactly("RULESET_INVALID");
        List<String> erroneousFiles = new ArrayList<>();
        refused.json().path("errors").forEach(error -> {
            erroneousFiles.add(error.path("file").asString());
            assertThat(error.path("line").asInt()).isPositive();
            assertThat(error.path("message").asString()).isNotBlank();
        });
        assertThat(erroneousFiles).contains("risk.drl", "knockouts.drl");
        assertThat(http.get("/v1/rulesets").json().size()).isEqualTo(versionsBefore);
        assertThat(decide().path("rulesetVersion").asString()).isEqualTo(shipped);
    }

    /** The reproduction of the review: an analyst key uploading a rule that writes a file as the server's user. */
    @Test
    void aRuleThatWouldRunCodeIsRefusedListingEveryOffenceAndNothingRunsOrIsStored() throws Exception {
        java.nio.file.Path marker =
                java.nio.file.Files.createTempDirectory("escape").resolve("PWNED.txt");
        Map<String, String> files = RulesetFixture.shippedCopy();
        files.put("pwned.drl", """
                package arbiter.policy;
                import dev.arbiter.rules.VerdictBuilder;

                rule "XX-01 write a file as the server"
                    @ruleCode("XX-01") @reasonCode(java.nio.file.Files.writeString(java.nio.file.Path.of("%1$s"), "compile"))
                when
                    $v : VerdictBuilder( java.nio.file.Files.writeString(java.nio.file.Path.of("%1$s"), "match") != null )
                then
                    java.nio.file.Files.writeString(java.nio.file.Path.of("%1$s"),
                            "user.name=" + System.getProperty("user.name"));
                end
                """.formatted(marker));
        int versionsBefore = http.get("/v1/rulesets").json().size();

        Http.Answer refused = alice.http().post("/v1/rulesets", upload(files));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(codes(refused.json())).containsExactly("RULESET_INVALID");
        List<String> offences = new ArrayList<>();
        refused.json().path("errors").forEach(error -> {
            assertThat(error.path("file").asString()).isEqualTo("pwned.drl");
            offences.add(error.path("line").asInt() + ":" + error.path("column").asInt());
        });
        assertThat(offences).contains("4:1", "7:26", "9:5");
        assertThat(refused.body()).contains("verdict calls:", "allowed:");
        assertThat(marker).doesNotExist();
        assertThat(http.get("/v1/rulesets").json().size()).isEqualTo(versionsBefore);
        assertThat(decide().path("rulesetVersion").asString()).isEqualTo(shipped);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aDecisionTableAddsItsRulesToTheVersion() {
        Map<String, String> files = RulesetFixture.shippedCopy();
        files.put("tables/purpose.csv", DecisionTableFixture.referBusinessPurpose());

        Http.Answer uploaded = alice.http().post("/v1/rulesets", upload(files));

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode rules = http.get(
                        "/v1/rulesets/" + uploaded.json().path("version").asString())
                .json()
                .path("rules");
        List<String> ruleCodes = new ArrayList<>();
        rules.forEach(rule -> ruleCodes.add(rule.path("ruleCode").asString()));
        assertThat(ruleCodes).contains("DT-01", "KO-01");
    }

    @Test
    void aDecisionTableWithAnUnknownColumnHeaderIsRefusedNamingTheCell() {
        Map<String, String> files = RulesetFixture.shippedCopy();
        files.put(
                "tables/purpose.csv",
                DecisionTableFixture.referBusinessPurpose()
                        .replace("NAME,METADATA,CONDITION", "NAME,METADATA,CONDITON"));

        Http.Answer refused = alice.http().post("/v1/rulesets", upload(files));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("file").asString()).isEqualTo("tables/purpose.csv");
        assertThat(error.path("line").asInt()).isEqualTo(5);
        assertThat(error.path("column").asInt()).isEqualTo(3);
        assertThat(error.path("message").asString()).contains("CONDITON", "CONDITION");
    }

    @Test
    void theDiffOfTwoVersionsListsAddedRemovedAndChangedFilesWithAUnifiedDiff() {
        Map<String, String> files = RulesetFixture.minimumAgeForty();
        files.put("tables/purpose.csv", DecisionTableFixture.referBusinessPurpose());
        String changed = alice.http()
                .post("/v1/rulesets", upload(files))
                .json()
                .path("version")
                .asString();

        JsonNode diff = http.get("/v1/rulesets/" + shipped + "/diff/" + changed).json();

        Map<String, String> changes = new java.util.TreeMap<>();
        diff.path("files")
                .forEach(f ->
                        changes.put(f.path("path").asString(), f.path("change").asString()));
        assertThat(changes)
                .containsEntry("parameters.json", "CHANGED")
                .containsEntry("tables/purpose.csv", "ADDED")
                .containsEntry("cases/approve-band-a.json", "REMOVED")
                .doesNotContainKey("pricing.drl");
        String parametersDiff = diff.path("files")
                .valueStream()
                .filter(f -> f.path("path").asString().equals("parameters.json"))
                .findFirst()
                .orElseThrow()
                .path("unifiedDiff")
                .asString();
        assertThat(parametersDiff)
                .contains(
                        "--- a/parameters.json",
                        "+++ b/parameters.json",
                        "-    \"minAge\": 18,",
                        "+    \"minAge\": 40,")
                .containsPattern("@@ -\\d+,\\d+ \\+\\d+,\\d+ @@");
    }

    @Test
    void testingAVersionRunsItsGoldenCasesAndShowsExpectedAgainstActual() {
        Map<String, String> files = RulesetFixture.minimumAgeForty();
        files.put("cases/approve-band-a.json", RulesetFixture.shipped().get("cases/approve-band-a.json"));
        String version = alice.http()
                .post("/v1/rulesets", upload(files))
                .json()
                .path("version")
                .asString();

        JsonNode passing = http.post("/v1/rulesets/" + shipped + "/test", "").json();
        JsonNode failing = http.post("/v1/rulesets/" + version + "/test", "").json();

        assertThat(passing.path("passed").asBoolean()).isTrue();
        assertThat(passing.path("cases").asInt())
                .isEqualTo(RulesetFixture.shipped().keySet().stream()
                        .filter(p -> p.startsWith("cases/"))
                        .count());
        assertThat(failing.path("passed").asBoolean()).isFalse();
        assertThat(failing.path("failures").asInt()).isEqualTo(1);
        JsonNode bandA = failing.path("results")
                .valueStream()
                .filter(r -> r.path("file").asString().equals("approve-band-a.json"))
                .findFirst()
                .orElseThrow();
        assertThat(bandA.path("expected").path("outcome").asString()).isEqualTo("APPROVE");
        assertThat(bandA.path("actual").path("outcome").asString()).isEqualTo("DENY");
        assertThat(bandA.path("actual").path("reasons").get(0).asString()).isEqualTo("R-UNDERAGE");
        assertThat(bandA.path("actual").path("firedRules").get(0).asString()).isEqualTo("KO-01");
    }

    @Test
    void anAuthorCannotApproveTheirOwnVersion() {
        String version = alice.http()
                .post("/v1/rulesets", upload(RulesetFixture.shippedCopy()))
                .json()
                .path("version")
                .asString();

        Http.Answer refused = alice.http().post("/v1/rulesets/" + version + "/approve", "");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(codes(refused.json())).containsExactly("OWN_APPROVAL");
        assertThat(http.get("/v1/rulesets/" + version)
                        .json()
                        .path("summary")
                        .path("status")
                        .asString())
                .isEqualTo("DRAFT");
    }

    @Test
    void aDraftCannotBeActivatedAndTheActiveVersionKeepsServing() {
        String version = alice.http()
                .post("/v1/rulesets", upload(RulesetFixture.minimumAgeForty()))
                .json()
                .path("version")
                .asString();

        Http.Answer refused = bob.http().post("/v1/rulesets/" + version + "/activate", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(codes(refused.json())).containsExactly("RULESET_NOT_APPROVED");
        assertThat(activeVersion(http)).isEqualTo(shipped);
        assertThat(decide().path("outcome").asString()).isEqualTo("APPROVE");
    }

    @Test
    void anApprovedVersionWhoseCasesFailCannotBeActivated() {
        Map<String, String> files = RulesetFixture.minimumAgeForty();
        files.put("cases/approve-band-a.json", RulesetFixture.shipped().get("cases/approve-band-a.json"));
        String version = approved(alice, bob, files);

        Http.Answer refused = bob.http().post("/v1/rulesets/" + version + "/activate", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(codes(refused.json())).containsExactly("RULESET_CASES_FAILING");
        assertThat(decide().path("rulesetVersion").asString()).isEqualTo(shipped);
    }

    @Test
    void anUnsignedAuthoringRequestIsRefusedAndStoresNothing() {
        int versionsBefore = http.get("/v1/rulesets").json().size();

        Http.Answer refused = new Http(port).post("/v1/rulesets", upload(RulesetFixture.shippedCopy()));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(codes(refused.json())).containsExactly("MISSING_CREDENTIALS");
        assertThat(http.get("/v1/rulesets").json().size()).isEqualTo(versionsBefore);
    }

    @Test
    void aVersionThatDoesNotExistIsNotFoundAndOneThatIsNoHashIsAnInvalidParameter() {
        String unknown = "0".repeat(64);

        Http.Answer missing = bob.http().post("/v1/rulesets/" + unknown + "/activate", "");
        Http.Answer malformed = http.get("/v1/rulesets/not-a-hash");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(codes(missing.json())).containsExactly("RULESET_NOT_FOUND");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(codes(malformed.json())).containsExactly("INVALID_PARAMETER");
        assertThat(http.get("/v1/rulesets/" + unknown + "/diff/" + shipped).status())
                .isEqualTo(404);
    }

    @Test
    void activationSwitchesTheServingVersionAndActivatingTheEarlierOneRollsBackBothRecorded() {
        String stricter = approved(alice, bob, RulesetFixture.minimumAgeForty());

        Http.Answer activated = bob.http().post("/v1/rulesets/" + stricter + "/activate", "");
        JsonNode underStricter = decide();
        Http.Answer rolledBack = alice.http().post("/v1/rulesets/" + shipped + "/activate", "");
        JsonNode afterRollback = decide();

        assertThat(activated.status()).as(activated.body()).isEqualTo(200);
        assertThat(underStricter.path("rulesetVersion").asString()).isEqualTo(stricter);
        assertThat(underStricter.path("outcome").asString()).isEqualTo("DENY");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
        assertThat(afterRollback.path("rulesetVersion").asString()).isEqualTo(shipped);
        assertThat(afterRollback.path("outcome").asString()).isEqualTo("APPROVE");
        JsonNode history = http.get("/v1/rulesets/activations").json();
        assertThat(history.get(0).path("from").asString()).isEqualTo(stricter);
        assertThat(history.get(0).path("to").asString()).isEqualTo(shipped);
        assertThat(history.get(0).path("activatedBy").asString()).isEqualTo(alice.clientId());
        assertThat(history.get(1).path("from").asString()).isEqualTo(shipped);
        assertThat(history.get(1).path("to").asString()).isEqualTo(stricter);
        assertThat(history.get(1).path("activatedBy").asString()).isEqualTo(bob.clientId());
        assertThat(http.get("/v1/rulesets/" + stricter)
                        .json()
                        .path("summary")
                        .path("status")
                        .asString())
                .isEqualTo("RETIRED");
    }
}
