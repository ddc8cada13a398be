package dev.arbiter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tracing off means no tracer at all, not a tracer that samples nothing. With
 * {@code arbiter.tracing.sampling} ({@code ARBITER_TRACING_SAMPLING}) unset or 0, Micrometer
 * Tracing's and OpenTelemetry's tracing auto-configurations are left out: observations then only
 * time (metrics stay as they are), instead of also opening an unsampled span, a scope and the
 * logging context's trace ids on every request and every step of a decision (measured: about 3 %
 * of a request thread's CPU, docs/benchmarks.md). Also, a caller's sampled {@code traceparent}
 * cannot switch tracing on from outside. Any sampling above 0 leaves everything in place.
 */
public final class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final List<String> TRACING_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
            "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin.ZipkinWithOpenTelemetryTracingAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (on(environment)) {
            return;
        }
        Set<String> excluded = new LinkedHashSet<>();
        String existing = environment.getProperty("spring.autoconfigure.exclude", "");
        for (String name : existing.split(",")) {
            if (!name.isBlank()) {
                excluded.add(name.trim());
            }
        }
        excluded.addAll(TRACING_AUTO_CONFIGURATIONS);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "arbiterTracingOff", Map.of("spring.autoconfigure.exclude", String.join(",", excluded))));
    }

    static boolean on(ConfigurableEnvironment environment) {
        String sampling = environment.getProperty("arbiter.tracing.sampling", "0");
        try {
            return Double.parseDouble(sampling.trim()) > 0;
        } catch (NumberFormatException e) {
            // not a number: leave tracing configured, so Spring Boot's own binding names the bad value
            return true;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
