package dev.arbiter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterInstances;
import dev.arbiter.FailingCommits;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import dev.arbiter.storage.PostgresServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * 127.0.0.1 through a {@link BrokerLink} that can cut the network) in commit order per
 * application, as the topic holds them (nobody re-sorts): each committed decision, review,
 * request for review and repayment outcome once, under its application's key; after an outage,
 * every event still arrives, in order; a decision whose transaction rolls back sends nothing;
 * applications whose events follow one another quickly from several threads, and two nodes
 * sending from one database, keep the order too.
 */
class KafkaEventsIT {

    private static final String TOPIC = "arbiter.decisions";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LIFE = List.of("DECISION", "HUMAN_REVIEW_REQUEST", "REVIEW", "REPAYMENT_OUTCOME");

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
        return arbiter(arbiters.home("kafka-events"), "", more);
    }

    private ConfigurableApplicationContext arbiter(ArbiterInstances.Home home, String node, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "arbiter.kafka.bootstrap-servers=127.0.0.1:" + link.port(),
                "arbiter.kafka.sweep-every=1s",
                "arbiter.kafka.retry-backoff-max=1s",
                "arbiter.kafka.send-timeout=4s",
                "arbiter.security.rate-limit=1000000"));
        properties.addAll(List.of(more));
        properties.add("arbiter.audit.checkpoint-file=" + home.dir() + node + "-checkpoints.jsonl");
        return arbiters.start(home, properties.toArray(String[]::new));
    }

    @Test
    void everyCommittedEventIsPublishedOnceInCommitOrderPerApplication() throws Exception {
        var arbiter = arbiter();
        Http http = Http.workflow(arbiter);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            String applicationId = "ev-" + i + "-" + UUID.randomUUID();
            live(http, http, applicationId);
            expected.put(applicationId, LIFE);
        }

        JdbcClient owner = OwnerJdbc.of(arbiter);
        receiveAll(24, owner);

        // the topic's own order, per key (one partition per key, read in offset order)
        assertThat(typesPerKey()).isEqualTo(expected);
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
        assertThat(decision.path("eventId").asString())
                .isEqualTo(decision.path("decisionId").asString());
    }

    @Test
    void aBrokerOutageDelaysEventsLosesNoneAndKeepsTheirOrder() throws Exception {
        var arbiter = arbiter();
        JdbcClient owner = OwnerJdbc.of(arbiter);
        MeterRegistry meters = arbiter.getBean(MeterRegistry.class);
        Http http = Http.workflow(arbiter);
        link.cut();

        Map<String, List<String>> expected = new LinkedHashMap<>();
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (int i = 0; i < 4; i++) {
            String applicationId = "outage-" + i + "-" + UUID.randomUUID();
            String id = decide(http, applicationId);
            assertThat(http.post("/v1/decisions/" + id + "/performance", Map.of("status", "GOOD", "observedOn", today))
                            .status())
                    .as("a repayment outcome does not wait for the broker either")
                    .isEqualTo(201);
            expected.put(applicationId, List.of("DECISION", "REPAYMENT_OUTCOME"));
        }
        // the sender tried while the network was cut, and every event still waits in the outbox
        await().atMost(PATIENCE)
                .until(() -> meters.get("arbiter.events.send.failures")
                                .functionCounter()
                                .count()
                        > 0);
        assertThat(unsent(owner)).isEqualTo(8);
        assertThat(meters.get("arbiter.events.unsent").gauge().value()).isEqualTo(8.0);

        link.restore();
        receiveAll(8, owner);

        assertThat(typesPerKey()).isEqualTo(expected);
        assertThat(received.stream().map(r -> json(r).path("eventId").asString()))
                .as("each event once")
                .doesNotHaveDuplicates()
                .hasSize(8);
        assertThat(meters.get("arbiter.events.unsent").gauge().value()).isZero();
    }

    @Test
    void aDecisionWhoseTransactionRollsBackPublishesNothing() throws Exception {
        var arbiter = arbiter();
        JdbcClient owner = OwnerJdbc.of(arbiter);
        Http http = Http.workflow(arbiter);
        // fails the decision's transaction at its commit, after the outbox row has been written
        FailingCommits.forApplicationsStartingWith(owner, "doomed-");

        String doomed = "doomed-" + UUID.randomUUID();
        assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(doomed))
                        .status())
                .as("the commit failed: no decision")
                .isGreaterThanOrEqualTo(500);
        String kept = "kept-" + UUID.randomUUID();
        assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(kept))
                        .status())
                .isEqualTo(201);

        receiveAll(1, owner);
        assertThat(received.stream().map(ConsumerRecord::key)).containsExactly(kept);
        assertThat(owner.sql("select count(*) from decision where application_id = ?")
                        .param(doomed)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * Many applications, each with its four events in quick succession, from several threads at
     * once: on the topic every application's events are in commit order. (Sent by one thread per
     * event after its commit, a later event of an application could overtake an earlier one.)
     */
    @Test
    void eventsFollowingEachOtherQuicklyFromManyThreadsKeepTheirOrder() throws Exception {
        var arbiter = arbiter();
        Http http = Http.workflow(arbiter);
        int threads = 6;
        int perThread = 6;
        Map<String, List<String>> expected = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                running.add(clients.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String applicationId = "quick-" + thread + "-" + i + "-" + UUID.randomUUID();
                        live(http, http, applicationId);
                        expected.put(applicationId, LIFE);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }

        receiveAll(threads * perThread * 4, OwnerJdbc.of(arbiter));
        assertThat(typesPerKey()).isEqualTo(expected);
        assertThat(received.stream().map(r -> json(r).path("eventId").asString()))
                .as("each event once")
                .doesNotHaveDuplicates()
                .hasSize(threads * perThread * 4);
    }

    /**
     * Two nodes on one database, both sending: each application's events are made on both nodes in
     * turn, yet every event arrives once and in commit order (one sender at a time, from the one
     * outbox); events one node stored during an outage the other sends after that node stopped.
     */
    @Test
    void twoNodesOnOneDatabaseSendEachEventOnceInOrderAndEitherSendsWhatTheOtherStored() throws Exception {
        ArbiterInstances.Home home = arbiters.home("kafka-events-two");
        var first = arbiter(home, "");
        PostgresServer db = first.getBean(PostgresServer.class);
        var second = arbiter(
                home,
                "-second",
                "arbiter.db.url=" + db.jdbcUrl(),
                "arbiter.db.username=" + db.app().username(),
                "arbiter.db.password=" + db.app().password(),
                "arbiter.db.owner-username=" + db.owner().username(),
                "arbiter.db.owner-password=" + db.owner().password());
        Http one = Http.workflow(first);
        Http two = Http.workflow(second);
        Map<String, List<String>> expected = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                running.add(clients.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        String applicationId = "two-" + thread + "-" + i + "-" + UUID.randomUUID();
                        // thread 0 decides on the first node and goes on on the second; thread 1 the other way
                        live(thread == 0 ? one : two, thread == 0 ? two : one, applicationId);
                        expected.put(applicationId, LIFE);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }

        JdbcClient owner = OwnerJdbc.of(first);
        receiveAll(40, owner);
        assertThat(typesPerKey()).isEqualTo(expected);
        assertThat(received.stream().map(r -> json(r).path("eventId").asString()))
                .as("each event once")
                .doesNotHaveDuplicates()
                .hasSize(40);

        // what one node stored while the broker was away, the other sends once that node is gone
        link.cut();
        for (int i = 0; i < 3; i++) {
            String applicationId = "left-" + i + "-" + UUID.randomUUID();
            decide(two, applicationId);
            expected.put(applicationId, List.of("DECISION"));
        }
        assertThat(unsent(owner)).isEqualTo(3);
        second.close();
        link.restore();
        receiveAll(43, owner);
        assertThat(typesPerKey()).isEqualTo(expected);
        assertThat(received.stream().map(r -> json(r).path("eventId").asString()))
                .as("each event once")
                .doesNotHaveDuplicates()
                .hasSize(43);
    }

    /** A decision, a request for review, a review and a repayment outcome, one after another. */
    private static void live(Http deciding, Http following, String applicationId) {
        String id = decide(deciding, applicationId);
        assertThat(following
                        .post(
                                "/v1/decisions/" + id + "/human-review-request",
                                Map.of("requestedBy", "applicant", "statement", "please look again"))
                        .status())
                .isEqualTo(201);
        assertThat(deciding.post(
                                "/v1/decisions/" + id + "/review",
                                Map.of(
                                        "reviewer",
                                        "j.doe",
                                        "outcome",
                                        "APPROVE",
                                        "reasons",
                                        List.of(),
                                        "note",
                                        "income verified"))
                        .status())
                .isEqualTo(201);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(following
                        .post("/v1/decisions/" + id + "/performance", Map.of("status", "GOOD", "observedOn", today))
                        .status())
                .isEqualTo(201);
    }

    private static String decide(Http http, String applicationId) {
        Http.Answer answer = http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(applicationId));
        assertThat(answer.status())
                .as("a decision does not wait for the broker")
                .isEqualTo(201);
        return answer.json().path("decisionId").asString();
    }

    /** Reads the topic until {@code count} records arrived and the outbox is empty, then a little more. */
    private void receiveAll(int count, JdbcClient owner) {
        consume();
        await().atMost(PATIENCE).until(() -> {
            poll();
            return received.size() >= count && unsent(owner) == 0;
        });
        poll();
    }

    /** Each key's event types in the order the topic holds them. */
    private Map<String, List<String>> typesPerKey() {
        return received.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key,
                        LinkedHashMap::new,
                        Collectors.mapping(r -> json(r).path("type").asString(), Collectors.toList())));
    }

    private int realPort() {
        String brokers = broker.getBrokersAsString();
        int port = Integer.parseInt(brokers.substring(brokers.lastIndexOf(':') + 1));
        assertThat(port).as("the broker's own listener, not the link").isNotEqualTo(link.port());
        return port;
    }

    private void consume() {
        if (consumer != null) {
            return;
        }
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

    private static long unsent(JdbcClient owner) {
        return owner.sql("select count(*) from event_outbox").query(Long.class).single();
    }
}
