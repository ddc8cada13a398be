package dev.arbiter.events;

import dev.arbiter.recording.DecisionEventRecorded;
import dev.arbiter.recording.DecisionRecorded;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.events.core.TargetEventPublication;

/**
 * Sends again, on a schedule, the events whose send to Kafka failed (the broker was down or
 * unreachable): every {@code every}, the registry's failed publications of the Kafka
 * externalizer older than {@code after}, oldest first. Publications of other listeners are left
 * to the registry's restart resubmission. Together with that, an outage delays events and loses
 * none: a row stays in the registry until the broker has acknowledged its record.
 */
final class FailedEventResubmission implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailedEventResubmission.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kafka-resubmission");
        t.setDaemon(true);
        return t;
    });

    FailedEventResubmission(IncompleteEventPublications publications, Duration every, Duration after) {
        ResubmissionOptions options =
                ResubmissionOptions.defaults().withMinAge(after).withFilter(FailedEventResubmission::externalized);
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        publications.resubmitIncompletePublications(options);
                    } catch (RuntimeException e) {
                        log.warn("Resubmitting failed Kafka publications failed; trying again in {}", every, e);
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A publication of the Kafka externalizer (not of a listener in Arbiter). */
    static boolean externalized(EventPublication publication) {
        Object event = publication.getEvent();
        return (event instanceof DecisionRecorded || event instanceof DecisionEventRecorded)
                && publication instanceof TargetEventPublication target
                && target.getTargetIdentifier().getValue().contains(".externalize(");
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
