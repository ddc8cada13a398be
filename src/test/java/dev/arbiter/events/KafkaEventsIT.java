package dev.arbiter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterInstances;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decision events reach a real Kafka broker (a KRaft broker in this JVM, reached over
 * 127.0.0.1 through a {@link BrokerLink} that can cut the network): each committed decision,
 * review, request for review and repayment outcome once, under its application's key, with an
 * {@code occurredAt} that puts an application's events in commit order (the topic's order is not
 * guaranteed: each event is sent by its own after-commit thread); after an
 * outage, every event still arrives; a decision whose transaction rolls back sends nothing.
 */
class KafkaEventsIT {

    private static final String TOPIC = "arbiter.decisions";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    final ArbiterInstances arbiters = new ArbiterInstances();

    private BrokerLink link;
    private EmbeddedKafkaKraftBroker broker;
    private KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    @BeforeEach
    void broker() throws Exception {
        link = new BrokerLink();
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        // the broker would publish its address as a system property that Arbiter would read
        broker.brokerListProperty("kafka-events-it.brokers");
        // clients learn the broker's address from its metadata: every connection goes through the link
        broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + link.port());
        broker.brokerProperty("auto.create.topics.enable", "false");
        broker.afterPropertiesSet();
        link.relayTo(realPort());
        broker.addTopics(TOPIC);
    }

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        link.close();
        broker.destroy();
        System.clearProperty("kafka-events-it.brokers");
        System.clearProperty(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
    }

    private ConfigurableApplicationContext arbiter(String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "arbiter.kafka.bootstrap-servers=127.0.0.1:" + link.port(),
                "arbiter.kafka.resubmit-every=1s",
                "arbiter.kafka.resubmit-after=1s",
                "arbiter.kafka.send-timeout=4s"));
        properties.addAll(List.of(more));
        var home = arbiters.home("kafka-events");
        properties.add("arbiter.audit.checkpoint-file=" + home.dir() + "-checkpoints.jsonl");
        return arbiters.start(home, properties.toArray(String[]::new));
    }

    @Test
    void everyCommittedEventIsPublishedOnceAndItsTimeGivesTheCommitOrder() throws Exception {
        var arbiter = arbiter();
        Http http = Http.workflow(arbiter);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String applicationId = "ev-" + i + "-" + UUID.randomUUID();
            String id = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(applicationId))
                    .json()
                    .path("decisionId")
                    .asString();
            assertThat(http.post(
                                    "/v1/decisions/" + id + "/human-review-request",
                                    Map.of("requestedBy", "applicant", "statement", "please look again"))
                            .status())
                    .isEqualTo(201);
            assertThat(http.post(
                            "/v1/decisions/" + id + "/review",
                            Map.of(
                                    "reviewer",
                                    "j.doe",
                                    "outcome",
                                    "APPROVE",
                                    "reasons",
                                    List.of(),
                                    "note",
                                    "income verified")))
                    .extracting(Http.Answer::status)
                    .isEqualTo(201);
            assertThat(http.post("/v1/decisions/" + id + "/performance", Map.of("status", "GOOD", "observedOn", today))
                            .status())
                    .isEqualTo(201);
            expected.put(applicationId, List.of("DECISION", "HUMAN_REVIEW_REQUEST", "REVIEW", "REPAYMENT_OUTCOME"));
        }

        JdbcClient owner = OwnerJdbc.of(arbiter);
        consume();
        await().atMost(PATIENCE).until(() -> {
            poll();
            return received.size() >= 24 && outstandingExternalizations(owner) == 0;
        });
        poll();

        // the order on the topic is the order the after-commit threads sent in, which may differ from
        // the commit order; occurredAt (the commit's time) restores it
        Map<String, List<String>> types = received.stream()
                .sorted(java.util.Comparator.comparing(
                        r -> java.time.Instant.parse(json(r).path("occurredAt").asString())))
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key,
                        LinkedHashMap::new,
                        Collectors.mapping(r -> json(r).path("type").asString(), Collectors.toList())));
        assertThat(types).isEqualTo(expected);
        assertThat(received.stream().map(r -> json(r).path("eventId").asString()))
                .as("each event once")
                .doesNotHaveDuplicates()
                .hasSize(24);
        for (var record : received) {
            JsonNode event = json(record);
            assertThat(event.path("schema").asString()).isEqualTo("arbiter.decision.v1");
            assertThat(event.path("applicationId").asString()).isEqualTo(record.key());
            // what a person wrote or who they are never leaves: not the applicant, not the reviewer
            assertThat(record.value()).doesNotContain("j.doe", "income verified", "please look again", "applicant\"");
        }
        JsonNode decision = received.stream()
                .map(KafkaEventsIT::json)
                .filter(e -> e.path("type").asString().equals("DECISION"))
                .findFirst()
                .orElseThrow();
        assertThat(decision.path("data").path("outcome").asString()).isEqualTo("APPROVE");
        assertThat(decision.path("data").path("rulesetVersion").asString()).isNotBlank();
    }

    @Test
    void aBrokerOutageDelaysEventsAndLosesNone() throws Exception {
        var arbiter = arbiter();
        JdbcClient owner = OwnerJdbc.of(arbiter);
        Http http = Http.workflow(arbiter);
        link.cut();

        List<String> applications = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String applicationId = "outage-" + i + "-" + UUID.randomUUID();
            assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(applicationId))
                            .status())
                    .as("a decision does not wait for the broker")
                    .isEqualTo(201);
            applications.add(applicationId);
        }
        await().atMost(PATIENCE).until(() -> failedExternalizations(owner) == applications.size());

        link.restore();
        consume();
        await().atMost(PATIENCE).until(() -> {
            poll();
            return received.size() >= applications.size() && outstandingExternalizations(owner) == 0;
        });
        poll();

        assertThat(received.stream().map(ConsumerRecord::key)).containsExactlyInAnyOrderElementsOf(applications);
    }

    @Test
    void aDecisionWhoseTransactionRollsBackPublishesNothing() throws Exception {
        var arbiter = arbiter();
        JdbcClient owner = OwnerJdbc.of(arbiter);
        Http http = Http.workflow(arbiter);
        // fails the decision's transaction at its commit, after the recorder has published its event
        owner.sql("""
                create function refuse_doomed() returns trigger language plpgsql as $$
                begin
                  if new.application_id like 'doomed-%' then raise exception 'refused at commit'; end if;
                  return new;
                end $$
                """).update();
        owner.sql("""
                create constraint trigger refuse_doomed after insert on decision
                  deferrable initially deferred for each row execute function refuse_doomed()
                """).update();

        String doomed = "doomed-" + UUID.randomUUID();
        assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(doomed))
                        .status())
                .as("the commit failed: no decision")
                .isGreaterThanOrEqualTo(500);
        String kept = "kept-" + UUID.randomUUID();
        assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(kept))
                        .status())
                .isEqualTo(201);

        consume();
        await().atMost(PATIENCE).until(() -> {
            poll();
            return received.stream().anyMatch(r -> r.key().equals(kept)) && outstandingExternalizations(owner) == 0;
        });
        poll();
        assertThat(received.stream().map(ConsumerRecord::key)).containsExactly(kept);
        assertThat(owner.sql("select count(*) from decision where application_id = ?")
                        .param(doomed)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private int realPort() {
        String brokers = broker.getBrokersAsString();
        int port = Integer.parseInt(brokers.substring(brokers.lastIndexOf(':') + 1));
        assertThat(port).as("the broker's own listener, not the link").isNotEqualTo(link.port());
        return port;
    }

    private void consume() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + link.port());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        return JSON.readTree(record.value());
    }

    /** Registry rows of the Kafka externalizer not yet completed (a completed row is deleted). */
    private static long outstandingExternalizations(JdbcClient owner) {
        return count(owner, "listener_id like '%.externalize(%'");
    }

    private static long failedExternalizations(JdbcClient owner) {
        return count(owner, "listener_id like '%.externalize(%' and status = 'FAILED'");
    }

    private static long count(JdbcClient owner, String where) {
        return owner.sql("select count(*) from event_publication where " + where)
                .query(Long.class)
                .single();
    }
}
