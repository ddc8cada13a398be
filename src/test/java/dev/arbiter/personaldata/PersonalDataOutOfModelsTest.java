package dev.arbiter.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.PersonalData;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.recording.DecisionRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PersonalDataOutOfModelsTest {

    private static final PersonalData JANE =
            new PersonalData("Jane Roe", "DE7723991", "jane.roe@example.com", "+4930123456");

    private static DecisionRequest withPii() {
        Map<String, Object> app = ApplicationFixture.steadyEmployedRenter("m-1");
        app.put(
                "pii",
                Map.of(
                        "name",
                        JANE.name(),
                        "nationalId",
                        JANE.nationalId(),
                        "email",
                        JANE.email(),
                        "phone",
                        JANE.phone()));
        var json = JsonMapper.builder().build();
        return json.readValue(json.writeValueAsString(app), DecisionRequest.class);
    }

    @Test
    void theModelInputBuiltFromARequestWithPersonalDataHoldsNoneOfIt() {
        DecisionRequest request = withPii();
        Application app = request.toApplication();
        var deriver = new FeatureDeriver(
                new ThinFileDefinition("tf-1", 12, 2),
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

        String seen = ModelInput.of(app, deriver.derive(app)).values().toString() + app;

        assertThat(request.personalData()).isEqualTo(JANE);
        assertThat(seen).doesNotContain(JANE.name(), JANE.nationalId(), JANE.email(), JANE.phone(), "Jane");
    }

    @Test
    void anApplicationHasNoPlaceForPersonalData() {
        assertThat(Arrays.stream(Application.class.getRecordComponents())
                        .map(c -> c.getName().toLowerCase()))
                .doesNotContain("pii", "name", "nationalid", "email", "phone", "personaldata");
    }

    @Test
    void personalDataNeverPrintsItself() {
        assertThat(JANE.toString()).doesNotContain(JANE.name(), JANE.nationalId(), JANE.email(), JANE.phone());
        assertThat(withPii().toString()).doesNotContain(JANE.name(), JANE.nationalId(), JANE.email(), JANE.phone());
    }

    @Test
    void everyRoleButAuditorSeesPersonalDataMasked() {
        var masked = PersonalDataView.of(JANE, false);

        assertThat(masked).isEqualTo(new PersonalDataView("J*** R***", "***91", "j***@example.com", "***56", true));
        assertThat(PersonalDataView.of(JANE, true).nationalId()).isEqualTo(JANE.nationalId());
        assertThat(PersonalDataView.of(new PersonalData(null, "AB12", null, null), false)
                        .nationalId())
                .isEqualTo("***");
        assertThat(PersonalDataView.of(null, true)).isNull();
    }
}
