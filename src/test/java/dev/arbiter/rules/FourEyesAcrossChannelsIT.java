package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import dev.arbiter.security.Caller;
import dev.arbiter.security.People;
import dev.arbiter.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Four eyes compare actors, not channels: a person who authored a draft cannot approve it,
 * whether either step came through a signed client an admin linked to the person or through
 * the console (the console calls {@link RulesetAuthoring} in process with the person's
 * {@link Caller#actor()}, as here).
 */
@ArbiterIT
class FourEyesAcrossChannelsIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    RulesetAuthoring authoring;

    @Autowired
    People people;

    private String person(Role role) {
        String name = "p" + UUID.randomUUID().toString().substring(0, 8);
        people.create(name, "Person " + name, role, "a long enough password", false, "test");
        return name;
    }

    /** A client holding an analyst and an approver key, linked by an admin to the person. */
    private RulesetFixture.Person clientOf(String person) {
        RulesetFixture.Person client = RulesetFixture.person(context, "linked");
        Http.Answer linked = Http.to(context, "admin")
                .post("/v1/admin/clients/" + client.clientId() + "/person", Map.of("person", person));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.json().path("person").asString()).isEqualTo(person);
        return client;
    }

    @Test
    void aDraftAuthoredThroughTheirClientCannotBeApprovedByThePersonInTheConsole() {
        String p = person(Role.APPROVER);
        RulesetFixture.Person client = clientOf(p);

        Http.Answer uploaded = client.http().post("/v1/rulesets", RulesetFixture.upload(RulesetFixture.shippedCopy()));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        String version = uploaded.json().path("version").asString();
        assertThat(uploaded.json().path("author").asString()).isEqualTo("person:" + p);

        Caller inConsole = Caller.person(p, Role.APPROVER);
        assertThatThrownBy(() -> authoring.approve(version, inConsole.actor()))
                .isInstanceOf(RulesetStateException.class)
                .hasMessageContaining("someone else must approve it");
        assertThat(authoring.require(version).status()).isEqualTo(RulesetStatus.DRAFT);

        String other = person(Role.APPROVER);
        assertThat(authoring
                        .approve(version, Caller.person(other, Role.APPROVER).actor())
                        .approvedBy())
                .isEqualTo("person:" + other);
    }

    @Test
    void aDraftAuthoredInTheConsoleCannotBeApprovedThroughThePersonsClient() {
        String p = person(Role.ANALYST);
        Map<String, byte[]> files = new TreeMap<>();
        RulesetFixture.shippedCopy().forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.UTF_8)));
        String version = authoring
                .upload(Ruleset.of(files), null, Caller.person(p, Role.ANALYST).actor())
                .version()
                .version();

        Http.Answer refused = clientOf(p).http().post("/v1/rulesets/" + version + "/approve", "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("OWN_APPROVAL");

        Http.Answer approved =
                RulesetFixture.person(context, "unlinked").http().post("/v1/rulesets/" + version + "/approve", "");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    }

    @Test
    void anUnlinkedClientStillActsAsItself() {
        RulesetFixture.Person client = RulesetFixture.person(context, "unlinked");
        Http.Answer uploaded = client.http().post("/v1/rulesets", RulesetFixture.upload(RulesetFixture.shippedCopy()));
        assertThat(uploaded.json().path("author").asString()).isEqualTo(client.clientId());
    }
}
