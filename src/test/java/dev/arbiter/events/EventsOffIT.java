package dev.arbiter.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.OwnerJdbc;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Without {@code ARBITER_KAFKA_BOOTSTRAP_SERVERS} (as Arbiter runs by default) there is no
 * outbox writer and no sender: a decision stores nothing for Kafka, no sender thread runs, and
 * no Kafka client exists to connect anywhere.
 */
@ArbiterIT
class EventsOffIT {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutBootstrapServersNothingIsQueuedForKafkaAndNoClientExists() throws Exception {
        assertThat(context.getBeansOfType(EventOutbox.class)).isEmpty();
        assertThat(context.getBeansOfType(OutboxSender.class)).isEmpty();

        JdbcClient owner = OwnerJdbc.of(context);
        String applicationId = "off-" + UUID.randomUUID();
        assertThat(Http.to(context, "originator")
                        .post("/v1/decisions", ApplicationFixture.steadyEmployedRenter(applicationId))
                        .status())
                .isEqualTo(201);
        // nothing would remove a row here with Kafka off: a row written would still be there
        assertThat(owner.sql("select count(*) from event_outbox where key = ?")
                        .param(applicationId)
                        .query(Long.class)
                        .single())
                .as("the decision's outbox rows")
                .isZero();

        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .as("no sender thread")
                .doesNotContain("arbiter-event-sender");
        var beans = ManagementFactory.getPlatformMBeanServer();
        assertThat(beans.queryNames(new ObjectName("kafka.producer:type=app-info,*"), null))
                .as("no Kafka producer")
                .isEmpty();
        assertThat(beans.queryNames(new ObjectName("kafka.admin.client:type=app-info,*"), null))
                .as("no Kafka admin client")
                .isEmpty();
    }
}
