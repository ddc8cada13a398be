package dev.arbiter.ensemble;

import dev.arbiter.ArbiterProperties;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model ensemble the core's {@code ModelEnsemble} port is served by. */
@Configuration(proxyBeanMethods = false)
class EnsembleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EnsembleConfiguration.class);

    /** The ensemble of {@code engine/ensemble.yaml}; refuses to start, listing every problem, when it is invalid. */
    @Bean(destroyMethod = "close")
    RoutedEnsemble modelEnsemble(
            ArbiterProperties properties, Clock clock, ObjectProvider<ObservationRegistry> observations) {
        RoutedEnsemble ensemble = RoutedEnsemble.load(properties.engineDir(), clock);
        observations.ifAvailable(ensemble::observeWith);
        log.info("Model ensemble from {}", properties.engineDir().resolve("ensemble.yaml"));
        return ensemble;
    }

    @Bean
    HealthIndicator ensembleHealthIndicator(RoutedEnsemble ensemble) {
        return new EnsembleHealth(ensemble);
    }

    @Bean
    MeterBinder ensembleMetrics(RoutedEnsemble ensemble) {
        return new EnsembleMetrics(ensemble);
    }
}
